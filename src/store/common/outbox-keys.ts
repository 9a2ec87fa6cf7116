import type { OutboxPayload } from '../../model/sync.js';

/** Tasks go after field updates of priority < 10 (qualification, stage) and before plain score drift. */
export const TASK_PRIORITY = 10;

/**
 * Two payloads with the same key are the same planned write: a newer plan replaces the older pending one. An account's
 * field updates are planned together (the account and its contacts, from one scored bundle), so they share one key; a
 * lead's travel alone, keyed by the lead, so its newest plan replaces the older one whichever account it matched then.
 */
export function outboxDedupeKey(payload: OutboxPayload): string {
  if (payload.type === 'task') return `task:${payload.task.key}`;
  return payload.leadId === undefined ? fieldsKey(payload.accountId) : leadFieldsKey(payload.leadId);
}

/** An item goes out with its most important change. */
export function outboxPriority(payload: OutboxPayload): number {
  if (payload.type === 'task' || payload.updates.length === 0) return TASK_PRIORITY;
  return Math.min(...payload.updates.map((u) => u.priority));
}

export interface OutboxRow {
  dedupeKey: string;
  priority: number;
  payload: string;
}

/** One row per dedupe key (the last payload wins), keeping first-seen order so ids follow the plan's order. */
export function toOutboxRows(payloads: OutboxPayload[]): OutboxRow[] {
  const byKey = new Map<string, OutboxRow>();
  for (const payload of payloads) {
    const dedupeKey = outboxDedupeKey(payload);
    byKey.set(dedupeKey, { dedupeKey, priority: outboxPriority(payload), payload: JSON.stringify(payload) });
  }
  return [...byKey.values()];
}

/** The account an outbox payload belongs to (a field item's, or a task's). */
export function outboxAccountId(payload: OutboxPayload): string {
  return payload.type === 'fields' ? payload.accountId : payload.task.accountId;
}

/**
 * A replayed item folded into the pending item of the same key: the pending item was planned later, so its updates
 * win; the replayed item adds the records it does not name. Two copies of one task are the same task.
 */
export function mergeReplayed(pending: OutboxPayload, replayed: OutboxPayload): OutboxPayload {
  if (pending.type !== 'fields' || replayed.type !== 'fields') return pending;
  const named = new Set(pending.updates.map((u) => u.recordId));
  return { ...pending, updates: [...pending.updates, ...replayed.updates.filter((u) => !named.has(u.recordId))] };
}

/** A failed field item reduced to the records still held back; null when none are. */
export function heldPart(payload: OutboxPayload, held: ReadonlySet<string>): OutboxPayload | null {
  if (payload.type !== 'fields') return payload;
  const updates = payload.updates.filter((u) => held.has(u.recordId));
  return updates.length === 0 ? null : { ...payload, updates };
}

/** The dedupe key of an account's field item (the account and its contacts). */
export function fieldsKey(accountId: string): string {
  return `fields:${accountId}`;
}

/** The dedupe key of a lead's field item: a lead's outputs travel alone, whichever account it matched. */
export function leadFieldsKey(leadId: string): string {
  return `fields:lead:${leadId}`;
}
