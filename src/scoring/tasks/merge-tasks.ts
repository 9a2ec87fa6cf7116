/**
 * One to-do per account and day: the playbook drafts that fire for an account in one scoring are merged into a single
 * task (subject of the first, every action in the body, the reasons once, the most urgent priority, the earliest due
 * date). The merged key joins the drafts' own keys, so a re-run that fires the same playbooks yields the same key.
 */
import type { TaskDraft } from '../../model/tasks.js';
import { fingerprint32 } from '../stats/hash.js';
import { moreUrgent } from './playbooks.js';

/** Salesforce text / external id fields hold 255 characters. */
export const MAX_SUBJECT_CHARS = 255;
export const MAX_KEY_CHARS = 255;

/** The joined key, or (with many long playbook ids) a shortened one that is just as deterministic. */
function mergedKey(rules: readonly string[], accountId: string, windows: readonly string[]): string {
  const key = `${rules.join('+')}:${accountId}:${windows.join('+')}`;
  if (key.length <= MAX_KEY_CHARS) return key;
  const hash = fingerprint32(key).toString(16).padStart(8, '0');
  return `${rules.join('+').slice(0, MAX_KEY_CHARS - accountId.length - 20)}~:${accountId}:${hash}`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Merges one account's playbook drafts (in playbook order) and appends the reasons; a single draft keeps its key. */
export function mergeAccountTasks(drafts: readonly TaskDraft[], why: string): TaskDraft[] {
  const [first] = drafts;
  if (!first) return [];
  const body = (text: string): string => (why === '' ? text : `${text}\n\nWhy: ${why}`);
  if (drafts.length === 1) return [{ ...first, body: body(first.body) }];
  const rules = drafts.map((d) => d.rule);
  const windows = drafts.map((d) => d.key.slice(d.rule.length + 1 + d.accountId.length + 1));
  const lead = drafts.find((d) => d.leadId);
  const more = drafts.length - 1;
  return [
    {
      key: mergedKey(rules, first.accountId, windows),
      rule: rules.join('+'),
      accountId: first.accountId,
      contactId: null,
      ...(lead ? { leadId: lead.leadId } : {}),
      ownerId: first.ownerId,
      subject: shorten(`${first.subject} (and ${more} more)`, MAX_SUBJECT_CHARS),
      body: body(drafts.map((d) => `• ${d.subject}: ${d.body}`).join('\n')),
      dueDate: drafts.map((d) => d.dueDate).sort()[0] ?? first.dueDate,
      priority: drafts.map((d) => d.priority).reduce(moreUrgent),
    },
  ];
}

/**
 * One playbook task per account per day. The first run of a day that fires playbooks for an account merges them (and
 * any that waited) into one task; playbooks that fire in a later run of the same day wait in the account's state and
 * go out merged into its next task on a later day (the next daily rescore), with the keys they fired with — so a
 * re-run still yields the same key. A waiting draft whose playbook fired again is replaced by the fresh one, and one
 * whose `unless` now holds (the account became a customer) is dropped.
 */
export function planAccountTasks(
  fresh: readonly TaskDraft[],
  input: { waiting: readonly TaskDraft[]; taskedToday: boolean; stillWanted: (draft: TaskDraft) => boolean; why: string },
): { tasks: TaskDraft[]; deferred: TaskDraft[] } {
  const waiting = input.waiting.filter((d) => input.stillWanted(d) && !fresh.some((f) => f.rule === d.rule));
  const all = [...waiting, ...fresh];
  if (all.length === 0) return { tasks: [], deferred: [] };
  if (input.taskedToday) return { tasks: [], deferred: all };
  return { tasks: mergeAccountTasks(all, input.why), deferred: [] };
}
