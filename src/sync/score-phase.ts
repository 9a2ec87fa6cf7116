/**
 * Score the affected accounts, diff the results against what the CRM holds, and turn playbook tasks into a plan.
 * For a real run the plan is made durable (outbox + task ledger) BEFORE the scoring state is saved: a crash in
 * between re-plans the same writes next time (the outbox replaces, the ledger dedupes), never loses them.
 */
import type { AccountBundle } from '../model/records.js';
import type { OutboxPayload } from '../model/sync.js';
import type { PriorAccountState } from '../model/scores.js';
import type { TaskDraft } from '../model/tasks.js';
import type { ScoringModels, AccountScoringResult } from '../scoring/api.js';
import type { StageChange, TaskLedgerEntry } from '../store/store.js';
import { forEachBundleBatch } from './bundle-batches.js';
import type { EngineDeps, RunOptions } from './engine-deps.js';
import { fault } from './faults.js';
import { accountOutputValues, contactOutputValues } from './output-values.js';
import { planFieldUpdate } from './plan-fields.js';
import { type SyncPlan, countFieldChanges, emptyPlan } from './plan-types.js';

export interface ScoreResult {
  /** The whole plan, kept in memory only for dry runs (the `plan` command shows it); real runs stream it to the outbox. */
  plan: SyncPlan;
  fieldsChanged: number;
  tasksPlanned: number;
  scoredAccounts: number;
  scoredContacts: number;
}

export async function scorePhase(
  deps: EngineDeps,
  options: RunOptions,
  runId: string,
  accountIds: string[],
  models: ScoringModels,
): Promise<ScoreResult> {
  const result: ScoreResult = { plan: emptyPlan(), fieldsChanged: 0, tasksPlanned: 0, scoredAccounts: 0, scoredContacts: 0 };
  deps.progress.start('score accounts', accountIds.length);
  await forEachBundleBatch(deps.store, deps.connector.name, deps.settings.scoreBatchSize, accountIds, async (bundles) => {
    await scoreBatch(deps, options, runId, bundles, models, result);
    deps.progress.tick(bundles.length);
  });
  deps.progress.finish();
  return result;
}

async function scoreBatch(
  deps: EngineDeps,
  options: RunOptions,
  runId: string,
  bundles: AccountBundle[],
  models: ScoringModels,
  result: ScoreResult,
): Promise<void> {
  const { store, connector } = deps;
  const now = deps.now();
  const priors = await store.getPriorStates(
    connector.name,
    bundles.map((b) => b.account.id),
  );
  const scored: AccountScoringResult[] = [];
  const batchPlan = emptyPlan();
  for (const bundle of bundles) {
    const outcome = deps.scoring.scoreAccount(bundle, priors.get(bundle.account.id) ?? null, models, deps.scoringConfig, now);
    scored.push(outcome);
    addFieldUpdates(deps, bundle, outcome, batchPlan, options.dryRun);
    batchPlan.tasks.push(...outcome.tasks);
  }
  batchPlan.tasks = await newTasksOnly(deps, batchPlan.tasks);
  result.scoredAccounts += scored.length;
  result.scoredContacts += scored.reduce((n, s) => n + s.contacts.length, 0);
  result.fieldsChanged += countFieldChanges(batchPlan.updates);
  result.tasksPlanned += batchPlan.tasks.length;
  if (options.dryRun) {
    result.plan.updates.push(...batchPlan.updates);
    result.plan.tasks.push(...batchPlan.tasks);
    Object.assign(result.plan.names, batchPlan.names);
    return;
  }

  await persistPlan(deps, runId, batchPlan, now);
  fault(deps.faults, 'afterEnqueue');
  await saveScoringState(deps, runId, scored);
}

/** Display names are for the dry-run plan only: a real run streams the plan to the outbox, which does not carry them. */
function addFieldUpdates(deps: EngineDeps, bundle: AccountBundle, outcome: AccountScoringResult, plan: SyncPlan, withNames: boolean): void {
  const accountOutputs = deps.mapping.objects.account?.outputs ?? {};
  const accountUpdate = planFieldUpdate('account', bundle.account.id, bundle.account.crmValues, accountOutputValues(outcome.account), accountOutputs);
  if (accountUpdate) {
    plan.updates.push(accountUpdate);
    if (withNames) plan.names[bundle.account.id] = bundle.account.name;
  }
  const contactOutputs = deps.mapping.objects.contact?.outputs ?? {};
  if (Object.keys(contactOutputs).length === 0) return;
  const contactsById = new Map(bundle.contacts.map((c) => [c.id, c]));
  for (const contactScore of outcome.contacts) {
    const contact = contactsById.get(contactScore.contactId);
    if (!contact) continue;
    const update = planFieldUpdate('contact', contact.id, contact.crmValues, contactOutputValues(contactScore, outcome.account.scoredAt), contactOutputs);
    if (update) {
      plan.updates.push(update);
      if (withNames) plan.names[contact.id] = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email || contact.id;
    }
  }
}

/** A task whose key is already in the ledger was planned (and maybe created) before: never plan it twice. */
async function newTasksOnly(deps: EngineDeps, tasks: TaskDraft[]): Promise<TaskDraft[]> {
  if (tasks.length === 0) return tasks;
  const known = await deps.store.getLedgerEntries(tasks.map((t) => t.key));
  const seen = new Set<string>();
  return tasks.filter((t) => {
    if (known.has(t.key) || seen.has(t.key)) return false;
    seen.add(t.key);
    return true;
  });
}

async function persistPlan(deps: EngineDeps, runId: string, plan: SyncPlan, now: Date): Promise<void> {
  const payloads: OutboxPayload[] = [
    ...plan.updates.map((update): OutboxPayload => ({ type: 'fields', update })),
    ...plan.tasks.map((task): OutboxPayload => ({ type: 'task', task })),
  ];
  if (payloads.length === 0) return;
  // Outbox before ledger: dying between the two means the next run re-plans the task (its key is not in the ledger
  // yet) and the outbox replaces the pending copy by key instead of adding a second one.
  await deps.store.enqueueOutbox(runId, deps.connector.name, payloads);
  const entries: TaskLedgerEntry[] = plan.tasks.map((t) => ({
    key: t.key,
    rule: t.rule,
    accountId: t.accountId,
    status: 'planned',
    crmId: null,
    plannedAt: now.toISOString(),
    createdAt: null,
  }));
  if (entries.length > 0) await deps.store.planLedgerEntries(entries);
}

async function saveScoringState(deps: EngineDeps, runId: string, scored: AccountScoringResult[]): Promise<void> {
  const source = deps.connector.name;
  const states = new Map<string, PriorAccountState>();
  const changes: StageChange[] = [];
  for (const s of scored) {
    states.set(s.account.accountId, s.nextState);
    if (s.stageChange) {
      changes.push({ accountId: s.account.accountId, fromStage: s.stageChange.from, toStage: s.stageChange.to, changedAt: s.account.stage.enteredAt, runId });
    }
  }
  await deps.store.saveScores(
    source,
    runId,
    scored.map((s) => s.account),
    scored.flatMap((s) => s.contacts),
  );
  await deps.store.recordStageChanges(source, changes);
  await deps.store.savePriorStates(source, states);
}
