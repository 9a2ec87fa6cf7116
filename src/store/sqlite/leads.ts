import type Database from 'better-sqlite3';
import type { Lead } from '../../model/records.js';
import type { LeadScore } from '../../model/scores.js';
import { chunk, distinct, lastById } from '../common/collections.js';
import { assembleLeadBundles, lastMatchPerLead, matchChanges, matchesToWrite, toLeadMatch, type LeadMatchDbRow } from '../common/lead-rows.js';
import { parseJson } from '../common/record-rows.js';
import type { LeadMatchRecord, LeadStore } from '../store.js';
import { sqliteActivities } from './activities.js';


/** Leads: their matches (with the keys that find them again), the unmatched ones' bundles, their latest scores. */
export function sqliteLeads(db: Database.Database): LeadStore {
  const activities = sqliteActivities(db);
  const matchKeys = db.prepare(`
    SELECT id, domain, json_extract(body, '$.name') AS name, json_extract(body, '$.employees') AS employees
    FROM records WHERE source = ? AND kind = 'account' ORDER BY id`);
  const leadIds = db.prepare("SELECT id FROM records WHERE source = ? AND kind = 'lead' ORDER BY id").pluck();
  const leadBodies = db
    .prepare("SELECT r.body FROM json_each(?) AS j CROSS JOIN records AS r ON r.source = ? AND r.kind = 'lead' AND r.id = j.value")
    .pluck();
  const byKey = db.prepare('SELECT k.lead_id FROM json_each(?) AS j CROSS JOIN lead_match_keys AS k ON k.source = ? AND k.key = j.value').pluck();
  const byAccount = db.prepare('SELECT m.lead_id FROM json_each(?) AS j CROSS JOIN lead_matches AS m ON m.source = ? AND m.account_id = j.value').pluck();
  const matchRows = db.prepare(
    'SELECT m.lead_id, m.status, m.account_id, m.reason FROM json_each(?) AS j CROSS JOIN lead_matches AS m ON m.source = ? AND m.lead_id = j.value',
  );
  const keyRows = db
    .prepare('SELECT k.lead_id, k.key FROM json_each(?) AS j CROSS JOIN lead_match_keys AS k ON k.source = ? AND k.lead_id = j.value ORDER BY k.key')
    .raw();
  const upsertMatch = db.prepare(`
    INSERT INTO lead_matches (source, lead_id, status, account_id, reason) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (source, lead_id) DO UPDATE SET status = excluded.status, account_id = excluded.account_id, reason = excluded.reason`);
  const clearKeys = db.prepare('DELETE FROM lead_match_keys WHERE source = ? AND lead_id = ?');
  const insertKey = db.prepare('INSERT OR IGNORE INTO lead_match_keys (source, key, lead_id) VALUES (?, ?, ?)');
  const unmatched = db.prepare("SELECT lead_id FROM lead_matches WHERE source = ? AND status = 'unmatched' ORDER BY lead_id").pluck();
  const unmatchedBodies = db
    .prepare(`
      SELECT r.body FROM json_each(?) AS j
      CROSS JOIN lead_matches AS m ON m.source = ? AND m.lead_id = j.value AND m.status = 'unmatched'
      CROSS JOIN records AS r ON r.source = m.source AND r.kind = 'lead' AND r.id = m.lead_id`)
    .pluck();
  const upsertScore = db.prepare(`
    INSERT INTO lead_scores (source, lead_id, account_id, run_id, body) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (source, lead_id) DO UPDATE SET account_id = excluded.account_id, run_id = excluded.run_id, body = excluded.body`);
  const scores = db
    .prepare('SELECT s.lead_id, s.body FROM json_each(?) AS j CROSS JOIN lead_scores AS s ON s.source = ? AND s.lead_id = j.value')
    .raw();

  const inChunks = <T>(ids: readonly string[], read: (list: string) => T[]): T[] => chunk(ids).flatMap((part) => read(JSON.stringify(part)));
  const storedMatches = (source: string, ids: readonly string[]): LeadMatchDbRow[] =>
    inChunks(ids, (list) => matchRows.all(list, source) as LeadMatchDbRow[]);

  const storedWithKeys = (source: string, ids: readonly string[]): Map<string, LeadMatchRecord> => {
    const keys = new Map<string, string[]>();
    for (const [leadId, key] of inChunks(ids, (list) => keyRows.all(list, source) as [string, string][])) {
      keys.set(leadId, [...(keys.get(leadId) ?? []), key]);
    }
    return new Map(storedMatches(source, ids).map((r) => [r.lead_id, toLeadMatch(r, keys.get(r.lead_id) ?? [])]));
  };
  const writeMatches = db.transaction((source: string, matches: LeadMatchRecord[]) => {
    const previous = storedWithKeys(source, matches.map((m) => m.leadId));
    for (const m of matchesToWrite(previous, matches)) {
      upsertMatch.run(source, m.leadId, m.status, m.accountId, m.reason);
      clearKeys.run(source, m.leadId);
      for (const key of m.keys) insertKey.run(source, key, m.leadId);
    }
    return matchChanges(previous, matches);
  });
  const writeScores = db.transaction((source: string, runId: string, rows: LeadScore[]) => {
    for (const score of rows) upsertScore.run(source, score.leadId, score.accountId, runId, JSON.stringify(score));
  });

  return {
    async accountMatchKeys(source) {
      return (matchKeys.all(source) as { id: string; domain: string | null; name: unknown; employees: unknown }[]).map((r) => ({
        id: r.id,
        domain: r.domain,
        name: typeof r.name === 'string' ? r.name : '',
        employees: typeof r.employees === 'number' ? r.employees : null,
      }));
    },
    async listLeadIds(source) {
      return leadIds.all(source) as string[];
    },
    async getLeads(source, ids) {
      return inChunks(distinct(ids), (list) => leadBodies.all(list, source) as string[]).map((body) => parseJson<Lead>(body));
    },
    async leadIdsNear(source, keys, accountIds) {
      const found = [
        ...inChunks(distinct(keys), (list) => byKey.all(list, source) as string[]),
        ...inChunks(distinct(accountIds), (list) => byAccount.all(list, source) as string[]),
      ];
      return distinct(found).sort();
    },
    async saveLeadMatches(source, matches) {
      return writeMatches.immediate(source, lastMatchPerLead(matches));
    },
    async leadMatches(source, ids) {
      return storedWithKeys(source, distinct(ids));
    },
    async unmatchedLeadIds(source) {
      return unmatched.all(source) as string[];
    },
    async loadLeadBundles(source, ids, options = {}) {
      const leads = inChunks(distinct(ids), (list) => unmatchedBodies.all(list, source) as string[]).map((body) => parseJson<Lead>(body));
      const loaded = activities.forLeads(
        source,
        leads.map((l) => l.id),
        options.activitiesSince,
      );
      return assembleLeadBundles(ids, leads, loaded.activities, loaded.olderByLead);
    },
    async saveLeadScores(source, runId, list) {
      writeScores.immediate(source, runId, lastById(list, (s) => s.leadId));
    },
    async latestLeadScores(source, ids) {
      const rows = inChunks(distinct(ids), (list) => scores.all(list, source) as [string, string][]);
      return new Map(rows.map(([leadId, body]) => [leadId, parseJson<LeadScore>(body)]));
    },
  };
}
