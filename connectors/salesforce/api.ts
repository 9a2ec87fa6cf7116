/**
 * Every Salesforce HTTP call the connector makes goes through one metered transport: it counts the calls (pages of a
 * query, retries and Bulk 2.0 requests included, since each one spends the org's daily allowance) and keeps the org's
 * own usage from the `Sforce-Limit-Info` header that Salesforce returns on every REST response. jsforce parses that
 * header only for `conn.request` calls, and not for Bulk 2.0 (see BEHAVIOR.md), so we read it at the transport.
 *
 * `call()` also bounds how many calls run at once (p-queue), so a batch of writes never floods the org.
 */
import type { Connection } from 'jsforce';
import PQueue from 'p-queue';
import type { ApiUsage } from '../../src/connector/connector.js';
import { isQuotaError, quotaStop } from './call-failure.js';

export interface SalesforceApi {
  readonly conn: Connection;
  /** Runs one logical operation (which may make several HTTP calls) inside the concurrency limit. */
  call<T>(fn: (conn: Connection) => PromiseLike<T>): Promise<T>;
  /** HTTP calls made so far, and the org's daily limit and what remains as Salesforce last reported them. */
  usage(): ApiUsage;
}

export interface OrgUsage {
  used: number;
  limit: number;
}

/** `api-usage=18/15000` (optionally followed by `; api-bursts=…`), or null when the header is absent or malformed. */
export function parseLimitInfo(header: string | string[] | undefined): OrgUsage | null {
  const text = Array.isArray(header) ? header.join(';') : header;
  const match = text?.match(/(?:^|[;\s])api-usage=(\d+)\/(\d+)/);
  if (!match) return null;
  return { used: Number(match[1]), limit: Number(match[2]) };
}

interface HttpResponseLike {
  headers?: Record<string, string | string[] | undefined>;
}

/** The part of jsforce's (protected) transport we wrap; it is the same object for REST, SOAP and Bulk 2.0 calls. */
interface TransportLike {
  httpRequest(req: unknown, options?: unknown): PromiseLike<HttpResponseLike | undefined>;
}

export function createSalesforceApi(conn: Connection, options: { concurrency: number }): SalesforceApi {
  const queue = new PQueue({ concurrency: Math.max(1, options.concurrency) });
  let calls = 0;
  let org: OrgUsage | null = null;

  const transport = (conn as unknown as { _transport: TransportLike })._transport;
  const send = transport.httpRequest.bind(transport);
  transport.httpRequest = (req: unknown, requestOptions?: unknown) => {
    calls += 1;
    const pending = send(req, requestOptions);
    pending.then(
      (response) => {
        const reported = parseLimitInfo(response?.headers?.['sforce-limit-info']);
        if (reported) org = reported;
      },
      () => undefined, // the caller sees the error; the meter only reads successful responses' headers
    );
    return pending;
  };

  return {
    conn,
    call<T>(fn: (c: Connection) => PromiseLike<T>): Promise<T> {
      // jsforce's Query is a thenable, not a Promise: await it inside so the queue sees a real promise.
      // A 403 REQUEST_LIMIT_EXCEEDED, from any call (a query page, a describe, a write), is raised as the classified
      // quota stop the engine recognises (`info.code`), so a pull ends the run partial instead of failing it.
      return queue.add(async () => {
        try {
          return await fn(conn);
        } catch (error) {
          throw isQuotaError(error) ? quotaStop(error) : error;
        }
      });
    },
    usage(): ApiUsage {
      return { calls, limit: org?.limit ?? null, remaining: org ? Math.max(0, org.limit - org.used) : null };
    },
  };
}
