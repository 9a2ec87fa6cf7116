/**
 * Engine and kill tests need tasks to lose: the shipped playbooks (rightly) give a handful of sampled accounts none,
 * so these add one playbook that fires for every account on its first scoring (it enters its first stage) and never
 * skips. The engine treats its tasks like any other.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { ScoringConfigSchema, type ScoringConfig } from '../src/config/scoring-schema.js';
import { BUYING_STAGES } from '../src/model/scores.js';

const FIRST_LOOK = {
  id: 'first-look',
  trigger: { type: 'stageEntered', stages: [...BUYING_STAGES] },
  subject: 'Take a first look at {account}',
  action: 'New in scoring: check the account.',
  unless: null,
  priority: 'Low',
};

export function withTaskForEveryAccount(config: ScoringConfig): ScoringConfig {
  return ScoringConfigSchema.parse({ ...config, playbooks: [...config.playbooks, FIRST_LOOK] });
}

/** The same, for a copied project whose scoring file a child process reads (`scoresync run`, `scoresync serve`). */
export function addTaskForEveryAccount(scoringYamlPath: string): void {
  const scoring = parse(readFileSync(scoringYamlPath, 'utf8')) as { playbooks?: unknown[] };
  scoring.playbooks = [...(scoring.playbooks ?? []), FIRST_LOOK];
  writeFileSync(scoringYamlPath, stringify(scoring));
}
