/** Scores every contact of a bundle: persona, engagement and (when enabled) lifecycle with its notification task. */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { Account, Contact } from '../model/records.js';
import type { ContactScore, EngagementResult, PriorAccountState } from '../model/scores.js';
import type { TaskDraft } from '../model/tasks.js';
import type { CompiledConfig } from './compile.js';
import type { ModelParams } from './model-params.js';
import { lifecycleTaskFor, personScoreFields, scorePerson } from './people.js';
import { personDisplayName } from './person-name.js';
import type { ActivityDigest } from './signals/activity-digest.js';
import { taskKey } from './tasks/task-key.js';

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
  contacts.forEach((contact, i) => {
    const scored = scorePerson(contact, i, prior?.lifecycleByContact[contact.id], digest, params, compiled, config);
    const { persona, engagement, lifecycle } = scored;
    if (lifecycle?.stage) outcome.lifecycleByContact[contact.id] = lifecycle.stage;
    const task = lifecycleTaskFor(
      personDisplayName(contact),
      lifecycle,
      { key: taskKey('lifecycle', account.id, `${contact.id}@${lifecycle?.stage ?? ''}`), accountId: account.id, contactId: contact.id, ownerId: contact.ownerId ?? account.ownerId },
      config,
      nowMs,
    );
    if (task) outcome.tasks.push(task);
    outcome.engagement.push(engagement);
    outcome.personas.push(persona.persona);
    outcome.scores.push({ contactId: contact.id, accountId: contact.accountId, ...personScoreFields(scored) });
  });
  return outcome;
}
