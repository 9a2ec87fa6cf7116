/**
 * Engine and kill tests need tasks to lose: the shipped playbooks (rightly) give a handful of sampled accounts none,
 * so these add one playbook that fires for every account on its first scoring (it enters its first stage) and never
 * skips. The engine treats its tasks like any other.
 */
import { ScoringConfigSchema, type ScoringConfig } from '../src/config/scoring-schema.js';
import { BUYING_STAGES } from '../src/model/scores.js';

export function withTaskForEveryAccount(config: ScoringConfig): ScoringConfig {
  return ScoringConfigSchema.parse({
    ...config,
    playbooks: [
      ...config.playbooks,
      { id: 'first-look', trigger: { type: 'stageEntered', stages: [...BUYING_STAGES] }, subject: 'Take a first look at {account}', action: 'New in scoring: check the account.', unless: null, priority: 'Low' },
    ],
  });
}
