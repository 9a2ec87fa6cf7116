/**
 * The one place Salesforce errors are classified (DESIGN.md "Reliability rules"): retryable (throttling, server
 * trouble, network, row locks), config (fix-your-setup: permissions, missing or read-only field, picklist, session)
 * or record (this record's data: deleted, validation rule, bad id). The engine retries only `retryable`; the others
 * are kept with Salesforce's own message and replayed after someone fixes the cause.
 *
 * Sources: REST API "Status Codes and Error Responses" and the StatusCode enum of the SOAP API (see BEHAVIOR.md).
 */
import { ConnectorError } from '../../src/connector/connector.js';
import type { CrmErrorInfo, ErrorClass } from '../../src/model/sync.js';

export const CONNECTOR_NAME = 'salesforce';

/** A ConnectorError carrying its classification, read by the engine's push phase (`error.info`). */
export class SalesforceConnectorError extends ConnectorError {
  readonly info: CrmErrorInfo;

  constructor(message: string, errorClass: ErrorClass, code: string, field?: string) {
    super(message, CONNECTOR_NAME);
    this.name = 'SalesforceConnectorError';
    this.info = field === undefined ? { class: errorClass, code, message } : { class: errorClass, code, message, field };
  }
}

/**
 * Salesforce status codes (per-record `statusCode` in collection and bulk results, request-level `errorCode`) by class.
 * A code not listed is a `record` error: kept with its message, never retried blindly.
 */
const CLASS_BY_CODE: Readonly<Record<string, ErrorClass>> = {
  // Transient: the same request can succeed later.
  UNABLE_TO_LOCK_ROW: 'retryable',
  SERVER_UNAVAILABLE: 'retryable',
  REQUEST_RUNNING_TOO_LONG: 'retryable',
  QUERY_TIMEOUT: 'retryable',
  REQUEST_LIMIT_EXCEEDED: 'retryable', // the daily allowance: the run stops, the writes wait for tomorrow's budget
  ALL_OR_NONE_OPERATION_ROLLED_BACK: 'retryable', // rolled back because another record of the call failed
  TXN_SECURITY_METERING_ERROR: 'retryable',
  // Fix-your-setup: the same request fails until an admin changes the org or ScoreSync's mapping.
  INVALID_FIELD: 'config',
  INVALID_FIELD_FOR_INSERT_UPDATE: 'config',
  INVALID_TYPE: 'config',
  INVALID_TYPE_ON_FIELD_IN_RECORD: 'config',
  INSUFFICIENT_ACCESS_OR_READONLY: 'config',
  INSUFFICIENT_ACCESS: 'config',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'config',
  STRING_TOO_LONG: 'config',
  NUMBER_OUTSIDE_VALID_RANGE: 'config',
  INVALID_SESSION_ID: 'config',
  API_DISABLED_FOR_ORG: 'config',
  API_CURRENTLY_DISABLED: 'config',
  NOT_FOUND: 'config',
  INVALID_AUTH_HEADER: 'config',
  // This record's own data (listed for documentation; unlisted codes are `record` too).
  ENTITY_IS_DELETED: 'record',
  MALFORMED_ID: 'record',
  INVALID_ID_FIELD: 'record',
  INVALID_CROSS_REFERENCE_KEY: 'record',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'record',
  FIELD_INTEGRITY_EXCEPTION: 'record',
  REQUIRED_FIELD_MISSING: 'record',
  DUPLICATE_VALUE: 'record',
  DUPLICATES_DETECTED: 'record',
  INACTIVE_OWNER_OR_USER: 'record',
  CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: 'record',
  ENTITY_IS_LOCKED: 'record',
};

/** HTTP statuses that mean "try again later" whatever the body says. */
const RETRYABLE_HTTP = new Set([408, 420, 429, 500, 502, 503, 504]);

/** Node/undici network error codes: the request may not have reached Salesforce, or its answer was lost. */
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET']);

/** Classify one per-record error (`{statusCode, message, fields}` of a collection result, or a Bulk `sf__Error`). */
export function classifyStatusCode(statusCode: string, message: string, fields: readonly string[] = []): CrmErrorInfo {
  const code = statusCode || 'UNKNOWN_ERROR';
  // Triggers and flows surface a lock on a related row as CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY with the lock in the text.
  const errorClass = /UNABLE_TO_LOCK_ROW/.test(message) ? 'retryable' : (CLASS_BY_CODE[code] ?? 'record');
  const info: CrmErrorInfo = { class: errorClass, code, message };
  const field = fields.find((f) => f.length > 0);
  return field === undefined ? info : { ...info, field };
}

/** A Bulk API 2.0 `sf__Error` cell: `STATUS_CODE:message:fields` (fields may be empty). */
export function classifyBulkError(cell: string): CrmErrorInfo {
  const [statusCode = '', ...rest] = cell.split(':');
  const looksLikeCode = /^[A-Z_]+$/.test(statusCode);
  if (!looksLikeCode) return classifyStatusCode('UNKNOWN_ERROR', cell);
  const tail = rest.join(':');
  const lastColon = tail.lastIndexOf(':');
  const message = lastColon >= 0 ? tail.slice(0, lastColon) : tail;
  const fields = lastColon >= 0 ? tail.slice(lastColon + 1).split(',').map((f) => f.trim()) : [];
  return classifyStatusCode(statusCode, message || cell, fields);
}

interface ErrorLike {
  name?: unknown;
  errorCode?: unknown;
  code?: unknown;
  message?: unknown;
  statusCode?: unknown;
  data?: unknown;
  info?: unknown;
}

/**
 * Classify a whole call that threw: jsforce's HttpApiError (`errorCode` from the body, or `ERROR_HTTP_<status>` for a
 * non-JSON body; `MULTIPLE_API_ERRORS` with the list in `data`), a network error (`code`), or our own error.
 */
export function classifyCallError(error: unknown): CrmErrorInfo {
  if (error instanceof SalesforceConnectorError) return error.info;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const message = typeof e.message === 'string' && e.message.length > 0 ? e.message : String(error);
  const networkCode = typeof e.code === 'string' ? e.code : null;
  if (networkCode && RETRYABLE_NETWORK.has(networkCode)) return { class: 'retryable', code: networkCode, message };

  const errorCode = typeof e.errorCode === 'string' ? e.errorCode : typeof e.name === 'string' ? e.name : '';
  const httpStatus = /^ERROR_HTTP_(\d{3})$/.exec(errorCode)?.[1];
  if (httpStatus) {
    const status = Number(httpStatus);
    return { class: RETRYABLE_HTTP.has(status) ? 'retryable' : status === 401 || status === 403 ? 'config' : 'record', code: errorCode, message };
  }
  if (errorCode === 'MULTIPLE_API_ERRORS' && Array.isArray(e.data)) {
    const first = e.data[0] as { errorCode?: unknown; message?: unknown } | undefined;
    if (first && typeof first.errorCode === 'string') return classifyStatusCode(first.errorCode, typeof first.message === 'string' ? first.message : message);
  }
  if (errorCode in CLASS_BY_CODE) return classifyStatusCode(errorCode, message);
  if (/socket hang up|network|timed? ?out/i.test(message)) return { class: 'retryable', code: networkCode ?? 'NETWORK_ERROR', message };
  return { class: 'record', code: errorCode || networkCode || 'UNKNOWN_ERROR', message };
}
