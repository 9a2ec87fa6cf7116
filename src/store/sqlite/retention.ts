import type Database from 'better-sqlite3';
import type { StateStore } from '../store.js';

/** Retention: done writes and score history points older than the cut-offs go; both deletes read an index by age. */
export function sqliteRetention(db: Database.Database): Pick<StateStore, 'pruneHistory'> {
  const doneWrites = db.prepare("DELETE FROM outbox WHERE status = 'done' AND updated_at < ?");
  const scorePoints = db.prepare('DELETE FROM account_score_history WHERE scored_at < ?');
  const prune = db.transaction((writesBefore: string, scoresBefore: string) => ({
    writes: doneWrites.run(writesBefore).changes,
    scorePoints: scorePoints.run(scoresBefore).changes,
  }));
  return {
    async pruneHistory(writesBefore, scoresBefore) {
      return prune.immediate(writesBefore, scoresBefore);
    },
  };
}
