import type pg from 'pg';
import type { AccountScore, ContactScore, PriorAccountState } from '../../model/scores.js';
import { chunk, distinct, lastById } from '../common/collections.js';
import { fromScorePointRow, SCORE_POINT_COLUMNS, toScorePoint, type ScorePointRow } from '../common/score-points.js';
import type { StateStore } from '../store.js';
import { inTransaction } from './connect.js';

type ScoreMethods = Pick<
  StateStore,
  'saveScores' | 'latestAccountScore' | 'latestContactScores' | 'accountScoreHistory' | 'getPriorStates' | 'savePriorStates'
>;

const ROWS_PER_STATEMENT = 1000;

const UPSERT_LATEST_SCORES = `
  INSERT INTO latest_account_scores (source, account_id, run_id, scored_at, body)
  SELECT $1, a.account_id, $2, a.scored_at, a.body::jsonb FROM unnest($3::text[], $4::text[], $5::text[]) AS a(account_id, scored_at, body)
  ON CONFLICT (source, account_id) DO UPDATE SET run_id = EXCLUDED.run_id, scored_at = EXCLUDED.scored_at, body = EXCLUDED.body`;
// One history point per score, from the same JSON the latest row keeps (ids follow the batch's order).
const INSERT_POINTS = `
  INSERT INTO account_score_history (source, account_id, ${SCORE_POINT_COLUMNS})
  SELECT $1, p.account_id, p.point->>'scoredAt', p.point->>'runId', (p.point->>'fitScore')::double precision, p.point->>'fitBucket',
    (p.point->>'engagementScore')::double precision, (p.point->>'intentScore')::double precision, (p.point->>'inMarket')::boolean,
    p.point->>'stage', p.point->>'tier', (p.point->>'qualified')::boolean, p.point->>'modelVersion'
  FROM unnest($2::text[], $3::jsonb[]) WITH ORDINALITY AS p(account_id, point, n) ORDER BY p.n`;
// Contact scores of a rescored account are replaced as a set, so a contact that left the account leaves its scores too.
const CLEAR_CONTACT_SCORES = 'DELETE FROM contact_scores WHERE source = $1 AND account_id = ANY($2::text[])';
const UPSERT_CONTACT_SCORES = `
  INSERT INTO contact_scores (source, contact_id, account_id, run_id, body)
  SELECT $1, c.contact_id, c.account_id, $2, c.body::jsonb FROM unnest($3::text[], $4::text[], $5::text[]) AS c(contact_id, account_id, body)
  ON CONFLICT (source, contact_id) DO UPDATE SET account_id = EXCLUDED.account_id, run_id = EXCLUDED.run_id, body = EXCLUDED.body`;
const HISTORY = `SELECT ${SCORE_POINT_COLUMNS} FROM account_score_history WHERE source = $1 AND account_id = $2 ORDER BY scored_at DESC, id DESC LIMIT $3`;
const LATEST = 'SELECT body FROM latest_account_scores WHERE source = $1 AND account_id = $2';
const UPSERT_PRIOR_STATES = `
  INSERT INTO prior_states (source, account_id, body)
  SELECT $1, p.account_id, p.body::jsonb FROM unnest($2::text[], $3::text[]) AS p(account_id, body)
  ON CONFLICT (source, account_id) DO UPDATE SET body = EXCLUDED.body`;

export function postgresScores(pool: pg.Pool): ScoreMethods {
  return {
    async saveScores(source, runId, accounts, contacts) {
      await inTransaction(pool, async (client) => {
        for (const part of chunk(accounts, ROWS_PER_STATEMENT)) {
          const ids = part.map((s) => s.accountId);
          await client.query(UPSERT_LATEST_SCORES, [source, runId, ids, part.map((s) => s.scoredAt), part.map((s) => JSON.stringify(s))]);
          await client.query(INSERT_POINTS, [source, ids, part.map((s) => JSON.stringify(toScorePoint(s, runId)))]);
          await client.query(CLEAR_CONTACT_SCORES, [source, ids]);
        }
        for (const part of chunk(lastById(contacts, (c) => c.contactId), ROWS_PER_STATEMENT)) {
          await client.query(UPSERT_CONTACT_SCORES, [
            source,
            runId,
            part.map((s) => s.contactId),
            part.map((s) => s.accountId),
            part.map((s) => JSON.stringify(s)),
          ]);
        }
      });
    },
    async latestAccountScore(source, accountId) {
      return (await pool.query<{ body: AccountScore }>(LATEST, [source, accountId])).rows[0]?.body ?? null;
    },
    async latestContactScores(source, accountId) {
      const result = await pool.query<{ body: ContactScore }>(
        'SELECT body FROM contact_scores WHERE source = $1 AND account_id = $2 ORDER BY contact_id',
        [source, accountId],
      );
      return result.rows.map((r) => r.body);
    },
    async accountScoreHistory(source, accountId, limit) {
      return (await pool.query<ScorePointRow>(HISTORY, [source, accountId, limit])).rows.map(fromScorePointRow);
    },
    async getPriorStates(source, accountIds) {
      const states = new Map<string, PriorAccountState>();
      for (const part of chunk(distinct(accountIds))) {
        const result = await pool.query<{ account_id: string; body: PriorAccountState }>(
          'SELECT account_id, body FROM prior_states WHERE source = $1 AND account_id = ANY($2::text[])',
          [source, part],
        );
        for (const row of result.rows) states.set(row.account_id, row.body);
      }
      return states;
    },
    async savePriorStates(source, states) {
      const entries = [...states];
      await inTransaction(pool, async (client) => {
        for (const part of chunk(entries, ROWS_PER_STATEMENT)) {
          await client.query(UPSERT_PRIOR_STATES, [source, part.map(([id]) => id), part.map(([, state]) => JSON.stringify(state))]);
        }
      });
    },
  };
}
