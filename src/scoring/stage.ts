/**
 * Buying stage: the first stage rule whose conditions hold, then a minimum dwell so a stage change (up or down)
 * takes effect only after the current stage was held `minDwellDays` — except a move up to Purchase when an
 * opportunity opens, which is never delayed.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import { BUYING_STAGES, type BuyingStage, type Contributor, type PriorAccountState, type StageResult } from '../model/scores.js';
import type { CompiledConfig } from './compile.js';
import type { SignalValues } from './rules/conditions.js';
import { matchedConditions } from './rules/explain-match.js';
import { DAY_MS, parseMs } from './time.js';

export interface StageOutcome {
  result: StageResult;
  /** What the rules say today, before dwell. */
  ruleStage: BuyingStage;
  change: { from: BuyingStage | null; to: BuyingStage } | null;
}

export function stageRank(stage: BuyingStage): number {
  return BUYING_STAGES.indexOf(stage);
}

export function ruleStage(signals: SignalValues, compiled: CompiledConfig, config: ScoringConfig): { stage: BuyingStage; contributors: Contributor[] } {
  for (const rule of compiled.stageRules) {
    const group = rule.when.firstMatch(signals);
    if (group >= 0) return { stage: rule.stage as BuyingStage, contributors: matchedConditions(rule.when, group, signals, compiled) };
  }
  return { stage: config.stages.default, contributors: [] };
}

export function decideStage(signals: SignalValues, prior: PriorAccountState | null, compiled: CompiledConfig, config: ScoringConfig, nowMs: number): StageOutcome {
  const now = new Date(nowMs).toISOString();
  const computed = ruleStage(signals, compiled, config);
  if (!prior || prior.stage === null) {
    return { ruleStage: computed.stage, change: { from: null, to: computed.stage }, result: { stage: computed.stage, previousStage: null, enteredAt: now, contributors: computed.contributors } };
  }
  const enteredAt = prior.stageEnteredAt ?? now;
  if (computed.stage === prior.stage) {
    return { ruleStage: computed.stage, change: null, result: { stage: prior.stage, previousStage: prior.previousStage, enteredAt, contributors: computed.contributors } };
  }
  const heldDays = (nowMs - parseMs(enteredAt)) / DAY_MS;
  const opportunityOpened = computed.stage === 'Purchase' && signals.openOpportunity === true;
  if (heldDays >= config.stages.minDwellDays || opportunityOpened || Number.isNaN(heldDays)) {
    return { ruleStage: computed.stage, change: { from: prior.stage, to: computed.stage }, result: { stage: computed.stage, previousStage: prior.stage, enteredAt: now, contributors: computed.contributors } };
  }
  const held: Contributor = {
    label: `held at ${prior.stage} (${Math.floor(heldDays)} of ${config.stages.minDwellDays} dwell days; signals say ${computed.stage})`,
    points: 0,
  };
  return { ruleStage: computed.stage, change: null, result: { stage: prior.stage, previousStage: prior.previousStage, enteredAt, contributors: [held, ...computed.contributors] } };
}
