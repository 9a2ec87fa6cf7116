/**
 * Persisting one scored batch: the plan (outbox, then task ledger) and the scoring state. The caller runs both in one
 * store transaction; the order still matters for a store without one: a crash in between re-plans the same writes
 * next time (the outbox replaces, the ledger dedupes), never loses them.
 */
import type { FieldUpdate, OutboxPayload } from '../model/sync.js';
import type { TaskDraft } from '../model/tasks.js';
import type { PriorAccountState } from '../model/scores.js';
import type { AccountScoringResult } from '../scoring/api.js';
import type { StageChange, StateStore, TaskLedgerEntry } from '../store/store.js';

/** One scored account's field updates (its own record and its contacts'), or one lead's: one outbox item. */
export interface AccountFieldUpdates {
  /** The account, or for a lead its matched account ('' when unmatched). */
  accountId: string;
  leadId?: string;
  updates: FieldUpdate[];
}

export async function persistPlan(
  store: StateStore,
  source: string,
  runId: string,
  groups: readonly AccountFieldUpdates[],
  tasks: readonly TaskDraft[],
  now: Date,
): Promise<void> {
  const payloads: OutboxPayload[] = [
    ...groups.map((g): OutboxPayload => ({ type: 'fields', accountId: g.accountId, ...(g.leadId === undefined ? {} : { leadId: g.leadId }), updates: g.updates })),
    ...tasks.map((task): OutboxPayload => ({ type: 'task', task })),
  ];
  if (payloads.length === 0) return;
  // Outbox before ledger: dying between the two means the next run re-plans the task (its key is not in the ledger
  // yet) and the outbox replaces the pending copy by key instead of adding a second one.
  await store.enqueueOutbox(runId, source, payloads);
  const entries: TaskLedgerEntry[] = tasks.map((t) => ({
    key: t.key,
    rule: t.rule,
    accountId: t.accountId,
    status: 'planned',
    crmId: null,
    plannedAt: now.toISOString(),
    createdAt: null,
  }));
  if (entries.length > 0) await store.planLedgerEntries(entries);
}

export async function saveScoringState(store: StateStore, source: string, runId: string, scored: AccountScoringResult[]): Promise<void> {
  const states = new Map<string, PriorAccountState>();
  const changes: StageChange[] = [];
  for (const s of scored) {
    states.set(s.account.accountId, s.nextState);
    if (s.stageChange) {
      changes.push({ accountId: s.account.accountId, fromStage: s.stageChange.from, toStage: s.stageChange.to, changedAt: s.account.stage.enteredAt, runId });
    }
  }
  await store.saveScores(
    source,
    runId,
    scored.map((s) => s.account),
    scored.flatMap((s) => s.contacts),
  );
  await store.recordStageChanges(source, changes);
  await store.savePriorStates(source, states);
  const leads = scored.flatMap((s) => s.leads);
  if (leads.length > 0) await store.saveLeadScores(source, runId, leads);
}
