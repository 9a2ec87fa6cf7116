/**
 * Every error the admin API returns is JSON `{error, message}` with the status that fits: a code for programs, a
 * sentence for people. Unexpected errors are logged here and answered with a plain 500: no stack, no internals.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import type { Logger } from '../log/logger.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** "events[3].occurredAt: Invalid ISO datetime; connector: …" — the first few problems, each with its path. */
export function zodMessage(error: z.ZodError, limit = 5): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
    return `${path || '(body)'}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return parts.join('; ') + more;
}

export function badRequest(error: z.ZodError, what: string): HttpError {
  return new HttpError(400, 'invalid_request', `${what}: ${zodMessage(error)}`);
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `no route ${req.method} ${req.path}`));
};

/** body-parser's errors carry a `type`; these are the client's fault and say what to fix. */
const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'malformed_json', message: 'the request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'body_too_large', message: 'the request body is larger than the limit (service.bodyLimitKb)' },
  'encoding.unsupported': { status: 415, code: 'unsupported_encoding', message: 'the request body encoding is not supported; send UTF-8 JSON' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset', message: 'the request charset is not supported; send UTF-8 JSON' },
  'request.aborted': { status: 400, code: 'request_aborted', message: 'the request was aborted before its body arrived' },
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpError) {
      res.status(error.status).json({ error: error.code, message: error.message });
      return;
    }
    const type = (error as { type?: unknown }).type;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (known) {
      res.status(known.status).json({ error: known.code, message: known.message });
      return;
    }
    logger.error('unexpected error in the admin API', { method: req.method, path: req.path, error: error instanceof Error ? error.message : String(error) });
    res.status(500).json({ error: 'internal', message: 'an unexpected error occurred; the service log has the details' });
  };
}
