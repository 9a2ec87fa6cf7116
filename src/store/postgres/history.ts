import type pg from 'pg';
import { normalizeRun, type RunRecord } from '../../model/sync.js';
import { abandoned, toStageChange, type StageDbRow } from '../common/rows.js';
import { inTransaction } from './connect.js';
import type { StateStore } from '../store.js';

type HistoryMethods = Pick<
  StateStore,
  'recordStageChanges' | 'stageHistory' | 'saveModel' | 'latestModel' | 'getWatermark' | 'setWatermark' | 'saveRun' | 'getRun' | 'listRuns' | 'abandonRuns'
>;

const INSERT_STAGE_CHANGES = `
  INSERT INTO stage_history (source, account_id, from_stage, to_stage, changed_at, run_id)
  SELECT $1, s.account_id, s.from_stage, s.to_stage, s.changed_at, s.run_id
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS s(account_id, from_stage, to_stage, changed_at, run_id, n)
  ORDER BY s.n`;
const UPSERT_MODEL = `
  INSERT INTO models (name, version, trained_at, body) VALUES ($1, $2, $3, $4::jsonb)
  ON CONFLICT (name, version) DO UPDATE SET trained_at = EXCLUDED.trained_at, body = EXCLUDED.body`;
const UPSERT_RUN = `
  INSERT INTO runs (id, connector, started_at, body) VALUES ($1, $2, $3, $4::jsonb)
  ON CONFLICT (id) DO UPDATE SET connector = EXCLUDED.connector, started_at = EXCLUDED.started_at, body = EXCLUDED.body`;

/** The append-or-replace bookkeeping: stage history, trained models, watermarks and run records. */
export function postgresHistory(pool: pg.Pool): HistoryMethods {
  return {
    async recordStageChanges(source, changes) {
      if (changes.length === 0) return;
      await pool.query(INSERT_STAGE_CHANGES, [
        source,
        changes.map((c) => c.accountId),
        changes.map((c) => c.fromStage),
        changes.map((c) => c.toStage),
        changes.map((c) => c.changedAt),
        changes.map((c) => c.runId),
      ]);
    },
    async stageHistory(source, accountId) {
      const result = await pool.query<StageDbRow>(
        'SELECT account_id, from_stage, to_stage, changed_at, run_id FROM stage_history WHERE source = $1 AND account_id = $2 ORDER BY changed_at, id',
        [source, accountId],
      );
      return result.rows.map(toStageChange);
    },
    async saveModel(model) {
      await pool.query(UPSERT_MODEL, [model.name, model.version, model.trainedAt, JSON.stringify(model.body ?? null)]);
    },
    async latestModel(name) {
      const result = await pool.query<{ name: string; version: string; trained_at: string; body: unknown }>(
        'SELECT name, version, trained_at, body FROM models WHERE name = $1 ORDER BY trained_at DESC, version DESC LIMIT 1',
        [name],
      );
      const row = result.rows[0];
      return row ? { name: row.name, version: row.version, trainedAt: row.trained_at, body: row.body } : null;
    },
    async getWatermark(source, stream) {
      const result = await pool.query<{ value: string }>('SELECT value FROM watermarks WHERE source = $1 AND stream = $2', [source, stream]);
      return result.rows[0]?.value ?? null;
    },
    async setWatermark(source, stream, value) {
      await pool.query(
        'INSERT INTO watermarks (source, stream, value) VALUES ($1, $2, $3) ON CONFLICT (source, stream) DO UPDATE SET value = EXCLUDED.value',
        [source, stream, value],
      );
    },
    async saveRun(run) {
      await pool.query(UPSERT_RUN, [run.id, run.connector, run.startedAt, JSON.stringify(run)]);
    },
    async getRun(id) {
      const result = await pool.query<{ body: RunRecord }>('SELECT body FROM runs WHERE id = $1', [id]);
      const body = result.rows[0]?.body;
      return body === undefined ? null : normalizeRun(body);
    },
    async listRuns(limit) {
      const result = await pool.query<{ body: RunRecord }>('SELECT body FROM runs ORDER BY started_at DESC, id DESC LIMIT $1', [limit]);
      return result.rows.map((r) => normalizeRun(r.body));
    },
    async abandonRuns(connector, exceptRunId, at, reason) {
      return inTransaction(pool, async (client) => {
        const running = await client.query<{ body: RunRecord }>(
          "SELECT body FROM runs WHERE connector = $1 AND id <> $2 AND body->>'status' = 'running' ORDER BY started_at FOR UPDATE",
          [connector, exceptRunId],
        );
        const runs = running.rows.map((r) => abandoned(r.body, at, reason));
        for (const run of runs) await client.query(UPSERT_RUN, [run.id, run.connector, run.startedAt, JSON.stringify(run)]);
        return runs.map((r) => r.id);
      });
    },
  };
}
