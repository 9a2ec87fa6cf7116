import type pg from 'pg';
import type { StateStore } from '../store.js';
import { inTransaction } from './connect.js';

/** Retention: done writes and score history points older than the cut-offs go; both deletes read an index by age. */
export function postgresRetention(pool: pg.Pool): Pick<StateStore, 'pruneHistory'> {
  return {
    async pruneHistory(writesBefore, scoresBefore) {
      return inTransaction(pool, async (client) => ({
        writes: (await client.query("DELETE FROM outbox WHERE status = 'done' AND updated_at < $1", [writesBefore])).rowCount ?? 0,
        scorePoints: (await client.query('DELETE FROM account_score_history WHERE scored_at < $1', [scoresBefore])).rowCount ?? 0,
      }));
    },
  };
}
