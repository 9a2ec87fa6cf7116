/**
 * Leads as people: a matched lead is scored inside its account's buying team exactly like a contact (persona,
 * engagement, lifecycle), and carries the account's fit; an unmatched lead is scored alone, with a fit from its own
 * firmographics. A lead's lifecycle task is keyed by the lead, whichever account it is matched to.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { Account, Lead, LeadBundle } from '../model/records.js';
import type { EngagementResult, FitResult, LeadScore } from '../model/scores.js';
import type { TaskDraft } from '../model/tasks.js';
import type { LeadScoringResult, ScoringModels } from './api.js';
import { compileConfig, type CompiledConfig } from './compile.js';
import { scoreLeadFit } from './fit/lead-fit.js';
import { modelParams, type ModelParams } from './model-params.js';
import { lifecycleTaskFor, personScoreFields, scorePerson } from './people.js';
import { personDisplayName } from './person-name.js';
import { digestActivities, type ActivityDigest } from './signals/activity-digest.js';
import { leadTaskKey } from './tasks/task-key.js';

export interface MatchedLeadsOutcome {
  scores: LeadScore[];
  engagement: EngagementResult[];
  personas: (string | null)[];
  tasks: TaskDraft[];
}

/** The digest positions of the leads: right after the contacts. */
export function leadIndexOf(leads: readonly Lead[], firstIndex: number): Map<string, number> {
  const index = new Map<string, number>();
  leads.forEach((lead, i) => index.set(lead.id, firstIndex + i));
  return index;
}

export function scoreMatchedLeads(
  account: Account,
  leads: readonly Lead[],
  firstIndex: number,
  context: { digest: ActivityDigest; params: ModelParams; fit: FitResult; reasons: Readonly<Record<string, string>>; lifecycleByLead: Readonly<Record<string, string>> },
  compiled: CompiledConfig,
  config: ScoringConfig,
  now: Date,
): MatchedLeadsOutcome {
  const outcome: MatchedLeadsOutcome = { scores: [], engagement: [], personas: [], tasks: [] };
  leads.forEach((lead, i) => {
    const scored = scoreOneLead(lead, firstIndex + i, account, context.lifecycleByLead[lead.id], context.digest, context.params, compiled, config, now);
    outcome.scores.push({ ...scored.score, fit: context.fit, matchReason: context.reasons[lead.id] ?? null });
    outcome.engagement.push(scored.score.engagement);
    outcome.personas.push(scored.score.persona);
    if (scored.task) outcome.tasks.push(scored.task);
  });
  return outcome;
}

/** An unmatched lead on its own: its activities, persona, engagement, lifecycle and its own firmographic fit. */
export function scoreLead(bundle: LeadBundle, priorLifecycle: string | null, models: ScoringModels, config: ScoringConfig, now: Date): LeadScoringResult {
  const compiled = compileConfig(config);
  const { lead } = bundle;
  const digest = digestActivities(bundle.activities, NO_CONTACTS, 1, compiled, config, now.getTime(), bundle.olderActivityAt ?? null, leadIndexOf([lead], 0));
  const scored = scoreOneLead(lead, 0, null, priorLifecycle ?? undefined, digest, modelParams(models), compiled, config, now);
  return { lead: { ...scored.score, fit: scoreLeadFit(lead, models, config) }, tasks: scored.task ? [scored.task] : [] };
}

const NO_CONTACTS: ReadonlyMap<string, number> = new Map();

function scoreOneLead(
  lead: Lead,
  index: number,
  account: Account | null,
  priorStage: string | undefined,
  digest: ActivityDigest,
  params: ModelParams,
  compiled: CompiledConfig,
  config: ScoringConfig,
  now: Date,
): { score: Omit<LeadScore, 'fit'>; task: TaskDraft | null } {
  const scored = scorePerson(lead, index, priorStage, digest, params, compiled, config);
  const { lifecycle } = scored;
  const task = lifecycleTaskFor(
    personDisplayName(lead, true),
    lifecycle,
    {
      key: leadTaskKey('lifecycle', lead.id, lifecycle?.stage ?? ''),
      accountId: account?.id ?? '',
      contactId: null,
      leadId: lead.id,
      ownerId: lead.ownerId ?? account?.ownerId ?? null,
    },
    config,
    now.getTime(),
  );
  const score: Omit<LeadScore, 'fit'> = {
    leadId: lead.id,
    accountId: account?.id ?? null,
    matchReason: null,
    ...personScoreFields(scored),
    scoredAt: now.toISOString(),
  };
  return { score, task };
}
