/**
 * Push: drain the connector's outbox in the largest batches its API allows, most important changes first.
 * An outbox item holds one account's field updates (or one task), and each record in it gets its own outcome:
 * retryable failures are retried with backoff up to maxAttempts passes, then stay queued for later runs (put off by the
 * retry schedule); permanent ones are kept with the CRM's message until replayed. Items of earlier runs that are due
 * are pushed too: that is how a killed or failed run resumes.
 */
import type { OutboxItem } from '../model/sync.js';
import type { EngineDeps } from './engine-deps.js';
import { fault } from './faults.js';
import { BatchCostEstimate, budgetStop, QuotaExhaustedError } from './budget.js';
import { batches, writeBatch, type Batch } from './push-batches.js';
import type { EntryOutcome, PushEntry } from './push-entries.js';
import { type ItemSettlement, PageProgress, type SettleContext, settleItem } from './push-progress.js';
import { backoffMs } from './retry-schedule.js';

export { backoffMs } from './retry-schedule.js';

export interface PushResult {
  recordsWritten: number;
  writeFailures: number;
  tasksCreated: number;
  errors: string[];
  /** Writing stopped before the end of the queue: a budget limit (see budget.ts) or the CRM's spent daily allowance. */
  stoppedForBudget: boolean;
  /** The CRM refused a call for its daily allowance (REQUEST_LIMIT_EXCEEDED): the run ends partial at its last batch. */
  stoppedForQuota: boolean;
  /** Why writing stopped, for the run record. */
  stopReason: string | null;
  /** Items still failing with a retryable error after the last pass (their error code and text): they stay queued. */
  deferred: Map<number, { code: string; text: string }>;
}

/** Items per page: a field item is one account with its contacts (about 11 records on a first sync). */
const PAGE = 1_000;
/**
 * A connector whose batches are larger (Salesforce hands batches above its Bulk threshold to one Bulk API 2.0 job) gets
 * pages as large as its batch, up to this many items, so a first sync's records reach it in few, large batches.
 */
const MAX_PAGE = 10_000;

export function defaultPageSize(writeBatchSize: number): number {
  return Math.max(PAGE, Math.min(writeBatchSize, MAX_PAGE));
}

export interface PushOptions {
  /** Outbox items read at a time (tests use small pages). */
  pageSize?: number;
  /** The run pushing: what fails becomes that run's (`runs --id`, `retry --run`). Default: the run that planned it. */
  runId?: string;
}

interface PushContext {
  deps: EngineDeps;
  result: PushResult;
  callsAtStart: number;
  settle: SettleContext;
  cost: BatchCostEstimate;
}

export async function pushPhase(deps: EngineDeps, callsAtStart: number, options: PushOptions = {}): Promise<PushResult> {
  const pageSize = options.pageSize ?? defaultPageSize(deps.connector.writeBatchSize);
  const result: PushResult = { recordsWritten: 0, writeFailures: 0, tasksCreated: 0, errors: [], stoppedForBudget: false, stoppedForQuota: false, stopReason: null, deferred: new Map() };
  const now = deps.now();
  // Writes put off by an earlier retryable failure wait for their time; everything else pending is due.
  const dueAt = now.toISOString();
  const total = await deps.store.countPendingOutbox(deps.connector.name, dueAt);
  if (total === 0) return result;
  fault(deps.faults, 'beforePush');
  deps.progress.start('push to CRM', total);
  const ctx: PushContext = { deps, result, callsAtStart, settle: { deps, runId: options.runId ?? null, now }, cost: new BatchCostEstimate() };
  // Pass 1: every due item, a page at a time. A retryable failure is put off past `dueAt`, so it leaves the pages read.
  while (!result.stoppedForBudget) {
    const page = await deps.store.pendingOutbox(deps.connector.name, pageSize, dueAt);
    if (page.length === 0) break;
    await pushPage(ctx, page);
  }
  // Passes 2…maxAttempts: only what failed with a retryable error in this run, after a growing pause.
  for (let pass = 2; pass <= deps.settings.maxAttempts && result.deferred.size > 0 && !result.stoppedForBudget; pass++) {
    await deps.sleep(backoffMs(pass - 1));
    const ids = [...result.deferred.keys()];
    result.deferred.clear();
    for (let start = 0; start < ids.length && !result.stoppedForBudget; start += pageSize) {
      const page = (await deps.store.outboxItems(ids.slice(start, start + pageSize))).filter((i) => i.status === 'pending');
      await pushPage(ctx, page);
    }
  }
  deps.progress.finish();
  return result;
}

