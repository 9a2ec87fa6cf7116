import type pg from 'pg';
import type { Activity, Lead } from '../../model/records.js';
import type { LeadScore } from '../../model/scores.js';
import { chunk, distinct, lastById } from '../common/collections.js';
import { assembleLeadBundles, lastMatchPerLead, matchChanges, matchesToWrite, toLeadMatch, type LeadMatchDbRow } from '../common/lead-rows.js';
import type { LeadMatchRecord, LeadStore } from '../store.js';
import { inTransaction } from './connect.js';


const ROWS_PER_STATEMENT = 1000;

const MATCH_KEYS = `
  SELECT id, domain, body->>'name' AS name, body->'employees' AS employees
  FROM records WHERE source = $1 AND kind = 'account' ORDER BY id`;
const MATCH_ROWS = 'SELECT lead_id, status, account_id, reason FROM lead_matches WHERE source = $1 AND lead_id = ANY($2::text[])';
const UPSERT_MATCHES = `
  INSERT INTO lead_matches (source, lead_id, status, account_id, reason)
  SELECT $1, m.lead_id, m.status, m.account_id, m.reason FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS m(lead_id, status, account_id, reason)
  ON CONFLICT (source, lead_id) DO UPDATE SET status = EXCLUDED.status, account_id = EXCLUDED.account_id, reason = EXCLUDED.reason`;
const KEY_ROWS = 'SELECT lead_id, key FROM lead_match_keys WHERE source = $1 AND lead_id = ANY($2::text[]) ORDER BY key COLLATE "C"';
const CLEAR_KEYS = 'DELETE FROM lead_match_keys WHERE source = $1 AND lead_id = ANY($2::text[])';
const INSERT_KEYS = `
  INSERT INTO lead_match_keys (source, key, lead_id) SELECT $1, k.key, k.lead_id FROM unnest($2::text[], $3::text[]) AS k(key, lead_id)
  ON CONFLICT DO NOTHING`;
const UNMATCHED_LEADS = `
  SELECT r.body FROM lead_matches AS m JOIN records AS r ON r.source = m.source AND r.kind = 'lead' AND r.id = m.lead_id
  WHERE m.source = $1 AND m.lead_id = ANY($2::text[]) AND m.status = 'unmatched'`;
const LEAD_ACTIVITIES = `
  SELECT body FROM records WHERE source = $1 AND kind = 'activity' AND lead_id = ANY($2::text[]) AND (body->>'occurredAt') COLLATE "C" >= $3`;
const OLDER_LEAD_ACTIVITY = `
  SELECT lead_id AS id, MAX((body->>'occurredAt') COLLATE "C") AS at FROM records
  WHERE source = $1 AND kind = 'activity' AND lead_id = ANY($2::text[]) AND (body->>'occurredAt') COLLATE "C" < $3 GROUP BY lead_id`;
const UPSERT_SCORES = `
  INSERT INTO lead_scores (source, lead_id, account_id, run_id, body)
  SELECT $1, s.lead_id, s.account_id, $2, s.body::jsonb FROM unnest($3::text[], $4::text[], $5::text[]) AS s(lead_id, account_id, body)
  ON CONFLICT (source, lead_id) DO UPDATE SET account_id = EXCLUDED.account_id, run_id = EXCLUDED.run_id, body = EXCLUDED.body`;

