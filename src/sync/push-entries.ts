/**
 * The unit of a push: one record's field update or one task, with the outbox item it came from. A field item holds an
 * account's record and its contacts' (one scored bundle); each of them is written, and settled, on its own.
 */
import type { WritableKind } from '../model/records.js';
import type { CrmErrorInfo, FieldUpdate, OutboxItem, OutboxPayload } from '../model/sync.js';
import type { TaskDraft } from '../model/tasks.js';

export type PushEntry =
  | { item: OutboxItem; type: 'fields'; kind: WritableKind; update: FieldUpdate }
  | { item: OutboxItem; type: 'task'; task: TaskDraft };

/** How the CRM answered for one entry. */
export type EntryOutcome = { ok: true; crmId?: string; alreadyExisted?: boolean } | { ok: false; error: CrmErrorInfo };

export function entriesOf(item: OutboxItem): PushEntry[] {
  const payload = item.payload;
  if (payload.type === 'task') return [{ item, type: 'task', task: payload.task }];
  return payload.updates.map((update): PushEntry => ({ item, type: 'fields', kind: update.kind, update }));
}

/** How an entry is named in errors and logs: "contact 003…" or "task <key>". */
export function describeEntry(entry: PushEntry): string {
  return entry.type === 'fields' ? `${entry.kind} ${entry.update.recordId}` : `task ${entry.task.key}`;
}

/** The payload of an item reduced to some of its entries (what is left to write, or what failed). */
export function payloadOf(item: OutboxItem, entries: readonly PushEntry[]): OutboxPayload {
  if (item.payload.type === 'task') return item.payload;
  return { ...item.payload, updates: entries.flatMap((e) => (e.type === 'fields' ? [e.update] : [])) };
}

/** Batch key: one CRM call writes one record kind, or creates tasks. */
export function batchKey(entry: PushEntry): string {
  return entry.type === 'fields' ? `fields:${entry.kind}` : 'task';
}

/** What a record id is within a batch: a batch never writes the same record twice (CRMs reject duplicate ids). */
export function entryId(entry: PushEntry): string {
  return entry.type === 'fields' ? entry.update.recordId : entry.task.key;
}
