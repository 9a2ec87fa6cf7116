/**
 * Writes that wait (as sqlite/waiting.ts): failed items until a replay, pending items put off by a retryable failure;
 * replays, and the failed field updates a new plan holds back or supersedes.
 */
import type pg from 'pg';
import type { FieldUpdate, OutboxPayload } from '../../model/sync.js';
import type { Clock } from '../common/clock.js';
import { heldPart, mergeReplayed, outboxPriority } from '../common/outbox-keys.js';
import { OUTBOX_COLUMNS, toOutboxItem, type OutboxDbRow } from '../common/rows.js';
import type { OutboxReplayFilter, WaitingMethods } from '../store.js';
import { inTransaction } from './connect.js';

/** The filter's conditions on $1 (connector) … $4; a null parameter does not narrow. */
const MATCHES = `
  connector = $1
  AND ($2::text IS NULL OR run_id = $2)
  AND ($3::text IS NULL OR dedupe_key LIKE $3 || ':%')
  AND ($4::text[] IS NULL OR COALESCE(payload->>'accountId', payload->'task'->>'accountId') = ANY($4::text[]))`;

function filterParams(connector: string, filter: OutboxReplayFilter): unknown[] {
  return [connector, filter.runId ?? null, filter.type ?? null, filter.accountIds === undefined ? null : [...filter.accountIds]];
}

const UPDATE_PAYLOAD = 'UPDATE outbox SET payload = $2::jsonb, priority = $3, updated_at = $4 WHERE id = $1';

export function postgresWaiting(pool: pg.Pool, clock: Clock): WaitingMethods {
  const failedFields = async (client: pg.Pool | pg.PoolClient, connector: string, fieldKeys: readonly string[]) =>
    (
      await client.query<{ id: string; dedupe_key: string; payload: OutboxPayload }>(
        "SELECT id, dedupe_key, payload FROM outbox WHERE connector = $1 AND status = 'failed' AND dedupe_key = ANY($2::text[]) ORDER BY id",
        [connector, fieldKeys],
      )
    ).rows;

  return {
    async waitingOutbox(connector, filter, limit) {
      const result = await pool.query<OutboxDbRow>(
        `SELECT ${OUTBOX_COLUMNS} FROM outbox
         WHERE connector = $1 AND (status = 'failed' OR next_attempt_at IS NOT NULL) AND ($2::text IS NULL OR run_id = $2)
         ORDER BY updated_at DESC, id DESC LIMIT $3`,
        [connector, filter.runId ?? null, limit],
      );
      return result.rows.map(toOutboxItem);
    },
    async countWaitingOutbox(connector) {
      const result = await pool.query<{ failed: string; retrying: string }>(
        `SELECT COUNT(*) FILTER (WHERE status = 'failed') AS failed, COUNT(*) FILTER (WHERE status = 'pending') AS retrying
         FROM outbox WHERE connector = $1 AND (status = 'failed' OR next_attempt_at IS NOT NULL)`,
        [connector],
      );
      return { failed: Number(result.rows[0]?.failed ?? 0), retrying: Number(result.rows[0]?.retrying ?? 0) };
    },
    async replayOutbox(connector, filter) {
      const now = clock().toISOString();
      const params = filterParams(connector, filter);
      return inTransaction(pool, async (client) => {
        const failed = await client.query<{ id: string; dedupe_key: string; payload: OutboxPayload }>(
          `SELECT id, dedupe_key, payload FROM outbox WHERE status = 'failed' AND ${MATCHES} ORDER BY id FOR UPDATE`,
          params,
        );
        for (const row of failed.rows) {
          const open = await client.query<{ id: string; payload: OutboxPayload }>(
            "SELECT id, payload FROM outbox WHERE connector = $1 AND dedupe_key = $2 AND status = 'pending' FOR UPDATE",
            [connector, row.dedupe_key],
          );
          const pending = open.rows[0];
          if (pending === undefined) {
            await client.query(
              "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = NULL, first_failed_at = NULL, updated_at = $2 WHERE id = $1",
              [row.id, now],
            );
            continue;
          }
          const merged = mergeReplayed(pending.payload, row.payload);
          await client.query(UPDATE_PAYLOAD, [pending.id, JSON.stringify(merged), outboxPriority(merged), now]);
          await client.query('DELETE FROM outbox WHERE id = $1', [row.id]);
        }
        const due = await client.query(
          `UPDATE outbox SET next_attempt_at = NULL, updated_at = $5 WHERE status = 'pending' AND next_attempt_at IS NOT NULL AND ${MATCHES}`,
          [...params, now],
        );
        return failed.rows.length + (due.rowCount ?? 0);
      });
    },
    async failedFieldUpdates(connector, fieldKeys) {
      const byKey = new Map<string, FieldUpdate[]>();
      if (fieldKeys.length === 0) return byKey;
      for (const row of await failedFields(pool, connector, fieldKeys)) {
        if (row.payload.type !== 'fields') continue;
        byKey.set(row.dedupe_key, [...(byKey.get(row.dedupe_key) ?? []), ...row.payload.updates]);
      }
      return byKey;
    },
    async keepFailedFieldUpdates(connector, held) {
      if (held.size === 0) return;
      const now = clock().toISOString();
      await inTransaction(pool, async (client) => {
        for (const row of await failedFields(client, connector, [...held.keys()])) {
          if (row.payload.type !== 'fields') continue;
          const kept = heldPart(row.payload, held.get(row.dedupe_key) ?? new Set());
          if (kept === null) await client.query('DELETE FROM outbox WHERE id = $1', [row.id]);
          else await client.query(UPDATE_PAYLOAD, [row.id, JSON.stringify(kept), outboxPriority(kept), now]);
        }
      });
    },
    async forgetFailedFieldWrites(connector, fieldKeys) {
      if (fieldKeys !== 'all' && fieldKeys.length === 0) return 0;
      const result =
        fieldKeys === 'all'
          ? await pool.query("DELETE FROM outbox WHERE connector = $1 AND status = 'failed' AND dedupe_key LIKE 'fields:%'", [connector])
          : await pool.query("DELETE FROM outbox WHERE connector = $1 AND status = 'failed' AND dedupe_key = ANY($2::text[])", [connector, fieldKeys]);
      return result.rowCount ?? 0;
    },
  };
}
