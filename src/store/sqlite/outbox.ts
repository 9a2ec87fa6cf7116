import type Database from 'better-sqlite3';
import type { OutboxPayload } from '../../model/sync.js';
import type { Clock } from '../common/clock.js';
import { outboxDedupeKey, outboxPriority, toOutboxRows, type OutboxRow } from '../common/outbox-keys.js';
import { toOutboxItem, type OutboxDbRow } from '../common/rows.js';
import type { StateStore } from '../store.js';

type OutboxMethods = Pick<
  StateStore,
  'enqueueOutbox' | 'pendingOutbox' | 'countPendingOutbox' | 'markOutboxDone' | 'markOutboxFailed' | 'keepOutboxRemainder' | 'addFailedOutbox' | 'failedOutbox'
>;

const COLUMNS = 'id, run_id, connector, payload, status, attempts, last_error, created_at, updated_at';

export function sqliteOutbox(db: Database.Database, clock: Clock): OutboxMethods {
  // Only a pending item is replaced (the partial unique index is the conflict target): done and failed items are history.
  // Attempts are kept, so a write that keeps failing still reaches its retry limit across re-plans.
  const enqueue = db.prepare(`
    INSERT INTO outbox (run_id, connector, dedupe_key, priority, payload, status, attempts, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
    ON CONFLICT (connector, dedupe_key) WHERE status = 'pending' DO UPDATE SET
      run_id = excluded.run_id, priority = excluded.priority, payload = excluded.payload, updated_at = excluded.updated_at`);
  const pending = db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE connector = ? AND status = 'pending' ORDER BY priority, id LIMIT ?`);
  const countPending = db.prepare("SELECT COUNT(*) FROM outbox WHERE connector = ? AND status = 'pending'").pluck();
  const markDone = db.prepare("UPDATE outbox SET status = 'done', updated_at = @now WHERE id IN (SELECT value FROM json_each(@ids))");
  const markFailed = db.prepare(`
    UPDATE outbox SET attempts = attempts + 1, last_error = @error, status = COALESCE(@status, status),
      payload = COALESCE(@payload, payload), priority = COALESCE(@priority, priority), updated_at = @now
    WHERE id = @id`);
  const keepRemainder = db.prepare('UPDATE outbox SET payload = @payload, priority = @priority, updated_at = @now WHERE id = @id');
  const addFailed = db.prepare(`
    INSERT INTO outbox (run_id, connector, dedupe_key, priority, payload, status, attempts, last_error, created_at, updated_at)
    VALUES (@runId, @connector, @dedupeKey, @priority, @payload, 'failed', @attempts, @error, @now, @now)`);
  const failed = db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE connector = ? AND status = 'failed' ORDER BY updated_at DESC, id DESC LIMIT ?`);

  const writeAll = db.transaction((runId: string, connector: string, rows: OutboxRow[], now: string) => {
    for (const row of rows) enqueue.run(runId, connector, row.dedupeKey, row.priority, row.payload, now, now);
    return rows.length;
  });

  return {
    async enqueueOutbox(runId: string, connector: string, payloads: OutboxPayload[]) {
      return writeAll.immediate(runId, connector, toOutboxRows(payloads), clock().toISOString());
    },
    async pendingOutbox(connector, limit) {
      return (pending.all(connector, limit) as OutboxDbRow[]).map(toOutboxItem);
    },
    async countPendingOutbox(connector) {
      return countPending.get(connector) as number;
    },
    async markOutboxDone(ids) {
      if (ids.length === 0) return;
      markDone.run({ ids: JSON.stringify(ids), now: clock().toISOString() });
    },
    async markOutboxFailed(id, error, permanent, remaining) {
      const payload = remaining === undefined ? null : JSON.stringify(remaining);
      const priority = remaining === undefined ? null : outboxPriority(remaining);
      markFailed.run({ id, error, status: permanent ? 'failed' : null, payload, priority, now: clock().toISOString() });
    },
    async keepOutboxRemainder(id, remaining) {
      keepRemainder.run({ id, payload: JSON.stringify(remaining), priority: outboxPriority(remaining), now: clock().toISOString() });
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
