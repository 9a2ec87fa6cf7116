/**
 * Push: drain the connector's outbox in the largest batches its API allows, most important changes first.
 * An outbox item holds one account's field updates (or one task), and each record in it gets its own outcome:
 * retryable failures are retried with backoff up to maxAttempts, permanent ones are kept with the CRM's message.
 * Items of runs that crashed earlier are pushed too: that is how a run resumes.
 */
import type { CrmErrorInfo, TaskOutcome, WriteOutcome } from '../model/sync.js';
import type { EngineDeps } from './engine-deps.js';
import { fault } from './faults.js';
import { budgetExhausted } from './budget.js';
import { type EntryOutcome, type PushEntry, batchKey, entryId } from './push-entries.js';
import { type ItemSettlement, PageProgress, settleItem } from './push-progress.js';

export interface PushResult {
  recordsWritten: number;
  writeFailures: number;
  tasksCreated: number;
  errors: string[];
  stoppedForBudget: boolean;
}

/** Items per page: a field item is one account with its contacts (about 11 records on a first sync). */
const PAGE = 1_000;

export interface PushOptions {
  /** Outbox items read at a time (tests use small pages). */
  pageSize?: number;
}

export async function pushPhase(deps: EngineDeps, callsAtStart: number, options: PushOptions = {}): Promise<PushResult> {
  const pageSize = options.pageSize ?? PAGE;
  const result: PushResult = { recordsWritten: 0, writeFailures: 0, tasksCreated: 0, errors: [], stoppedForBudget: false };
  const total = await deps.store.countPendingOutbox(deps.connector.name);
  if (total === 0) return result;
  fault(deps.faults, 'beforePush');
  deps.progress.start('push to CRM', total);
  for (let pass = 1; pass <= deps.settings.maxAttempts; pass++) {
    const retryable = await pushPass(deps, result, callsAtStart, pageSize);
    if (result.stoppedForBudget || retryable === 0) break;
    if (pass < deps.settings.maxAttempts) await deps.sleep(backoffMs(pass));
  }
  deps.progress.finish();
  return result;
}

/** 1 s, 2 s, 4 s … capped at 60 s: enough for lock contention and rate-limit windows to clear. */
export function backoffMs(pass: number): number {
  return Math.min(60_000, 1000 * 2 ** (pass - 1));
}

/** One pass over everything pending; returns how many items failed with a retryable error. */
async function pushPass(deps: EngineDeps, result: PushResult, callsAtStart: number, pageSize: number): Promise<number> {
  // Items of this pass that failed and stay pending for the next pass: skipped when reading, and over-fetched by so a
  // page is never all retries. (Counting every tried item instead would double each page as the written ones vanish.)
  const retrying = new Set<number>();
  for (;;) {
    const page = (await deps.store.pendingOutbox(deps.connector.name, pageSize + retrying.size)).filter((i) => !retrying.has(i.id));
    if (page.length === 0) return retrying.size;
    const progress = new PageProgress(page);
    for (const batch of batches(deps, progress.entries)) {
      if (budgetExhausted(deps, callsAtStart)) {
        result.stoppedForBudget = true;
        deps.logger.warn('stopping writes to keep the API budget reserve; the rest stays queued for the next run');
        // Items the stop cut in two keep only their unwritten part, so the next run does not write the rest twice.
        await deps.store.transaction(async () => {
          for (const state of progress.takePartlyAnswered()) record(deps, await settleItem(deps, state), result);
        });
        return 0;
      }
      const outcomes = await writeBatch(deps, batch);
      fault(deps.faults, 'afterCrmWrite');
      await settleBatch(deps, batch, outcomes, progress, result, retrying);
      fault(deps.faults, 'afterPushBatch');
    }
  }
}

type Batch = { key: string; entries: PushEntry[] };

/**
 * Entries grouped by record kind (or tasks) in page order, cut at the connector's batch size. A batch never holds one
 * record twice (a contact can sit in two pending account items after moving between accounts): a repeat starts the next.
 */
function* batches(deps: EngineDeps, entries: readonly PushEntry[]): Generator<Batch> {
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
async function writeBatch(deps: EngineDeps, batch: Batch): Promise<EntryOutcome[]> {
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
    deps.logger.warn('batch write failed', { code: info.code, class: info.class, message: info.message });
    return batch.entries.map((): EntryOutcome => ({ ok: false, error: info }));
  }
}

function outcomeOf(outcome: (WriteOutcome | TaskOutcome) | undefined, id: string): EntryOutcome {
  if (!outcome) return { ok: false, error: { class: 'retryable', code: 'NO_RESULT', message: `the CRM returned no result for ${id}` } };
  if (!outcome.ok) return { ok: false, error: outcome.error ?? { class: 'retryable', code: 'UNKNOWN', message: 'no error detail' } };
  return 'key' in outcome ? { ok: true, crmId: outcome.crmId, alreadyExisted: outcome.alreadyExisted } : { ok: true };
}

/**
 * Records a batch's outcomes and settles every item now fully answered. One transaction for the batch's bookkeeping:
 * one commit instead of one per record; a kill before it commits only means the same (already written) values are
 * pushed again next run.
 */
async function settleBatch(
  deps: EngineDeps,
  batch: Batch,
  outcomes: EntryOutcome[],
  progress: PageProgress,
  result: PushResult,
  retrying: Set<number>,
): Promise<void> {
  const at = deps.now().toISOString();
  await deps.store.transaction(async () => {
    for (const [i, entry] of batch.entries.entries()) {
      const outcome = outcomes[i] ?? { ok: false, error: { class: 'retryable', code: 'NO_RESULT', message: 'no outcome' } };
      if (outcome.ok) await applyWritten(deps, entry, outcome, at, result);
      progress.answer(entry, outcome.ok ? null : outcome.error);
    }
    const done: number[] = [];
    for (const state of progress.takeAnswered()) {
      const settlement = await settleItem(deps, state);
      record(deps, settlement, result);
      if (settlement.done) done.push(state.item.id);
      if (settlement.retryable) retrying.add(state.item.id);
      deps.progress.tick(1);
    }
    await deps.store.markOutboxDone(done);
  });
}

/** What the store must remember once the CRM holds a write: the values (so the next diff is right) or the task. */
async function applyWritten(deps: EngineDeps, entry: PushEntry, outcome: EntryOutcome & { ok: true }, at: string, result: PushResult): Promise<void> {
  if (entry.type === 'fields') {
    const values = Object.fromEntries(entry.update.changes.map((c) => [c.output, c.newValue]));
    await deps.store.setCrmValues(deps.connector.name, entry.kind, entry.update.recordId, values);
    result.recordsWritten++;
    return;
  }
  await deps.store.markLedgerCreated(entry.task.key, outcome.crmId ?? null, at);
  if (!outcome.alreadyExisted) result.tasksCreated++;
}

function record(deps: EngineDeps, settlement: ItemSettlement, result: PushResult): void {
  for (const text of settlement.permanentErrors) {
    result.writeFailures++;
    result.errors.push(text);
    deps.logger.error('write failed permanently', { record: text });
  }
}

function toErrorInfo(error: unknown): CrmErrorInfo {
  if (typeof error === 'object' && error !== null && 'info' in error) {
    const info = (error as { info: unknown }).info;
    if (typeof info === 'object' && info !== null && 'class' in info) return info as CrmErrorInfo;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { class: 'retryable', code: 'UNKNOWN', message };
}
