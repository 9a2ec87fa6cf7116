/**
 * One batch of the score phase: load the accounts' bundles, score them, diff the results against what the CRM holds, keep only tasks
 * the ledger has not seen, and (for a real run) persist the plan and the scoring state. The same code runs in the
 * main thread and in score workers, so both paths plan exactly the same writes.
 */
import type { MappingFile } from '../config/mapping-types.js';
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { AccountBundle } from '../model/records.js';
import type { PriorAccountState } from '../model/scores.js';
import type { FieldUpdate } from '../model/sync.js';
import type { TaskDraft } from '../model/tasks.js';
import type { AccountScoringResult, ScoringApi, ScoringModels } from '../scoring/api.js';
import type { StateStore } from '../store/store.js';
import type { FaultHooks } from './faults.js';
import { fault } from './faults.js';
import { foldTask, foldValues } from './fold-text.js';
import { holdBack } from './hold-back.js';
import { leadFieldUpdates, leadLifecycles, withLeadLifecycles } from './lead-plan.js';
import { accountOutputValues, contactOutputValues } from './output-values.js';
import { persistPlan, saveScoringState, type AccountFieldUpdates } from './persist-batch.js';
import { planFieldUpdate } from './plan-fields.js';
import { personName } from '../scoring/person-name.js';
import { type SyncPlan, countFieldChanges, emptyPlan } from './plan-types.js';
import { fieldsKey, leadFieldsKey } from '../store/common/outbox-keys.js';

/** What a batch needs: a subset of EngineDeps that a worker thread can rebuild from plain data. */
export interface BatchContext {
  store: StateStore;
  source: string;
  mapping: MappingFile;
  scoring: ScoringApi;
  scoringConfig: ScoringConfig;
  faults?: FaultHooks;
  /** The connector's `outputEncoding`: planned text is folded into it. */
  outputEncoding?: string;
}

export interface BatchCounts {
  fieldsChanged: number;
  tasksPlanned: number;
  scoredAccounts: number;
  scoredContacts: number;
  scoredLeads: number;
}

export interface BatchResult {
  counts: BatchCounts;
  /** The batch's plan; only a dry run keeps it (a real run has already persisted it). */
  plan: SyncPlan;
}

export async function scoreBatch(
  ctx: BatchContext,
  runId: string,
  accountIds: string[],
  models: ScoringModels,
  now: Date,
  dryRun: boolean,
): Promise<BatchResult> {
  // Activities older than every scoring window change no score: they stay in the store.
  const lookback = { activitiesSince: ctx.scoring.activitiesSince(ctx.scoringConfig, now) };
  const bundles = await ctx.store.loadBundles(ctx.source, accountIds, lookback);
  const priors = await ctx.store.getPriorStates(
    ctx.source,
    bundles.map((b) => b.account.id),
  );
  const lifecycleByLead = await leadLifecycles(ctx, bundles.flatMap((b) => b.leads.map((l) => l.id)));
  // Writes the CRM refused for good, by field item: an account (with its contacts) or a lead.
  const fieldKeys = [...accountIds.map(fieldsKey), ...bundles.flatMap((b) => b.leads.map((l) => leadFieldsKey(l.id)))];
  const refused = await ctx.store.failedFieldUpdates(ctx.source, fieldKeys);
  const held = new Map<string, Set<string>>();
  const scored: AccountScoringResult[] = [];
  const plan = emptyPlan();
  const groups: AccountFieldUpdates[] = [];
  for (const bundle of bundles) {
    const prior: PriorAccountState | null = withLeadLifecycles(priors.get(bundle.account.id) ?? null, bundle, lifecycleByLead);
    const outcome = ctx.scoring.scoreAccount(bundle, prior, models, ctx.scoringConfig, now);
    scored.push(outcome);
    const accountKey = fieldsKey(bundle.account.id);
    const failed = refused.get(accountKey);
    const { send: updates, held: waiting } = holdBack(fieldUpdates(ctx.mapping, bundle, outcome, ctx.outputEncoding), failed ?? []);
    if (failed) held.set(accountKey, waiting);
    if (updates.length > 0) {
      plan.updates.push(...updates);
      groups.push({ accountId: bundle.account.id, updates });
      if (dryRun) addNames(bundle, updates, plan.names);
    }
    for (const group of leadFieldUpdates(ctx.mapping, bundle.leads, outcome.leads, outcome.account.scoredAt, ctx.outputEncoding)) {
      const key = leadFieldsKey(group.leadId ?? '');
      const failedLead = refused.get(key);
      const { send, held: waitingLead } = holdBack(group.updates, failedLead ?? []);
      if (failedLead) held.set(key, waitingLead);
      if (send.length === 0) continue;
      plan.updates.push(...send);
      groups.push({ ...group, updates: send });
      if (dryRun) addLeadNames(bundle, send, plan.names);
    }
    plan.tasks.push(...outcome.tasks.map((t) => foldTask(t, ctx.outputEncoding)));
  }
  plan.tasks = await newTasksOnly(ctx.store, plan.tasks);
  const counts: BatchCounts = {
    scoredAccounts: scored.length,
    scoredContacts: scored.reduce((n, s) => n + s.contacts.length, 0),
    scoredLeads: scored.reduce((n, s) => n + s.leads.length, 0),
    fieldsChanged: countFieldChanges(plan.updates),
    tasksPlanned: plan.tasks.length,
  };
  if (dryRun) return { counts, plan };

  // One transaction per batch: a kill anywhere in it leaves nothing half-saved. Were the plan saved without the
  // scoring state, a rerun on a later day would see the stage change again, date it anew, and plan a second task.
  await ctx.store.transaction(async () => {
    await persistPlan(ctx.store, ctx.source, runId, groups, plan.tasks, now);
    // The new plan supersedes the refused writes it does not hold back.
    await ctx.store.keepFailedFieldUpdates(ctx.source, held);
    fault(ctx.faults, 'afterEnqueue');
    await saveScoringState(ctx.store, ctx.source, runId, scored);
  });
  fault(ctx.faults, 'afterScoreBatch');
  return { counts, plan: emptyPlan() };
}

