/**
 * Output fields onto Account, Contact or Lead records. Up to `bulkThreshold` records go through sObject Collections
 * (200 a call, the calls of one batch side by side within the connector's concurrency); more go through one Bulk API
 * 2.0 ingest job. Each record gets its own outcome, matched by id:
 * - a retryable per-record error (UNABLE_TO_LOCK_ROW above all) is sent again after a pause, in collection calls made
 *   one at a time (a lock usually means another job is updating the same rows: parallel retries fight it), a bounded
 *   number of times, then reported retryable so the engine tries again in its next pass or run;
 * - a permanent one (read-only field, bad picklist value, validation rule, deleted record) is reported with
 *   Salesforce's own message, class 'config' or 'record';
 * - a whole call that fails (5xx, dropped connection, deadline) fails its records with that call's classification;
 * - 403 REQUEST_LIMIT_EXCEEDED (the org's daily allowance is spent) throws: the engine ends the run cleanly.
 * The updates hold only changed values (the engine diffs against what Salesforce holds); null clears the field.
 */
import type { FieldUpdate, WriteOutcome } from '../../src/model/sync.js';
import type { Logger } from '../../src/log/logger.js';
import type { SalesforceApi } from './api.js';
import { bulkUpdate, DEFAULT_BULK_OPTIONS, type BulkOptions } from './bulk-update.js';
import { COLLECTION_LIMIT, sendCollection, UPDATE_CALL, type CollectionRecord, type RecordResult } from './collections.js';
import { DEFAULT_CALL_TIMEOUT_MS, defaultSleep } from './deadline.js';
import { isQuotaError, quotaStop } from './call-failure.js';
import { classifyCallError } from './errors.js';

export const DEFAULT_BULK_THRESHOLD = 2_000;

/** Tries of a record that keeps failing with a retryable error inside one call (the first included). */
export const RECORD_TRIES = 4;
/** Pause before the 2nd, 3rd, 4th try: locks are usually held for seconds. */
const RETRY_PAUSES_MS = [1_000, 3_000, 9_000];

export interface WriteFieldsOptions {
  bulkThreshold: number;
  logger: Logger;
  /** Injected by tests (fake time); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  callTimeoutMs?: number;
  bulk?: Partial<BulkOptions>;
}

export function updateRecord(sobject: string, update: FieldUpdate): CollectionRecord {
  const record: CollectionRecord = { attributes: { type: sobject }, id: update.recordId };
  for (const change of update.changes) record[change.crmField] = change.newValue === '' ? null : change.newValue;
  return record;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One collections call for these updates; a whole-call failure becomes every record's result (quota: thrown). */
type Result = RecordResult & { wholeCall?: boolean };
type Results = Map<string, Result>;

async function updateChunk(api: SalesforceApi, sobject: string, chunk: readonly FieldUpdate[], timeoutMs: number, logger: Logger): Promise<Result[]> {
  try {
    return await sendCollection(api, UPDATE_CALL, chunk.map((u) => updateRecord(sobject, u)), timeoutMs);
  } catch (error) {
    if (isQuotaError(error)) throw quotaStop(error);
    const info = classifyCallError(error);
    logger.warn('Salesforce collections call failed', { object: sobject, records: chunk.length, code: info.code, class: info.class, message: info.message });
    return chunk.map((): Result => ({ ok: false, error: info, wholeCall: true }));
  }
}

async function firstTry(api: SalesforceApi, sobject: string, updates: readonly FieldUpdate[], options: WriteFieldsOptions): Promise<Results> {
  const results: Results = new Map();
  const timeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  if (updates.length > options.bulkThreshold) {
    options.logger.info('writing through a Bulk API 2.0 ingest job', { object: sobject, records: updates.length });
    try {
      const byId = await bulkUpdate(api, sobject, updates, { ...DEFAULT_BULK_OPTIONS, callTimeoutMs: timeoutMs, ...options.bulk });
      for (const update of updates) {
        results.set(update.recordId, byId.get(update.recordId) ?? { ok: false, error: { class: 'retryable', code: 'NO_RESULT', message: 'the Bulk API 2.0 job returned no result for this record' } });
      }
    } catch (error) {
      if (isQuotaError(error)) throw quotaStop(error);
      const info = classifyCallError(error);
      options.logger.warn('Bulk API 2.0 ingest job failed', { object: sobject, records: updates.length, code: info.code, message: info.message });
      for (const update of updates) results.set(update.recordId, { ok: false, error: info, wholeCall: true });
    }
    return results;
  }
  const parts = chunks(updates, COLLECTION_LIMIT);
  // The calls run side by side, bounded by the connector's concurrency (api.call).
  const answers = await Promise.all(parts.map((chunk) => updateChunk(api, sobject, chunk, timeoutMs, options.logger)));
  parts.forEach((chunk, c) => chunk.forEach((update, i) => results.set(update.recordId, answers[c]?.[i] ?? { ok: false, error: { class: 'retryable', code: 'NO_RESULT', message: 'no result' } })));
  return results;
}

/** Records whose own result (not their whole call's) is retryable: the ones worth sending again now. */
function toRetry(updates: readonly FieldUpdate[], results: Results): FieldUpdate[] {
  return updates.filter((u) => {
    const result = results.get(u.recordId);
    return result !== undefined && !result.ok && result.error.class === 'retryable' && result.wholeCall !== true;
  });
}

export async function writeFieldUpdates(api: SalesforceApi, sobject: string, updates: FieldUpdate[], options: WriteFieldsOptions): Promise<WriteOutcome[]> {
  if (updates.length === 0) return [];
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const results = await firstTry(api, sobject, updates, options);
  for (let attempt = 2; attempt <= RECORD_TRIES; attempt++) {
    const again = toRetry(updates, results);
    if (again.length === 0) break;
    const pause = RETRY_PAUSES_MS[attempt - 2] ?? 10_000;
    const sample = results.get(again[0]?.recordId ?? '');
    options.logger.info('retrying records Salesforce could not update yet', { object: sobject, records: again.length, attempt, pauseMs: pause, code: sample && !sample.ok ? sample.error.code : '' });
    await sleep(pause);
    // One call at a time: retries in parallel would contend for the same locks.
    for (const chunk of chunks(again, COLLECTION_LIMIT)) {
      const answers = await updateChunk(api, sobject, chunk, timeoutMs, options.logger);
      chunk.forEach((update, i) => {
        const answer = answers[i];
        if (answer !== undefined) results.set(update.recordId, answer);
      });
    }
  }
  return updates.map((update): WriteOutcome => {
    const result = results.get(update.recordId);
    if (result === undefined) return { recordId: update.recordId, ok: false, error: { class: 'retryable', code: 'NO_RESULT', message: 'no result' } };
    if (result.ok) return { recordId: update.recordId, ok: true };
    return { recordId: update.recordId, ok: false, error: result.error };
  });
}
