/**
 * What a contact and a lead share when scored as a person: persona fit, engagement from the activity digest, and
 * (when enabled) a lifecycle stage with its notification task. Contacts and matched leads of one account are one
 * buying team, so both are scored here with the same rules; only how a task names the person differs.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { ContactScore, EngagementResult } from '../model/scores.js';
import type { TaskDraft } from '../model/tasks.js';
import type { CompiledConfig } from './compile.js';
import { contactEngagement } from './engagement.js';
import { decideLifecycle, type LifecycleOutcome } from './lifecycle.js';
import type { ModelParams } from './model-params.js';
import { scorePersona, type PersonaResult } from './persona.js';
import type { Person } from './person-name.js';
import type { ActivityDigest } from './signals/activity-digest.js';
import { dueDate } from './tasks/task-key.js';

export interface PersonOutcome {
  persona: PersonaResult;
  engagement: EngagementResult;
  lifecycle: LifecycleOutcome | null;
}

/** The score fields a contact's and a lead's scores share. */
export function personScoreFields({ persona, engagement, lifecycle }: PersonOutcome): Pick<
  ContactScore,
  'persona' | 'personaScore' | 'personaGrade' | 'engagement' | 'lifecycleStage' | 'contributors'
> {
  return {
    persona: persona.persona,
    personaScore: persona.score,
    personaGrade: persona.grade,
    engagement,
    lifecycleStage: lifecycle?.stage ?? null,
    contributors: [...persona.contributors, ...engagement.contributors],
  };
}

/** Scores the person at `index` of the digest (contacts first, then leads). `priorStage` is its remembered lifecycle stage. */
export function scorePerson(
  person: Person,
  index: number,
  priorStage: string | undefined,
  digest: ActivityDigest,
  params: ModelParams,
  compiled: CompiledConfig,
  config: ScoringConfig,
): PersonOutcome {
  const persona = scorePersona(person, config, config.personas.learnedBoost.enabled ? params.persona : null);
  const engagement = contactEngagement(index, digest, compiled, config);
  const lifecycle = config.lifecycle.enabled
    ? decideLifecycle(
        {
          personaScore: persona.score,
          engagementScore: engagement.score,
          handRaiser: digest.handRaiser[index] === 1,
          negative: digest.negative[index] === 1,
          prior: priorStage,
        },
        compiled,
        config,
      )
    : null;
  return { persona, engagement, lifecycle };
}

/** The task telling the owner a person crossed into a sales stage; `key` and the ids say which person and account. */
export function lifecycleTaskFor(
  who: string,
  outcome: LifecycleOutcome | null,
  draft: Pick<TaskDraft, 'key' | 'accountId' | 'contactId' | 'leadId' | 'ownerId'>,
  config: ScoringConfig,
  nowMs: number,
): TaskDraft | null {
  if (outcome === null || outcome.reason === null || outcome.stage === null || !config.lifecycle.salesStages.includes(outcome.stage)) return null;
  return {
    ...draft,
    rule: 'lifecycle',
    subject: `${who} is now ${outcome.stage}`,
    body: `${who} crossed into ${outcome.stage}: ${outcome.reason}. Follow up while the interest is fresh.`,
    dueDate: dueDate(nowMs, config.lifecycle.notifyDueInDays),
    priority: config.lifecycle.notifyPriority,
  };
}