/** The account's own update first, then its contacts', in the bundle's order; text folded into the target's encoding. */
function fieldUpdates(mapping: MappingFile, bundle: AccountBundle, outcome: AccountScoringResult, encoding: string | undefined): FieldUpdate[] {
  const updates: FieldUpdate[] = [];
  const accountOutputs = mapping.objects.account?.outputs ?? {};
  const accountValues = foldValues(accountOutputValues(outcome.account), encoding);
  const accountUpdate = planFieldUpdate('account', bundle.account.id, bundle.account.crmValues, accountValues, accountOutputs);
  if (accountUpdate) updates.push(accountUpdate);
  const contactOutputs = mapping.objects.contact?.outputs ?? {};
  if (Object.keys(contactOutputs).length === 0) return updates;
  const contactsById = new Map(bundle.contacts.map((c) => [c.id, c]));
  for (const contactScore of outcome.contacts) {
    const contact = contactsById.get(contactScore.contactId);
    if (!contact) continue;
    const values = foldValues(contactOutputValues(contactScore, outcome.account.scoredAt), encoding);
    const update = planFieldUpdate('contact', contact.id, contact.crmValues, values, contactOutputs);
    if (update) updates.push(update);
  }
  return updates;
}

/** Display names are for the dry-run plan only: a real run streams the plan to the outbox, which does not carry them. */
function addNames(bundle: AccountBundle, updates: readonly FieldUpdate[], names: Record<string, string>): void {
  const contactsById = new Map(bundle.contacts.map((c) => [c.id, c]));
  for (const update of updates) {
    if (update.kind === 'account') {
      names[update.recordId] = bundle.account.name;
      continue;
    }
    const contact = contactsById.get(update.recordId);
    if (contact) names[contact.id] = personName(contact);
  }
}

function addLeadNames(bundle: AccountBundle, updates: readonly FieldUpdate[], names: Record<string, string>): void {
  const leadsById = new Map(bundle.leads.map((l) => [l.id, l]));
  for (const update of updates) {
    const lead = leadsById.get(update.recordId);
    if (lead) names[lead.id] = personName(lead);
  }
}

/** A task whose key is already in the ledger was planned (and maybe created) before: never plan it twice. */
export async function newTasksOnly(store: StateStore, tasks: TaskDraft[]): Promise<TaskDraft[]> {
  if (tasks.length === 0) return tasks;
  const known = await store.getLedgerEntries(tasks.map((t) => t.key));
  const seen = new Set<string>();
  return tasks.filter((t) => {
    if (known.has(t.key) || seen.has(t.key)) return false;
    seen.add(t.key);
    return true;
  });
}
