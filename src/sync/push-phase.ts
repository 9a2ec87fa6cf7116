/**
 * Push: drain the connector's outbox in the largest batches its API allows, most important changes first.
 * Each record gets its own outcome; retryable failures are retried with backoff up to maxAttempts; permanent ones
 * are kept with the CRM's message. Items of runs that crashed earlier are pushed too: that is how a run resumes.
 */
import type { WritableKind } from '../model/records.js';
import type { CrmErrorInfo, OutboxItem, TaskOutcome, WriteOutcome } from '../model/sync.js';
import type { EngineDeps } from './engine-deps.js';
import { fault } from './faults.js';
import { budgetExhausted } from './budget.js';

export interface PushResult {
  recordsWritten: number;
  writeFailures: number;
  tasksCreated: number;
  errors: string[];
  stoppedForBudget: boolean;
}

const PAGE = 5_000;

export async function pushPhase(deps: EngineDeps, callsAtStart: number): Promise<PushResult> {
  const result: PushResult = { recordsWritten: 0, writeFailures: 0, tasksCreated: 0, errors: [], stoppedForBudget: false };
  const total = await deps.store.countPendingOutbox(deps.connector.name);
  if (total === 0) return result;
  fault(deps.faults, 'beforePush');
  deps.progress.start('push to CRM', total);
  for (let pass = 1; pass <= deps.settings.maxAttempts; pass++) {
    const retryable = await pushPass(deps, result, callsAtStart);
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
async function pushPass(deps: EngineDeps, result: PushResult, callsAtStart: number): Promise<number> {
  let retryable = 0;
  const tried = new Set<number>();
  for (;;) {
    // Items tried in this pass stay pending only if they failed; over-fetch by that many so the page is never all retries.
    const page = (await deps.store.pendingOutbox(deps.connector.name, PAGE + tried.size)).filter((i) => !tried.has(i.id));
    if (page.length === 0) return retryable;
    for (const item of page) tried.add(item.id);
    for (const batch of batches(deps, page)) {
      if (budgetExhausted(deps, callsAtStart)) {
        result.stoppedForBudget = true;
        deps.logger.warn('stopping writes to keep the API budget reserve; the rest stays queued for the next run');
        return 0;
      }
      retryable += await pushBatch(deps, batch, result);
      fault(deps.faults, 'afterPushBatch');
    }
  }
}

type Batch = { type: 'fields'; kind: WritableKind; items: OutboxItem[] } | { type: 'task'; items: OutboxItem[] };

function* batches(deps: EngineDeps, items: OutboxItem[]): Generator<Batch> {
  const groups = new Map<string, OutboxItem[]>();
  for (const item of items) {
    const key = item.payload.type === 'fields' ? `fields:${item.payload.update.kind}` : 'task';
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  for (const [key, group] of groups) {
    const size = key === 'task' ? deps.connector.taskBatchSize : deps.connector.writeBatchSize;
    for (let i = 0; i < group.length; i += size) {
      const slice = group.slice(i, i + size);
      yield key === 'task' ? { type: 'task', items: slice } : { type: 'fields', kind: key.slice(7) as WritableKind, items: slice };
    }
  }
}

async function pushBatch(deps: EngineDeps, batch: Batch, result: PushResult): Promise<number> {
  if (batch.type === 'fields') return pushFieldBatch(deps, batch.kind, batch.items, result);
  return pushTaskBatch(deps, batch.items, result);
}

async function pushFieldBatch(deps: EngineDeps, kind: WritableKind, items: OutboxItem[], result: PushResult): Promise<number> {
  const updates = new Map(items.flatMap((i) => (i.payload.type === 'fields' ? [[i.id, i.payload.update] as const] : [])));
  const outcomes = await callConnector(deps, () => deps.connector.writeFields(kind, [...updates.values()]), (error) =>
    [...updates.values()].map((u): WriteOutcome => ({ recordId: u.recordId, ok: false, error })),
  );
  const byId = new Map(outcomes.map((o) => [o.recordId, o]));
  return settleBatch(deps, items, result, (item) => {
    const update = updates.get(item.id)!;
    const outcome = byId.get(update.recordId) ?? missingOutcome(update.recordId);
    const values = Object.fromEntries(update.changes.map((c) => [c.output, c.newValue]));
    return {
      what: `${kind} ${update.recordId}`,
      error: outcome.error,
      onSuccess: outcome.ok
        ? async () => {
            await deps.store.setCrmValues(deps.connector.name, kind, update.recordId, values);
            result.recordsWritten++;
          }
        : null,
    };
  });
}

async function pushTaskBatch(deps: EngineDeps, items: OutboxItem[], result: PushResult): Promise<number> {
  const tasks = new Map(items.flatMap((i) => (i.payload.type === 'task' ? [[i.id, i.payload.task] as const] : [])));
  const outcomes = await callConnector(deps, () => deps.connector.createTasks([...tasks.values()]), (error) =>
    [...tasks.values()].map((t): TaskOutcome => ({ key: t.key, ok: false, error })),
  );
  const byKey = new Map(outcomes.map((o) => [o.key, o]));
  const at = deps.now().toISOString();
  return settleBatch(deps, items, result, (item) => {
    const task = tasks.get(item.id)!;
    const outcome: TaskOutcome = byKey.get(task.key) ?? { key: task.key, ...missingOutcome(task.key) };
    return {
      what: `task ${task.key}`,
      error: outcome.error,
      onSuccess: outcome.ok
        ? async () => {
            await deps.store.markLedgerCreated(task.key, outcome.crmId ?? null, at);
            if (!outcome.alreadyExisted) result.tasksCreated++;
          }
        : null,
    };
  });
}

/** How one outbox item came out of a batch write: what it was, and the bookkeeping to do if the CRM accepted it. */
interface ItemSettlement {
  what: string;
  error: CrmErrorInfo | undefined;
  onSuccess: (() => Promise<void>) | null;
}

/**
 * Records every item's outcome. One transaction for the batch's bookkeeping: one commit instead of one per record;
 * a kill before it commits only means the same (already written) values are pushed again next run.
 */
async function settleBatch(
  deps: EngineDeps,
  items: OutboxItem[],
  result: PushResult,
  settle: (item: OutboxItem) => ItemSettlement,
): Promise<number> {
  fault(deps.faults, 'afterCrmWrite');
  let retryable = 0;
  await deps.store.transaction(async () => {
    const done: number[] = [];
    for (const item of items) {
      const settlement = settle(item);
      if (settlement.onSuccess) {
        done.push(item.id);
        await settlement.onSuccess();
      } else {
        retryable += await recordFailure(deps, item, settlement.what, settlement.error, result);
      }
    }
    await deps.store.markOutboxDone(done);
  });
  deps.progress.tick(items.length);
  return retryable;
}

/** A whole-batch failure (network, 5xx, auth) becomes the same outcome for each record, classified once. */
async function callConnector<T>(deps: EngineDeps, call: () => Promise<T[]>, onError: (e: CrmErrorInfo) => T[]): Promise<T[]> {
  try {
    return await call();
  } catch (error) {
    const info = toErrorInfo(error);
    deps.logger.warn('batch write failed', { code: info.code, class: info.class, message: info.message });
    return onError(info);
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

function missingOutcome(id: string): { ok: false; error: CrmErrorInfo } {
  return { ok: false, error: { class: 'retryable', code: 'NO_RESULT', message: `the CRM returned no result for ${id}` } };
}

async function recordFailure(
  deps: EngineDeps,
  item: OutboxItem,
  what: string,
  error: CrmErrorInfo | undefined,
  result: PushResult,
): Promise<number> {
  const info = error ?? { class: 'retryable' as const, code: 'UNKNOWN', message: 'no error detail' };
  const permanent = info.class !== 'retryable' || item.attempts + 1 >= deps.settings.maxAttempts;
  const text = `${what}: ${info.code}: ${info.message}${info.field ? ` (field ${info.field})` : ''}`;
  await deps.store.markOutboxFailed(item.id, text, permanent);
  if (permanent) {
    result.writeFailures++;
    result.errors.push(text);
    deps.logger.error('write failed permanently', { record: what, code: info.code, class: info.class, message: info.message });
    return 0;
  }
  return 1;
}