/** One page of items: its batches, each written with one connector call (one or more CRM calls) and settled in one store transaction. */
async function pushPage(ctx: PushContext, page: readonly OutboxItem[]): Promise<void> {
  const { deps } = ctx;
  const progress = new PageProgress(page);
  await deps.store.markOutboxDone(progress.emptyItems());
  for (const batch of batches(deps, progress.entries)) {
    // Another run may have taken the lock (this process stalled past its lease): never write beside it.
    await deps.lease?.confirm();
    const reason = budgetStop(deps, ctx.callsAtStart, ctx.cost.estimate());
    if (reason !== null) {
      deps.logger.warn('stopping writes to keep the API budget; the rest stays queued for the next run', { reason });
      await stopWriting(ctx, progress, reason, false);
      return;
    }
    const callsBefore = deps.connector.usage().calls;
    let outcomes: EntryOutcome[];
    try {
      outcomes = await writeBatch(deps, batch);
    } catch (error) {
      if (!(error instanceof QuotaExhaustedError)) throw error;
      // This batch is left exactly as it was (pending, not counted as a failed attempt): the next run sends it first.
      deps.logger.warn("the CRM's daily API limit is used up; stopping at the last written batch", { message: error.message });
      await stopWriting(ctx, progress, error.message, true);
      return;
    }
    ctx.cost.observe(deps.connector.usage().calls - callsBefore);
    fault(deps.faults, 'afterCrmWrite');
    await settleBatch(ctx, batch, outcomes, progress);
    fault(deps.faults, 'afterPushBatch');
  }
}

/** Ends the push at the last settled batch; items the stop cut in two keep only their unwritten part. */
async function stopWriting(ctx: PushContext, progress: PageProgress, reason: string, quota: boolean): Promise<void> {
  const { deps, result } = ctx;
  result.stoppedForBudget = true;
  result.stoppedForQuota = quota;
  result.stopReason = reason;
  await deps.store.transaction(async () => {
    for (const state of progress.takePartlyAnswered()) record(ctx, state.item.id, await settleItem(ctx.settle, state));
  });
}

/**
 * Records a batch's outcomes, settles every item now fully answered and keeps only the unwritten part of the others,
 * in one transaction: one commit per CRM call, and a kill before it commits means only this batch's (already written)
 * values are sent again by the next run.
 */
async function settleBatch(ctx: PushContext, batch: Batch, outcomes: EntryOutcome[], progress: PageProgress): Promise<void> {
  const { deps, result } = ctx;
  const at = ctx.settle.now.toISOString();
  await deps.store.transaction(async () => {
    for (const [i, entry] of batch.entries.entries()) {
      const outcome = outcomes[i] ?? { ok: false, error: { class: 'retryable', code: 'NO_RESULT', message: 'no outcome' } };
      if (outcome.ok) await applyWritten(deps, entry, outcome, at, result);
      progress.answer(entry, outcome.ok ? null : outcome.error);
    }
    const done: number[] = [];
    for (const state of progress.takeAnswered()) {
      const settlement = await settleItem(ctx.settle, state);
      record(ctx, state.item.id, settlement);
      if (settlement.done) done.push(state.item.id);
      deps.progress.tick(1);
    }
    await deps.store.markOutboxDone(done);
    await deps.store.keepOutboxRemainders(progress.takeWrittenParts());
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

function record(ctx: PushContext, itemId: number, settlement: ItemSettlement): void {
  const { deps, result } = ctx;
  if (settlement.retrying !== null) result.deferred.set(itemId, settlement.retrying);
  for (const text of settlement.permanentErrors) {
    result.writeFailures++;
    result.errors.push(text);
    deps.logger.error('write failed permanently', { record: text });
  }
}
