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
  return payload.leadId === undefined ? `fields:${payload.accountId}` : `fields:lead:${payload.leadId}`;
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
