import type Database from 'better-sqlite3';
import type { OutboxPayload } from '../../model/sync.js';
import type { Clock } from '../common/clock.js';
import { outboxDedupeKey, outboxPriority, toOutboxRows, type OutboxRow } from '../common/outbox-keys.js';
import { OUTBOX_COLUMNS, toOutboxItem, type OutboxDbRow } from '../common/rows.js';
import type { OutboxMethods } from '../store.js';

/** Due: not put off by a retryable failure past @due (a null @due asks for every pending item). */
const DUE = '(@due IS NULL OR next_attempt_at IS NULL OR next_attempt_at <= @due)';

export function sqliteOutbox(db: Database.Database, clock: Clock): OutboxMethods {
  // Only a pending item is replaced (the partial unique index is the conflict target): done and failed items are history.
  // Attempts and a scheduled retry are kept, so a write that keeps failing is still put off and still gives up in time.
  const enqueue = db.prepare(`
    INSERT INTO outbox (run_id, connector, dedupe_key, priority, payload, status, attempts, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
    ON CONFLICT (connector, dedupe_key) WHERE status = 'pending' DO UPDATE SET
      run_id = excluded.run_id, priority = excluded.priority, payload = excluded.payload, updated_at = excluded.updated_at`);
  const pending = db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE connector = @connector AND status = 'pending' AND ${DUE} ORDER BY priority, id LIMIT @limit`);
  const countPending = db.prepare(`SELECT COUNT(*) FROM outbox WHERE connector = @connector AND status = 'pending' AND ${DUE}`).pluck();
  const byIds = db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE id IN (SELECT value FROM json_each(?)) ORDER BY priority, id`);
  const markDone = db.prepare("UPDATE outbox SET status = 'done', updated_at = @now WHERE id IN (SELECT value FROM json_each(@ids))");
  const markFailed = db.prepare(`
    UPDATE outbox SET attempts = attempts + 1, last_error = @error, status = COALESCE(@status, status),
      payload = COALESCE(@payload, payload), priority = COALESCE(@priority, priority), updated_at = @now,
      run_id = COALESCE(@runId, run_id), first_failed_at = COALESCE(first_failed_at, @failedAt), next_attempt_at = @retryAt
    WHERE id = @id`);
  // What is left after a partial write was never tried, so it is due now whatever an earlier failure scheduled.
  const keepRemainder = db.prepare('UPDATE outbox SET payload = @payload, priority = @priority, next_attempt_at = NULL, updated_at = @now WHERE id = @id');
  const addFailed = db.prepare(`
    INSERT INTO outbox (run_id, connector, dedupe_key, priority, payload, status, attempts, last_error, created_at, updated_at)
    VALUES (@runId, @connector, @dedupeKey, @priority, @payload, 'failed', @attempts, @error, @now, @now)`);
  const failed = db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE connector = ? AND status = 'failed' ORDER BY updated_at DESC, id DESC LIMIT ?`);

  const writeAll = db.transaction((runId: string, connector: string, rows: OutboxRow[], now: string) => {
    for (const row of rows) enqueue.run(runId, connector, row.dedupeKey, row.priority, row.payload, now, now);
    return rows.length;
  });
  const keepAll = db.transaction((items: readonly { id: number; payload: OutboxPayload }[], now: string) => {
    for (const { id, payload } of items) keepRemainder.run({ id, payload: JSON.stringify(payload), priority: outboxPriority(payload), now });
  });

  return {
    async enqueueOutbox(runId: string, connector: string, payloads: OutboxPayload[]) {
      return writeAll.immediate(runId, connector, toOutboxRows(payloads), clock().toISOString());
    },
    async pendingOutbox(connector, limit, dueAt) {
      return (pending.all({ connector, limit, due: dueAt ?? null }) as OutboxDbRow[]).map(toOutboxItem);
    },
    async countPendingOutbox(connector, dueAt) {
      return countPending.get({ connector, due: dueAt ?? null }) as number;
    },
    async outboxItems(ids) {
      return ids.length === 0 ? [] : (byIds.all(JSON.stringify(ids)) as OutboxDbRow[]).map(toOutboxItem);
    },
    async markOutboxDone(ids) {
      if (ids.length === 0) return;
      markDone.run({ ids: JSON.stringify(ids), now: clock().toISOString() });
    },
    async markOutboxFailed(id, error, permanent, remaining, failure) {
      const payload = remaining === undefined ? null : JSON.stringify(remaining);
      const priority = remaining === undefined ? null : outboxPriority(remaining);
      markFailed.run({
        id,
        error,
        status: permanent ? 'failed' : null,
        payload,
        priority,
        now: clock().toISOString(),
        runId: failure?.runId ?? null,
        failedAt: failure?.failedAt ?? null,
        retryAt: permanent ? null : (failure?.retryAt ?? null),
      });
    },
    async keepOutboxRemainder(id, remaining) {
      keepAll.immediate([{ id, payload: remaining }], clock().toISOString());
    },
    async keepOutboxRemainders(items) {
      if (items.length > 0) keepAll.immediate(items, clock().toISOString());
    },
    async addFailedOutbox(runId, connector, payload, error, attempts) {
      addFailed.run({
        runId,
        connector,
        dedupeKey: outboxDedupeKey(payload),
        priority: outboxPriority(payload),
        payload: JSON.stringify(payload),
        attempts,
        error,
        now: clock().toISOString(),
      });
    },
    async failedOutbox(connector, limit) {
      return (failed.all(connector, limit) as OutboxDbRow[]).map(toOutboxItem);
    },
  };
}
