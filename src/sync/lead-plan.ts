/**
 * The lead side of planning: a lead's outputs become one outbox item of its own (keyed by the lead), and a lead's
 * lifecycle stage is remembered on the lead (its latest score), not on an account, so it survives a change of match.
 */
import type { MappingFile } from '../config/mapping-types.js';
import type { AccountBundle, Lead } from '../model/records.js';
import { emptyPriorState, type LeadScore, type PriorAccountState } from '../model/scores.js';
import type { AccountFieldUpdates } from './persist-batch.js';
import { leadOutputValues } from './output-values.js';
import { planFieldUpdate } from './plan-fields.js';
import { foldValues } from './fold-text.js';
import type { BatchContext } from './score-batch.js';

/** One group per lead whose outputs change: the lead's update alone, with its matched account ('' when none). */
export function leadFieldUpdates(
  mapping: MappingFile,
  leads: readonly Lead[],
  scores: readonly LeadScore[],
  scoredAt: string,
  encoding?: string,
): AccountFieldUpdates[] {
  const outputs = mapping.objects.lead?.outputs ?? {};
  if (Object.keys(outputs).length === 0 || scores.length === 0) return [];
  const leadsById = new Map(leads.map((l) => [l.id, l]));
  const groups: AccountFieldUpdates[] = [];
  for (const score of scores) {
    const lead = leadsById.get(score.leadId);
    if (!lead) continue;
    const update = planFieldUpdate('lead', lead.id, lead.crmValues, foldValues(leadOutputValues(score, scoredAt), encoding), outputs);
    if (update) groups.push({ accountId: score.accountId ?? '', leadId: lead.id, updates: [update] });
  }
  return groups;
}

/** The leads' remembered lifecycle stages (only read when lifecycle is on). */
export async function leadLifecycles(ctx: Pick<BatchContext, 'store' | 'source' | 'scoringConfig'>, leadIds: string[]): Promise<Map<string, string>> {
  const stages = new Map<string, string>();
  if (!ctx.scoringConfig.lifecycle.enabled || leadIds.length === 0) return stages;
  for (const [leadId, score] of await ctx.store.latestLeadScores(ctx.source, leadIds)) {
    if (score.lifecycleStage !== null) stages.set(leadId, score.lifecycleStage);
  }
  return stages;
}

/** The account's prior with its matched leads' lifecycle stages (an empty prior is what scoring treats as none). */
export function withLeadLifecycles(prior: PriorAccountState | null, bundle: AccountBundle, stages: ReadonlyMap<string, string>): PriorAccountState | null {
  const own = bundle.leads.flatMap((l) => {
    const stage = stages.get(l.id);
    return stage === undefined ? [] : [[l.id, stage] as const];
  });
  if (own.length === 0) return prior;
  return { ...(prior ?? emptyPriorState()), lifecycleByLead: Object.fromEntries(own) };
}
