import type pg from 'pg';
import type { Clock } from '../common/clock.js';
import { chunk } from '../common/collections.js';
import { outboxDedupeKey, outboxPriority, toOutboxRows } from '../common/outbox-keys.js';
import { OUTBOX_COLUMNS, toOutboxItem, type OutboxDbRow } from '../common/rows.js';
import type { OutboxMethods } from '../store.js';
import { inTransaction } from './connect.js';

const ROWS_PER_STATEMENT = 1000;
const COLUMNS = OUTBOX_COLUMNS;
/** Due: not put off by a retryable failure past $2 (a null $2 asks for every pending item). */
const DUE = '($2::text IS NULL OR next_attempt_at IS NULL OR next_attempt_at <= $2)';

// Only a pending item is replaced (the partial unique index is the conflict target): done and failed items are history.
// Attempts are kept, so a write that keeps failing still reaches its retry limit across re-plans.
// ORDER BY ordinality hands out ids in plan order, which is the tie-break among equal priorities.
const ENQUEUE = `
  INSERT INTO outbox (run_id, connector, dedupe_key, priority, payload, status, attempts, created_at, updated_at)
  SELECT $1, $2, o.dedupe_key, o.priority, o.payload::jsonb, 'pending', 0, $6, $6
  FROM unnest($3::text[], $4::int[], $5::text[]) WITH ORDINALITY AS o(dedupe_key, priority, payload, n)
  ORDER BY o.n
  ON CONFLICT (connector, dedupe_key) WHERE status = 'pending' DO UPDATE SET
    run_id = EXCLUDED.run_id, priority = EXCLUDED.priority, payload = EXCLUDED.payload, updated_at = EXCLUDED.updated_at`;
const MARK_FAILED = `
  UPDATE outbox SET attempts = attempts + 1, last_error = $2, status = COALESCE($3, status),
    payload = COALESCE($5::jsonb, payload), priority = COALESCE($6, priority), updated_at = $4,
    run_id = COALESCE($7, run_id), first_failed_at = COALESCE(first_failed_at, $8), next_attempt_at = $9
  WHERE id = $1`;
// What is left after a partial write was never tried, so it is due now whatever an earlier failure scheduled.
const KEEP_REMAINDERS = `
  UPDATE outbox AS o SET payload = r.payload::jsonb, priority = r.priority, next_attempt_at = NULL, updated_at = $4
  FROM unnest($1::bigint[], $2::text[], $3::int[]) AS r(id, payload, priority)
  WHERE o.id = r.id`;
const ADD_FAILED = `
  INSERT INTO outbox (run_id, connector, dedupe_key, priority, payload, status, attempts, last_error, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5::jsonb, 'failed', $6, $7, $8, $8)`;

export function postgresOutbox(pool: pg.Pool, clock: Clock): OutboxMethods {
  return {
    async enqueueOutbox(runId, connector, payloads) {
      const rows = toOutboxRows(payloads);
      const now = clock().toISOString();
      await inTransaction(pool, async (client) => {
        for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
          await client.query(ENQUEUE, [
            runId,
            connector,
            part.map((r) => r.dedupeKey),
            part.map((r) => r.priority),
            part.map((r) => r.payload),
            now,
          ]);
        }
      });
      return rows.length;
    },
    async pendingOutbox(connector, limit, dueAt) {
      const result = await pool.query<OutboxDbRow>(
        `SELECT ${COLUMNS} FROM outbox WHERE connector = $1 AND status = 'pending' AND ${DUE} ORDER BY priority, id LIMIT $3`,
        [connector, dueAt ?? null, limit],
      );
      return result.rows.map(toOutboxItem);
    },
    async countPendingOutbox(connector, dueAt) {
      const result = await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM outbox WHERE connector = $1 AND status = 'pending' AND ${DUE}`, [
        connector,
        dueAt ?? null,
      ]);
      return Number(result.rows[0]?.n ?? 0);
    },
    async outboxItems(ids) {
      if (ids.length === 0) return [];
      const result = await pool.query<OutboxDbRow>(`SELECT ${COLUMNS} FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY priority, id`, [ids]);
      return result.rows.map(toOutboxItem);
    },
    async markOutboxDone(ids) {
      if (ids.length === 0) return;
      await pool.query("UPDATE outbox SET status = 'done', updated_at = $2 WHERE id = ANY($1::bigint[])", [ids, clock().toISOString()]);
    },
    async markOutboxFailed(id, error, permanent, remaining, failure) {
      const payload = remaining === undefined ? null : JSON.stringify(remaining);
      const priority = remaining === undefined ? null : outboxPriority(remaining);
      const retryAt = permanent ? null : (failure?.retryAt ?? null);
      const values = [id, error, permanent ? 'failed' : null, clock().toISOString(), payload, priority, failure?.runId ?? null, failure?.failedAt ?? null, retryAt];
      await pool.query(MARK_FAILED, values);
    },
    async keepOutboxRemainder(id, remaining) {
      await pool.query(KEEP_REMAINDERS, [[id], [JSON.stringify(remaining)], [outboxPriority(remaining)], clock().toISOString()]);
    },
    async keepOutboxRemainders(items) {
      const now = clock().toISOString();
      for (const part of chunk(items, ROWS_PER_STATEMENT)) {
        await pool.query(KEEP_REMAINDERS, [part.map((i) => i.id), part.map((i) => JSON.stringify(i.payload)), part.map((i) => outboxPriority(i.payload)), now]);
      }
    },
    async addFailedOutbox(runId, connector, payload, error, attempts) {
      const values = [runId, connector, outboxDedupeKey(payload), outboxPriority(payload), JSON.stringify(payload), attempts, error, clock().toISOString()];
      await pool.query(ADD_FAILED, values);
    },
    async failedOutbox(connector, limit) {
      const result = await pool.query<OutboxDbRow>(
        `SELECT ${COLUMNS} FROM outbox WHERE connector = $1 AND status = 'failed' ORDER BY updated_at DESC, id DESC LIMIT $2`,
        [connector, limit],
      );
      return result.rows.map(toOutboxItem);
    },
  };
}
