/**
 * Contact lifecycle (off by default; MQL → SAL → SQL for many teams): thresholds on persona fit and engagement,
 * hand-raisers that jump straight to a stage, negative signals that hold a contact back. Stages never move back
 * on their own (sales owns the way down); crossing into a sales stage notifies the owner with a task.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { CompiledConfig } from './compile.js';

export interface LifecycleInput {
  personaScore: number;
  engagementScore: number;
  handRaiser: boolean;
  negative: boolean;
  prior: string | undefined;
}

export interface LifecycleOutcome {
  stage: string | null;
  /** Why it moved, when it moved. */
  reason: string | null;
}

export function decideLifecycle(input: LifecycleInput, compiled: CompiledConfig, config: ScoringConfig): LifecycleOutcome {
  const stages = config.lifecycle.stages;
  let rank = -1;
  stages.forEach((s, i) => {
    if (input.personaScore >= s.minPersonaScore && input.engagementScore >= s.minEngagement) rank = i;
  });
  let reason = rank >= 0 ? `persona ${Math.round(input.personaScore)} and engagement ${Math.round(input.engagementScore)} meet ${stages[rank]?.name ?? ''}` : null;
  const jump = compiled.lifecycleRank.get(config.lifecycle.handRaisers.jumpTo) ?? -1;
  if (input.handRaiser && jump > rank) {
    rank = jump;
    reason = `hand-raiser (demo or pricing request) → ${stages[jump]?.name ?? ''}`;
  }
  const hold = compiled.lifecycleRank.get(config.lifecycle.negative.holdAt) ?? -1;
  if (input.negative && rank > hold) {
    rank = hold;
    reason = `held at ${stages[hold]?.name ?? ''} by a recent negative signal`;
  }
  const priorRank = input.prior === undefined ? -1 : (compiled.lifecycleRank.get(input.prior) ?? -1);
  if (priorRank >= rank) return { stage: priorRank >= 0 ? (stages[priorRank]?.name ?? null) : null, reason: null };
  return { stage: stages[rank]?.name ?? null, reason };
}
