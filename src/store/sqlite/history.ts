import type Database from 'better-sqlite3';
import { normalizeRun, type RunRecord } from '../../model/sync.js';
import { abandoned, toStageChange, type StageDbRow } from '../common/rows.js';
import { parseJson } from '../common/record-rows.js';
import type { StageChange, StateStore, StoredModel } from '../store.js';

type HistoryMethods = Pick<
  StateStore,
  'recordStageChanges' | 'stageHistory' | 'saveModel' | 'latestModel' | 'getWatermark' | 'setWatermark' | 'saveRun' | 'getRun' | 'listRuns' | 'abandonRuns'
>;

/** The append-or-replace bookkeeping: stage history, trained models, watermarks and run records. */
export function sqliteHistory(db: Database.Database): HistoryMethods {
  const insertStageChange = db.prepare(`
    INSERT INTO stage_history (source, account_id, from_stage, to_stage, changed_at, run_id)
    VALUES (@source, @accountId, @fromStage, @toStage, @changedAt, @runId)`);
  const stageHistory = db.prepare(
    'SELECT account_id, from_stage, to_stage, changed_at, run_id FROM stage_history WHERE source = ? AND account_id = ? ORDER BY changed_at, id',
  );
  const upsertModel = db.prepare(`
    INSERT INTO models (name, version, trained_at, body) VALUES (@name, @version, @trainedAt, @body)
    ON CONFLICT (name, version) DO UPDATE SET trained_at = excluded.trained_at, body = excluded.body`);
  const latestModel = db.prepare('SELECT name, version, trained_at, body FROM models WHERE name = ? ORDER BY trained_at DESC, version DESC LIMIT 1');
  const getWatermark = db.prepare('SELECT value FROM watermarks WHERE source = ? AND stream = ?').pluck();
  const setWatermark = db.prepare(`
    INSERT INTO watermarks (source, stream, value) VALUES (@source, @stream, @value)
    ON CONFLICT (source, stream) DO UPDATE SET value = excluded.value`);
  const upsertRun = db.prepare(`
    INSERT INTO runs (id, connector, started_at, body) VALUES (@id, @connector, @startedAt, @body)
    ON CONFLICT (id) DO UPDATE SET connector = excluded.connector, started_at = excluded.started_at, body = excluded.body`);
  const getRun = db.prepare('SELECT body FROM runs WHERE id = ?').pluck();
  const listRuns = db.prepare('SELECT body FROM runs ORDER BY started_at DESC, id DESC LIMIT ?').pluck();
  const runningRuns = db.prepare("SELECT body FROM runs WHERE connector = ? AND id <> ? AND json_extract(body, '$.status') = 'running' ORDER BY started_at").pluck();
  const abandonAll = db.transaction((connector: string, exceptRunId: string, at: string, reason: string) => {
    const runs = (runningRuns.all(connector, exceptRunId) as string[]).map((b) => abandoned(parseJson<RunRecord>(b), at, reason));
    for (const run of runs) upsertRun.run({ id: run.id, connector: run.connector, startedAt: run.startedAt, body: JSON.stringify(run) });
    return runs.map((r) => r.id);
  });

  const writeStageChanges = db.transaction((source: string, changes: StageChange[]) => {
    for (const change of changes) insertStageChange.run({ source, ...change });
  });

  return {
    async recordStageChanges(source, changes) {
      writeStageChanges.immediate(source, changes);
    },
    async stageHistory(source, accountId) {
      return (stageHistory.all(source, accountId) as StageDbRow[]).map(toStageChange);
    },
    async saveModel(model) {
      upsertModel.run({ name: model.name, version: model.version, trainedAt: model.trainedAt, body: JSON.stringify(model.body ?? null) });
    },
    async latestModel(name) {
      const row = latestModel.get(name) as { name: string; version: string; trained_at: string; body: string } | undefined;
      return row === undefined ? null : ({ name: row.name, version: row.version, trainedAt: row.trained_at, body: parseJson(row.body) } satisfies StoredModel);
    },
    async getWatermark(source, stream) {
      return (getWatermark.get(source, stream) as string | undefined) ?? null;
    },
    async setWatermark(source, stream, value) {
      setWatermark.run({ source, stream, value });
    },
    async saveRun(run) {
      upsertRun.run({ id: run.id, connector: run.connector, startedAt: run.startedAt, body: JSON.stringify(run) });
    },
    async getRun(id) {
      const body = getRun.get(id) as string | undefined;
      return body === undefined ? null : normalizeRun(parseJson(body));
    },
    async listRuns(limit) {
      return (listRuns.all(limit) as string[]).map((b) => normalizeRun(parseJson(b)));
    },
    async abandonRuns(connector, exceptRunId, at, reason) {
      return abandonAll.immediate(connector, exceptRunId, at, reason);
    },
  };
}
