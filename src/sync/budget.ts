/**
 * The CRM's daily API allowance is shared: people, other integrations and tomorrow's first run need some of it. Writes
 * stop *before* a limit is crossed, not after: before each batch the push asks whether the calls the batch may cost
 * still fit. What does not fit stays in the outbox (ordered by priority, so the most important changes went first) and
 * the next run writes it.
 *
 * Limits, any of which stops the writes:
 * - `maxCallsPerRun`: calls this run has made (pull included);
 * - `runSharePercent` of the CRM's daily limit: the same count, as a share of what the CRM reports;
 * - `reservePercent`: the day's usage (every integration, as the CRM reports it) may not pass 100 − reservePercent %.
 * The CRM's limit and usage come from its own headers (Salesforce `Sforce-Limit-Info`); a CRM that reports none
 * (the file connector) is limited by `maxCallsPerRun` only.
 */
import type { EngineDeps } from './engine-deps.js';

/**
 * The CRM refused a call because its daily allowance is used up (Salesforce 403 REQUEST_LIMIT_EXCEEDED): every further
 * call would be refused too, so the push ends at its last settled batch and the run ends partial.
 */
export class QuotaExhaustedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuotaExhaustedError';
  }
}

/** The code a connector's classified error carries when the CRM's daily allowance is spent. */
export const QUOTA_CODE = 'REQUEST_LIMIT_EXCEEDED';

/**
 * The CRM's words when `error` is its refusal for a spent daily allowance (a connector's classified error whose
 * `info.code` is QUOTA_CODE), else null. Any phase may meet it: every later call would be refused too.
 */
export function quotaRefusal(error: unknown): string | null {
  if (error instanceof QuotaExhaustedError) return error.message;
  if (typeof error !== 'object' || error === null || !('info' in error)) return null;
  const info = (error as { info: unknown }).info;
  if (typeof info !== 'object' || info === null || (info as { code?: unknown }).code !== QUOTA_CODE) return null;
  const message = (info as { message?: unknown }).message;
  return typeof message === 'string' && message.length > 0 ? message : QUOTA_CODE;
}

/** Why writing stops, in words for the run record; null while the next batch fits. */
export function budgetStop(deps: Pick<EngineDeps, 'connector' | 'settings'>, callsAtStart: number, nextBatchCalls = 1): string | null {
  const usage = deps.connector.usage();
  const { maxCallsPerRun, reservePercent, runSharePercent } = deps.settings;
  const runCalls = usage.calls - callsAtStart;
  if (maxCallsPerRun !== null && runCalls + nextBatchCalls > maxCallsPerRun) return `this run made ${runCalls} API calls of its ${maxCallsPerRun} (budgets.maxCallsPerRun)`;
  if (usage.limit === null || usage.remaining === null || usage.limit <= 0) return null;
  const share = (usage.limit * runSharePercent) / 100;
  if (runCalls + nextBatchCalls > share) {
    return `this run made ${runCalls} API calls, and may use ${runSharePercent} % of the daily limit of ${usage.limit} (budgets.runSharePercent)`;
  }
  const used = usage.limit - usage.remaining;
  const ceiling = (usage.limit * (100 - reservePercent)) / 100;
  if (used + nextBatchCalls > ceiling) {
    return `the org has used ${used} of its ${usage.limit} daily API requests; ${reservePercent} % stays in reserve (budgets.reservePercent)`;
  }
  return null;
}

/** Kept for callers that only need yes/no. */
export function budgetExhausted(deps: Pick<EngineDeps, 'connector' | 'settings'>, callsAtStart: number, nextBatchCalls = 1): boolean {
  return budgetStop(deps, callsAtStart, nextBatchCalls) !== null;
}

/**
 * What the next batch may cost, learnt from the batches so far: a CRM batch can take several calls (Salesforce
 * splits it into 200-record calls below its Bulk threshold, and runs a Bulk API 2.0 job of a few calls above it), so
 * the most one batch has cost is kept as the margin. The first batch is assumed to cost one call: a run can pass a
 * limit by at most that first batch's extra calls (a few for Salesforce, against limits of thousands).
 */
export class BatchCostEstimate {
  private maxCalls = 1;

  estimate(): number {
    return this.maxCalls;
  }

  observe(calls: number): void {
    this.maxCalls = Math.max(this.maxCalls, calls);
  }
}
