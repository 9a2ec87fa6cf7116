/**
 * A whole call that threw, as the engine should see it: 403 REQUEST_LIMIT_EXCEEDED (the org's daily allowance is
 * spent) is raised as its own error so the run stops at its last checkpoint; anything else becomes a classified
 * SalesforceConnectorError (retryable, config or record) the push phase reads from `error.info`.
 */
import { classifyCallError, SalesforceConnectorError } from './errors.js';

export function isQuotaError(error: unknown): boolean {
  return classifyCallError(error).code === 'REQUEST_LIMIT_EXCEEDED';
}

export function quotaStop(error: unknown): SalesforceConnectorError {
  // Already raised as the quota stop (api.ts converts every call's refusal): keep it, do not wrap its text again.
  if (error instanceof SalesforceConnectorError && error.info.code === 'REQUEST_LIMIT_EXCEEDED') return error;
  const info = classifyCallError(error);
  return new SalesforceConnectorError(
    `Salesforce answered "${info.message}" (REQUEST_LIMIT_EXCEEDED: the org's daily API requests are used up)`,
    'retryable',
    'REQUEST_LIMIT_EXCEEDED',
  );
}

/** Rethrow-ready: the quota stop, or the error with its classification attached. */
export function callFailure(error: unknown, what: string): SalesforceConnectorError {
  if (isQuotaError(error)) return quotaStop(error);
  if (error instanceof SalesforceConnectorError) return error;
  const info = classifyCallError(error);
  return new SalesforceConnectorError(`${what}: ${info.message}`, info.class, info.code, info.field);
}
