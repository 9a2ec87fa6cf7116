/**
 * The CRM calls of a push: entries grouped into batches the connector's API accepts, one call per batch, and each
 * entry's outcome matched by record id or task key, never by position.
 */
import type { CrmErrorInfo, TaskOutcome, WriteOutcome } from '../model/sync.js';
import { QUOTA_CODE, QuotaExhaustedError } from './budget.js';
import type { EngineDeps } from './engine-deps.js';
import { type EntryOutcome, type PushEntry, batchKey, entryId } from './push-entries.js';

export type Batch = { key: string; entries: PushEntry[] };

/**
 * Entries grouped by record kind (or tasks) in page order, cut at the connector's batch size. A batch never holds one
 * record twice (a contact can sit in two pending account items after moving between accounts): a repeat starts the next.
 */
export function* batches(deps: Pick<EngineDeps, 'connector'>, entries: readonly PushEntry[]): Generator<Batch> {
  const groups = new Map<string, PushEntry[]>();
  for (const entry of entries) {
    const key = batchKey(entry);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  for (const [key, group] of groups) {
    const size = key === 'task' ? deps.connector.taskBatchSize : deps.connector.writeBatchSize;
    let batch: PushEntry[] = [];
    let ids = new Set<string>();
    for (const entry of group) {
      if (batch.length >= size || ids.has(entryId(entry))) {
        yield { key, entries: batch };
        batch = [];
        ids = new Set();
      }
      batch.push(entry);
      ids.add(entryId(entry));
    }
    if (batch.length > 0) yield { key, entries: batch };
  }
}

/** One CRM call; each entry's outcome, matched by record id or task key, never by position. */
export async function writeBatch(deps: Pick<EngineDeps, 'connector' | 'logger'>, batch: Batch): Promise<EntryOutcome[]> {
  const first = batch.entries[0];
  if (!first) return [];
  try {
    if (first.type === 'fields') {
      const updates = batch.entries.flatMap((e) => (e.type === 'fields' ? [e.update] : []));
      const byId = new Map((await deps.connector.writeFields(first.kind, updates)).map((o) => [o.recordId, o]));
      return batch.entries.map((e) => outcomeOf(byId.get(entryId(e)), entryId(e)));
    }
    const tasks = batch.entries.flatMap((e) => (e.type === 'task' ? [e.task] : []));
    const byKey = new Map((await deps.connector.createTasks(tasks)).map((o) => [o.key, o]));
    return batch.entries.map((e) => outcomeOf(byKey.get(entryId(e)), entryId(e)));
  } catch (error) {
    // A whole-batch failure (network, 5xx, auth) becomes the same outcome for each record, classified once.
    const info = toErrorInfo(error);
    // The daily allowance is spent: no record's fault, and every later call would fail too. The push stops here.
    if (info.code === QUOTA_CODE) throw new QuotaExhaustedError(info.message);
    deps.logger.warn('batch write failed', { code: info.code, class: info.class, message: info.message });
    return batch.entries.map((): EntryOutcome => ({ ok: false, error: info }));
  }
}

function outcomeOf(outcome: (WriteOutcome | TaskOutcome) | undefined, id: string): EntryOutcome {
  if (!outcome) return { ok: false, error: { class: 'retryable', code: 'NO_RESULT', message: `the CRM returned no result for ${id}` } };
  if (!outcome.ok) return { ok: false, error: outcome.error ?? { class: 'retryable', code: 'UNKNOWN', message: 'no error detail' } };
  return 'key' in outcome ? { ok: true, crmId: outcome.crmId, alreadyExisted: outcome.alreadyExisted } : { ok: true };
}

/** A thrown error's classification: connectors attach one (`info`); anything else is treated as retryable. */
function toErrorInfo(error: unknown): CrmErrorInfo {
  if (typeof error === 'object' && error !== null && 'info' in error) {
    const info = (error as { info: unknown }).info;
    if (typeof info === 'object' && info !== null && 'class' in info) return info as CrmErrorInfo;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { class: 'retryable', code: 'UNKNOWN', message };
}
