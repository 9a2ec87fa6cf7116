/**
 * Score the leads no account claims, each on its own (persona, engagement, lifecycle, a fit from its own
 * firmographics), and plan their outputs and tasks like the score phase does: per batch, plan and scores saved in one
 * store transaction before anything is pushed. Matched leads are scored with their account (score-batch.ts).
 */
import type { ScoringModels } from '../scoring/api.js';
import type { EngineDeps, RunOptions } from './engine-deps.js';
import { foldTask } from './fold-text.js';
import { holdBack } from './hold-back.js';
import { leadFieldUpdates, leadLifecycles } from './lead-plan.js';
import { leadFieldsKey } from '../store/common/outbox-keys.js';
import { persistPlan, type AccountFieldUpdates } from './persist-batch.js';
import { countFieldChanges, emptyPlan, type SyncPlan } from './plan-types.js';
import { newTasksOnly } from './score-batch.js';
import { batchesOf } from './worker-pool.js';
import { personName } from '../scoring/person-name.js';
import type { LeadScore } from '../model/scores.js';
import type { TaskDraft } from '../model/tasks.js';

export interface LeadScoreResult {
  scoredLeads: number;
  fieldsChanged: number;
  tasksPlanned: number;
  /** Kept for dry runs only, as in the score phase. */
  plan: SyncPlan;
}

/** `leadIds`: the leads to score, or 'all' for every unmatched lead (a full rescore). Ids that are not unmatched are skipped. */
export async function leadScorePhase(
  deps: EngineDeps,
  options: RunOptions,
  runId: string,
  leadIds: readonly string[] | 'all',
  models: ScoringModels,
): Promise<LeadScoreResult> {
  const result: LeadScoreResult = { scoredLeads: 0, fieldsChanged: 0, tasksPlanned: 0, plan: emptyPlan() };
  const source = deps.connector.name;
  const ids = leadIds === 'all' ? await deps.store.unmatchedLeadIds(source) : [...leadIds].sort();
  if (ids.length === 0) return result;
  deps.progress.start('score unmatched leads', ids.length);
  for (const batch of batchesOf(ids, Math.max(1, deps.settings.scoreBatchSize))) {
    const now = deps.now();
    const bundles = await deps.store.loadLeadBundles(source, batch, { activitiesSince: deps.scoring.activitiesSince(deps.scoringConfig, now) });
    const lifecycles = await leadLifecycles({ store: deps.store, source, scoringConfig: deps.scoringConfig }, bundles.map((b) => b.lead.id));
    // A write the CRM refused for good waits for a replay while the plan would write the same again (hold-back.ts).
    const refused = await deps.store.failedFieldUpdates(source, bundles.map((b) => leadFieldsKey(b.lead.id)));
    const held = new Map<string, Set<string>>();
    const encoding = deps.connector.outputEncoding;
    const scores: LeadScore[] = [];
    const groups: AccountFieldUpdates[] = [];
    let tasks: TaskDraft[] = [];
    for (const bundle of bundles) {
      const scored = deps.scoring.scoreLead(bundle, lifecycles.get(bundle.lead.id) ?? null, models, deps.scoringConfig, now);
      scores.push(scored.lead);
      tasks.push(...scored.tasks.map((t) => foldTask(t, encoding)));
      for (const group of leadFieldUpdates(deps.mapping, [bundle.lead], [scored.lead], scored.lead.scoredAt, encoding)) {
        const key = leadFieldsKey(bundle.lead.id);
        const failed = refused.get(key);
        const { send, held: waiting } = holdBack(group.updates, failed ?? []);
        if (failed) held.set(key, waiting);
        if (send.length === 0) continue;
        groups.push({ ...group, updates: send });
        if (options.dryRun) result.plan.names[bundle.lead.id] = personName(bundle.lead);
      }
    }
    tasks = await newTasksOnly(deps.store, tasks);
    const updates = groups.flatMap((g) => g.updates);
    result.scoredLeads += scores.length;
    result.fieldsChanged += countFieldChanges(updates);
    result.tasksPlanned += tasks.length;
    if (options.dryRun) {
      result.plan.updates.push(...updates);
      result.plan.tasks.push(...tasks);
    } else {
      await deps.store.transaction(async () => {
        await persistPlan(deps.store, source, runId, groups, tasks, now);
        await deps.store.keepFailedFieldUpdates(source, held);
        if (scores.length > 0) await deps.store.saveLeadScores(source, runId, scores);
      });
    }
    deps.progress.tick(batch.length);
  }
  deps.progress.finish();
  return result;
}
