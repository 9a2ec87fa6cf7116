import type pg from 'pg';
import { toScoreValues, type ScoreValuesRow } from '../common/service-rows.js';
import type { AccountHit, EventTargets, RescoreMark, ServiceStore, StoredPlan } from '../store.js';
import { inTransaction } from './connect.js';

// strpos, not LIKE: a % or _ typed into the search box is a character, not a wildcard.
const SEARCH = `
  SELECT source, id, body->>'name' AS name, domain FROM records
  WHERE kind = 'account' AND (strpos(lower(COALESCE(body->>'name', '')), $1) > 0 OR strpos(COALESCE(domain, ''), $1) > 0)
  ORDER BY lower(COALESCE(body->>'name', '')), source, id LIMIT $2`;
const BY_DOMAIN = `SELECT domain, MIN(id) AS id FROM records WHERE source = $1 AND kind = 'account' AND domain = ANY($2::text[]) GROUP BY domain`;
const BY_EMAIL = `
  SELECT lower(body->>'email') AS email, id, account_id FROM records
  WHERE source = $1 AND kind = 'contact' AND lower(body->>'email') = ANY($2::text[]) ORDER BY id`;
const MARK = `
  INSERT INTO rescore_marks (source, account_id, marked_at) SELECT $1, unnest($2::text[]), $3
  ON CONFLICT (source, account_id) DO UPDATE SET marked_at = GREATEST(rescore_marks.marked_at, EXCLUDED.marked_at)`;
const UNMARK = `
  DELETE FROM rescore_marks AS m USING unnest($2::text[], $3::text[]) AS c(account_id, marked_at)
  WHERE m.source = $1 AND m.account_id = c.account_id AND m.marked_at = c.marked_at`;
const SCORE_VALUES = `
  SELECT body->'fit'->>'score' AS fit_score, body->'fit'->>'bucket' AS fit_bucket, body->'engagement'->>'score' AS engagement_score,
    body->'intent'->>'score' AS intent_score, body->'intent'->>'inMarket' AS in_market, body->'stage'->>'stage' AS stage,
    body->'tier'->>'tier' AS tier, body->'qualified'->>'qualified' AS qualified
  FROM latest_account_scores WHERE source = $1`;
const INSERT_PLAN = `
  INSERT INTO run_plans (run_id, connector, created_at, body) VALUES ($1, $2, $3, $4::jsonb)
  ON CONFLICT (run_id) DO UPDATE SET connector = EXCLUDED.connector, created_at = EXCLUDED.created_at, body = EXCLUDED.body`;
const PRUNE_PLANS = `
  DELETE FROM run_plans WHERE connector = $1 AND run_id NOT IN (
    SELECT run_id FROM run_plans WHERE connector = $1 ORDER BY created_at DESC, run_id DESC LIMIT $2)`;

/** What `scoresync serve` reads and keeps (schema version 7): account search, event targets, rescore marks, plans. */
export function postgresService(pool: pg.Pool): ServiceStore {
  return {
    async searchAccounts(q, limit) {
      return (await pool.query<AccountHit>(SEARCH, [q.toLowerCase(), limit])).rows;
    },
    async findEventTargets(source, domains, emails) {
      const targets: EventTargets = { accountsByDomain: new Map(), contactsByEmail: new Map() };
      if (domains.length > 0) {
        for (const row of (await pool.query<{ domain: string; id: string }>(BY_DOMAIN, [source, domains])).rows) targets.accountsByDomain.set(row.domain, row.id);
      }
      if (emails.length > 0) {
        const rows = (await pool.query<{ email: string; id: string; account_id: string | null }>(BY_EMAIL, [source, emails])).rows;
        for (const row of rows) if (!targets.contactsByEmail.has(row.email)) targets.contactsByEmail.set(row.email, { contactId: row.id, accountId: row.account_id });
      }
      return targets;
    },
    async markForRescore(source, accountIds, at) {
      if (accountIds.length > 0) await pool.query(MARK, [source, [...new Set(accountIds)], at]);
    },
    async rescoreMarks(source) {
      return (await pool.query<RescoreMark>('SELECT account_id AS "accountId", marked_at AS "markedAt" FROM rescore_marks WHERE source = $1 ORDER BY account_id', [source])).rows;
    },
    async clearRescoreMarks(source, marks) {
      if (marks.length > 0) await pool.query(UNMARK, [source, marks.map((m) => m.accountId), marks.map((m) => m.markedAt)]);
    },
    async latestScoreValues(source) {
      return (await pool.query<ScoreValuesRow>(SCORE_VALUES, [source])).rows.map(toScoreValues);
    },
    async savePlan(plan, keep) {
      await inTransaction(pool, async (client) => {
        await client.query(INSERT_PLAN, [plan.runId, plan.connector, plan.createdAt, JSON.stringify(plan.plan)]);
        await client.query(PRUNE_PLANS, [plan.connector, keep]);
      });
    },
    async getPlan(runId) {
      const result = await pool.query<{ run_id: string; connector: string; created_at: string; body: StoredPlan['plan'] }>(
        'SELECT run_id, connector, created_at, body FROM run_plans WHERE run_id = $1',
        [runId],
      );
      const row = result.rows[0];
      return row === undefined ? null : { runId: row.run_id, connector: row.connector, createdAt: row.created_at, plan: row.body };
    },
  };
}