/** As the SQLite store's leads.ts: matches with their keys, the unmatched leads' bundles, the latest lead scores. */
export function postgresLeads(pool: pg.Pool): LeadStore {
  /** Rows of `sql` run with ($1 source, $2 a chunk of `ids`, ...extra). */
  async function rowsFor<Row extends pg.QueryResultRow>(sql: string, source: string, ids: readonly string[], ...extra: unknown[]): Promise<Row[]> {
    const rows: Row[] = [];
    for (const part of chunk(ids)) rows.push(...(await pool.query<Row>(sql, [source, part, ...extra])).rows);
    return rows;
  }

  return {
    async accountMatchKeys(source) {
      const rows = (await pool.query<{ id: string; domain: string | null; name: string | null; employees: unknown }>(MATCH_KEYS, [source])).rows;
      return rows.map((r) => ({ id: r.id, domain: r.domain, name: r.name ?? '', employees: typeof r.employees === 'number' ? r.employees : null }));
    },
    async listLeadIds(source) {
      return (await pool.query<{ id: string }>("SELECT id FROM records WHERE source = $1 AND kind = 'lead' ORDER BY id COLLATE \"C\"", [source])).rows.map((r) => r.id);
    },
    async getLeads(source, ids) {
      const rows = await rowsFor<{ body: Lead }>("SELECT body FROM records WHERE source = $1 AND kind = 'lead' AND id = ANY($2::text[])", source, distinct(ids));
      return rows.map((r) => r.body);
    },
    async leadIdsNear(source, keys, accountIds) {
      const byKey = await rowsFor<{ lead_id: string }>('SELECT lead_id FROM lead_match_keys WHERE source = $1 AND key = ANY($2::text[])', source, distinct(keys));
      const byAccount = await rowsFor<{ lead_id: string }>('SELECT lead_id FROM lead_matches WHERE source = $1 AND account_id = ANY($2::text[])', source, distinct(accountIds));
      return distinct([...byKey, ...byAccount].map((r) => r.lead_id)).sort();
    },
    async saveLeadMatches(source, input) {
      const matches = lastMatchPerLead(input);
      return inTransaction(pool, async (client) => {
        const previous = new Map<string, LeadMatchRecord>();
        for (const part of chunk(matches.map((m) => m.leadId))) {
          const rows = (await client.query<LeadMatchDbRow>(`${MATCH_ROWS} FOR UPDATE`, [source, part])).rows;
          const keys = new Map<string, string[]>();
          for (const row of (await client.query<{ lead_id: string; key: string }>(KEY_ROWS, [source, part])).rows) {
            keys.set(row.lead_id, [...(keys.get(row.lead_id) ?? []), row.key]);
          }
          for (const r of rows) previous.set(r.lead_id, toLeadMatch(r, keys.get(r.lead_id) ?? []));
        }
        for (const part of chunk(matchesToWrite(previous, matches), ROWS_PER_STATEMENT)) {
          await client.query(UPSERT_MATCHES, [source, part.map((m) => m.leadId), part.map((m) => m.status), part.map((m) => m.accountId), part.map((m) => m.reason)]);
          await client.query(CLEAR_KEYS, [source, part.map((m) => m.leadId)]);
          const keys = part.flatMap((m) => m.keys.map((key) => [key, m.leadId] as const));
          if (keys.length > 0) await client.query(INSERT_KEYS, [source, keys.map(([key]) => key), keys.map(([, leadId]) => leadId)]);
        }
        return matchChanges(previous, matches);
      });
    },
    async leadMatches(source, ids) {
      const unique = distinct(ids);
      const keys = new Map<string, string[]>();
      const keyRows = await rowsFor<{ lead_id: string; key: string }>(KEY_ROWS, source, unique);
      for (const row of keyRows) keys.set(row.lead_id, [...(keys.get(row.lead_id) ?? []), row.key]);
      const rows = await rowsFor<LeadMatchDbRow>(MATCH_ROWS, source, unique);
      return new Map(rows.map((r) => [r.lead_id, toLeadMatch(r, keys.get(r.lead_id) ?? [])]));
    },
    async unmatchedLeadIds(source) {
      const result = await pool.query<{ lead_id: string }>(
        "SELECT lead_id FROM lead_matches WHERE source = $1 AND status = 'unmatched' ORDER BY lead_id COLLATE \"C\"",
        [source],
      );
      return result.rows.map((r) => r.lead_id);
    },
    async loadLeadBundles(source, ids, options = {}) {
      const leads = (await rowsFor<{ body: Lead }>(UNMATCHED_LEADS, source, distinct(ids))).map((r) => r.body);
      const found = leads.map((l) => l.id);
      const since = options.activitiesSince;
      const activities = (await rowsFor<{ body: Activity }>(LEAD_ACTIVITIES, source, found, since ?? '')).map((r) => r.body);
      const older =
        since === undefined ? undefined : new Map((await rowsFor<{ id: string; at: string }>(OLDER_LEAD_ACTIVITY, source, found, since)).map((r) => [r.id, r.at]));
      return assembleLeadBundles(ids, leads, activities, older);
    },
    async saveLeadScores(source, runId, list) {
      const scores: LeadScore[] = lastById(list, (s) => s.leadId);
      await inTransaction(pool, async (client) => {
        for (const part of chunk(scores, ROWS_PER_STATEMENT)) {
          await client.query(UPSERT_SCORES, [source, runId, part.map((s) => s.leadId), part.map((s) => s.accountId), part.map((s) => JSON.stringify(s))]);
        }
      });
    },
    async latestLeadScores(source, ids) {
      const rows = await rowsFor<{ lead_id: string; body: LeadScore }>('SELECT lead_id, body FROM lead_scores WHERE source = $1 AND lead_id = ANY($2::text[])', source, distinct(ids));
      return new Map(rows.map((r) => [r.lead_id, r.body]));
    },
  };
}
