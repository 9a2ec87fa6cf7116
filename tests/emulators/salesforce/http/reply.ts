/** What a handler answers, independent of node:http: status, headers and a JSON, CSV, XML or empty body. */
import type { IncomingHttpHeaders } from 'node:http';
import { RequestError } from '../org/save-errors.js';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RequestInfo {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Named groups of the route pattern (version, object, id, …). */
  params: Record<string, string>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json;charset=UTF-8', ...headers }, body: JSON.stringify(body) };
}

export function csv(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'text/csv', ...headers }, body };
}

export function xml(status: number, body: string): Reply {
  return { status, headers: { 'Content-Type': 'text/xml;charset=UTF-8' }, body };
}

export function noContent(): Reply {
  return { status: 204, headers: {}, body: '' };
}

/** The REST error body: `[{ "message": …, "errorCode": … }]`. */
export function apiError(status: number, errorCode: string, message: string, extra: Record<string, unknown> = {}): Reply {
  return json(status, [{ message, errorCode, ...extra }]);
}

export function errorReply(error: RequestError): Reply {
  return json(error.status, error.body());
}

export const NOT_FOUND = (): Reply => apiError(404, 'NOT_FOUND', 'The requested resource does not exist');

/** Parses a JSON request body; a syntax error is the API's JSON_PARSER_ERROR. */
export function jsonBody(request: RequestInfo): unknown {
  try {
    return JSON.parse(request.body.toString('utf8') || 'null');
  } catch (error) {
    throw new RequestError(400, 'JSON_PARSER_ERROR', `Unexpected character in JSON body: ${(error as Error).message}`);
  }
}
