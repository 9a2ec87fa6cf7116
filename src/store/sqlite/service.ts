import type Database from 'better-sqlite3';
import { parseJson } from '../common/record-rows.js';
import { toScoreValues, type ScoreValuesRow } from '../common/service-rows.js';
import type { EventTargets, ServiceStore, StoredPlan } from '../store.js';

/** What `scoresync serve` reads and keeps (schema version 11): account search, event targets, rescore marks, plans. */
export function sqliteService(db: Database.Database): ServiceStore {
  // instr, not LIKE: a % or _ typed into the search box is a character, not a wildcard.
  const search = db.prepare(`
    SELECT source, id, json_extract(body, '$.name') AS name, domain FROM records
    WHERE kind = 'account' AND (instr(lower(COALESCE(json_extract(body, '$.name'), '')), @q) > 0 OR instr(COALESCE(domain, ''), @q) > 0)
    ORDER BY lower(COALESCE(json_extract(body, '$.name'), '')), source, id LIMIT @limit`);
  const byDomain = db.prepare(`
    SELECT r.domain AS domain, MIN(r.id) AS id FROM json_each(?) AS j
    CROSS JOIN records AS r ON r.source = ? AND r.kind = 'account' AND r.domain = j.value GROUP BY r.domain`);
  const byEmail = db.prepare(`
    SELECT lower(json_extract(r.body, '$.email')) AS email, r.id AS id, r.account_id AS account_id FROM json_each(?) AS j
    CROSS JOIN records AS r ON r.source = ? AND r.kind = 'contact' AND lower(json_extract(r.body, '$.email')) = j.value
    ORDER BY r.id`);
  const mark = db.prepare(`
    INSERT INTO rescore_marks (source, account_id, marked_at) VALUES (?, ?, ?)
    ON CONFLICT (source, account_id) DO UPDATE SET marked_at = MAX(marked_at, excluded.marked_at)`);
  const marks = db.prepare('SELECT account_id AS accountId, marked_at AS markedAt FROM rescore_marks WHERE source = ? ORDER BY account_id');
  const unmark = db.prepare('DELETE FROM rescore_marks WHERE source = ? AND account_id = ? AND marked_at = ?');
  const scoreValues = db.prepare(`
    SELECT json_extract(body, '$.fit.score') AS fit_score, json_extract(body, '$.fit.bucket') AS fit_bucket,
      json_extract(body, '$.engagement.score') AS engagement_score, json_extract(body, '$.intent.score') AS intent_score,
      json_extract(body, '$.intent.inMarket') AS in_market, json_extract(body, '$.stage.stage') AS stage,
      json_extract(body, '$.tier.tier') AS tier, json_extract(body, '$.qualified.qualified') AS qualified
    FROM latest_account_scores WHERE source = ?`);
  const insertPlan = db.prepare(`
    INSERT INTO run_plans (run_id, connector, created_at, body) VALUES (?, ?, ?, ?)
    ON CONFLICT (run_id) DO UPDATE SET connector = excluded.connector, created_at = excluded.created_at, body = excluded.body`);
  const prunePlans = db.prepare(`
    DELETE FROM run_plans WHERE connector = @connector AND run_id NOT IN (
      SELECT run_id FROM run_plans WHERE connector = @connector ORDER BY created_at DESC, run_id DESC LIMIT @keep)`);
  const getPlan = db.prepare('SELECT run_id, connector, created_at, body FROM run_plans WHERE run_id = ?');

  const markAll = db.transaction((source: string, ids: readonly string[], at: string) => {
    for (const id of ids) mark.run(source, id, at);
  });
  const unmarkAll = db.transaction((source: string, list: readonly { accountId: string; markedAt: string }[]) => {
    for (const m of list) unmark.run(source, m.accountId, m.markedAt);
  });
  const savePlan = db.transaction((plan: StoredPlan, keep: number) => {
    insertPlan.run(plan.runId, plan.connector, plan.createdAt, JSON.stringify(plan.plan));
    prunePlans.run({ connector: plan.connector, keep });
  });

  return {
    async searchAccounts(q, limit) {
      return search.all({ q: q.toLowerCase(), limit }) as { source: string; id: string; name: string | null; domain: string | null }[];
    },
    async findEventTargets(source, domains, emails) {
      const targets: EventTargets = { accountsByDomain: new Map(), contactsByEmail: new Map() };
      if (domains.length > 0) {
        for (const row of byDomain.all(JSON.stringify(domains), source) as { domain: string; id: string }[]) targets.accountsByDomain.set(row.domain, row.id);
      }
      if (emails.length > 0) {
        for (const row of byEmail.all(JSON.stringify(emails), source) as { email: string; id: string; account_id: string | null }[]) {
          if (!targets.contactsByEmail.has(row.email)) targets.contactsByEmail.set(row.email, { contactId: row.id, accountId: row.account_id });
        }
      }
      return targets;
    },
    async markForRescore(source, accountIds, at) {
      markAll(source, accountIds, at);
    },
    async rescoreMarks(source) {
      return marks.all(source) as { accountId: string; markedAt: string }[];
    },
    async clearRescoreMarks(source, list) {
      unmarkAll(source, list);
    },
    async latestScoreValues(source) {
      return (scoreValues.all(source) as ScoreValuesRow[]).map(toScoreValues);
    },
    async savePlan(plan, keep) {
      savePlan(plan, keep);
    },
    async getPlan(runId) {
      const row = getPlan.get(runId) as { run_id: string; connector: string; created_at: string; body: string } | undefined;
      return row === undefined ? null : { runId: row.run_id, connector: row.connector, createdAt: row.created_at, plan: parseJson<StoredPlan['plan']>(row.body) };
    },
  };
}
