/**
 * Writes that wait: failed items until a replay, pending items put off by a retryable failure. Replays, and the field
 * updates a new plan holds back (an identical write the CRM refused for good is not re-sent) or supersedes.
 */
import type Database from 'better-sqlite3';
import type { FieldUpdate, OutboxPayload } from '../../model/sync.js';
import type { Clock } from '../common/clock.js';
import { heldPart, mergeReplayed, outboxPriority } from '../common/outbox-keys.js';
import { OUTBOX_COLUMNS, toOutboxItem, type OutboxDbRow } from '../common/rows.js';
import { parseJson } from '../common/record-rows.js';
import type { OutboxReplayFilter, WaitingMethods } from '../store.js';

/** The filter's conditions; every parameter is bound (null: does not narrow). */
const MATCHES = `
  connector = @connector
  AND (@runId IS NULL OR run_id = @runId)
  AND (@type IS NULL OR dedupe_key GLOB @type || ':*')
  AND (@accounts IS NULL OR COALESCE(json_extract(payload, '$.accountId'), json_extract(payload, '$.task.accountId')) IN (SELECT value FROM json_each(@accounts)))`;

function filterParams(connector: string, filter: OutboxReplayFilter): Record<string, unknown> {
  return {
    connector,
    runId: filter.runId ?? null,
    type: filter.type ?? null,
    accounts: filter.accountIds === undefined ? null : JSON.stringify(filter.accountIds),
  };
}

export function sqliteWaiting(db: Database.Database, clock: Clock): WaitingMethods {
  const waiting = db.prepare(`
    SELECT ${OUTBOX_COLUMNS} FROM outbox
    WHERE connector = @connector AND (status = 'failed' OR next_attempt_at IS NOT NULL) AND (@runId IS NULL OR run_id = @runId)
    ORDER BY updated_at DESC, id DESC LIMIT @limit`);
  const countWaiting = db.prepare(`
    SELECT COUNT(*) FILTER (WHERE status = 'failed') AS failed, COUNT(*) FILTER (WHERE status = 'pending') AS retrying
    FROM outbox WHERE connector = ? AND (status = 'failed' OR next_attempt_at IS NOT NULL)`);
  const failedMatching = db.prepare(`SELECT id, dedupe_key, payload FROM outbox WHERE status = 'failed' AND ${MATCHES} ORDER BY id`);
  const pendingByKey = db.prepare("SELECT id, payload FROM outbox WHERE connector = ? AND dedupe_key = ? AND status = 'pending'");
  const updatePayload = db.prepare('UPDATE outbox SET payload = @payload, priority = @priority, updated_at = @now WHERE id = @id');
  const remove = db.prepare('DELETE FROM outbox WHERE id = ?');
  const reopen = db.prepare(`
    UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = NULL, first_failed_at = NULL, updated_at = @now WHERE id = @id`);
  const dueNow = db.prepare(`UPDATE outbox SET next_attempt_at = NULL, updated_at = @now WHERE status = 'pending' AND next_attempt_at IS NOT NULL AND ${MATCHES}`);
  const failedFields = db.prepare(`
    SELECT o.id, o.dedupe_key, o.payload FROM json_each(@keys) AS j
    CROSS JOIN outbox AS o ON o.connector = @connector AND o.dedupe_key = j.value AND o.status = 'failed'
    ORDER BY o.id`);
  const forgetAll = db.prepare("DELETE FROM outbox WHERE connector = ? AND status = 'failed' AND dedupe_key GLOB 'fields:*'");
  const forgetSome = db.prepare(`
    DELETE FROM outbox WHERE status = 'failed' AND connector = @connector AND dedupe_key IN (SELECT value FROM json_each(@keys))`);

  const replay = db.transaction((connector: string, filter: OutboxReplayFilter, now: string) => {
    const params = filterParams(connector, filter);
    let count = 0;
    for (const row of failedMatching.all(params) as { id: number; dedupe_key: string; payload: string }[]) {
      count++;
      const open = pendingByKey.get(connector, row.dedupe_key) as { id: number; payload: string } | undefined;
      if (open === undefined) {
        reopen.run({ id: row.id, now });
        continue;
      }
      const merged = mergeReplayed(parseJson<OutboxPayload>(open.payload), parseJson<OutboxPayload>(row.payload));
      updatePayload.run({ id: open.id, payload: JSON.stringify(merged), priority: outboxPriority(merged), now });
      remove.run(row.id);
    }
    return count + dueNow.run({ ...params, now }).changes;
  });
  const keepHeld = db.transaction((connector: string, held: ReadonlyMap<string, ReadonlySet<string>>, now: string) => {
    for (const [key, records] of held) {
      for (const row of failedFields.all({ connector, keys: JSON.stringify([key]) }) as { id: number; payload: string }[]) {
        const kept = heldPart(parseJson<OutboxPayload>(row.payload), records);
        if (kept === null) remove.run(row.id);
        else updatePayload.run({ id: row.id, payload: JSON.stringify(kept), priority: outboxPriority(kept), now });
      }
    }
  });

  return {
    async waitingOutbox(connector, filter, limit) {
      return (waiting.all({ connector, runId: filter.runId ?? null, limit }) as OutboxDbRow[]).map(toOutboxItem);
    },
    async countWaitingOutbox(connector) {
      const row = countWaiting.get(connector) as { failed: number; retrying: number };
      return { failed: row.failed, retrying: row.retrying };
    },
    async replayOutbox(connector, filter) {
      return replay.immediate(connector, filter, clock().toISOString());
    },
    async failedFieldUpdates(connector, fieldKeys) {
      const byKey = new Map<string, FieldUpdate[]>();
      if (fieldKeys.length === 0) return byKey;
      const rows = failedFields.all({ connector, keys: JSON.stringify(fieldKeys) }) as { dedupe_key: string; payload: string }[];
      for (const row of rows) {
        const payload = parseJson<OutboxPayload>(row.payload);
        if (payload.type !== 'fields') continue;
        byKey.set(row.dedupe_key, [...(byKey.get(row.dedupe_key) ?? []), ...payload.updates]);
      }
      return byKey;
    },
    async keepFailedFieldUpdates(connector, held) {
      if (held.size > 0) keepHeld.immediate(connector, held, clock().toISOString());
    },
    async forgetFailedFieldWrites(connector, fieldKeys) {
      if (fieldKeys === 'all') return forgetAll.run(connector).changes;
      if (fieldKeys.length === 0) return 0;
      return forgetSome.run({ connector, keys: JSON.stringify(fieldKeys) }).changes;
    },
  };
}
