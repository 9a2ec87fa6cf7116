/** Scores every contact of a bundle: persona, engagement and (when enabled) lifecycle with its notification task. */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { Account, Contact } from '../model/records.js';
import type { ContactScore, EngagementResult, PriorAccountState } from '../model/scores.js';
import type { TaskDraft } from '../model/tasks.js';
import type { CompiledConfig } from './compile.js';
import { contactEngagement } from './engagement.js';
import { decideLifecycle, lifecycleTask } from './lifecycle.js';
import type { ModelParams } from './model-params.js';
import { scorePersona } from './persona.js';
import type { ActivityDigest } from './signals/activity-digest.js';

export interface ContactsOutcome {
  scores: ContactScore[];
  engagement: EngagementResult[];
  personas: (string | null)[];
  tasks: TaskDraft[];
  lifecycleByContact: Record<string, string>;
}

export function scoreContacts(
  account: Account,
  contacts: readonly Contact[],
  digest: ActivityDigest,
  params: ModelParams,
  prior: PriorAccountState | null,
  compiled: CompiledConfig,
  config: ScoringConfig,
  nowMs: number,
): ContactsOutcome {
  const outcome: ContactsOutcome = { scores: [], engagement: [], personas: [], tasks: [], lifecycleByContact: { ...(prior?.lifecycleByContact ?? {}) } };
  const boost = config.personas.learnedBoost.enabled ? params.persona : null;
  contacts.forEach((contact, i) => {
    const persona = scorePersona(contact, config, boost);
    const engagement = contactEngagement(i, digest, compiled, config);
    let lifecycleStage: string | null = null;
    if (config.lifecycle.enabled) {
      const decided = decideLifecycle(
        {
          personaScore: persona.score,
          engagementScore: engagement.score,
          handRaiser: digest.handRaiser[i] === 1,
          negative: digest.negative[i] === 1,
          prior: prior?.lifecycleByContact[contact.id],
        },
        compiled,
        config,
      );
      lifecycleStage = decided.stage;
      if (decided.stage !== null) outcome.lifecycleByContact[contact.id] = decided.stage;
      const task = lifecycleTask(contact, account.id, account.ownerId, decided, config, nowMs);
      if (task) outcome.tasks.push(task);
    }
    outcome.engagement.push(engagement);
    outcome.personas.push(persona.persona);
    outcome.scores.push({
      contactId: contact.id,
      accountId: contact.accountId,
      persona: persona.persona,
      personaScore: persona.score,
      personaGrade: persona.grade,
      engagement,
      lifecycleStage,
      contributors: [...persona.contributors, ...engagement.contributors],
    });
  });
  return outcome;
}
