import type Database from 'better-sqlite3';
import type { Activity, CrmOutputValues, IntentSignal, RecordByKind, WritableKind } from '../../model/records.js';
import { chunk, distinct, isPresent } from '../common/collections.js';
import { toIntentRows } from '../common/intent-rows.js';
import { parseJson, toRecordRows, withCrmValuesRow, type RecordRow } from '../common/record-rows.js';
import { missingRecord } from '../common/store-error.js';
import type { OrphanReport, StateStore } from '../store.js';
import { sqliteActivities } from './activities.js';
import { selectIn } from './select-in.js';

type RecordMethods = Pick<
  StateStore,
  'upsertRecords' | 'getRecord' | 'deleteRecords' | 'countRecords' | 'affectedAccountIds' | 'affectedLeadIds' | 'listAccountIds' | 'setCrmValues' | 'upsertIntent' | 'orphanRecords'
>;

/** Contacts and opportunities naming no account, or one the store does not hold (the account lookup is the primary key). */
const ORPHANS = `
  FROM records AS r
  WHERE r.source = @source AND r.kind IN ('contact', 'opportunity')
    AND (r.account_id IS NULL OR NOT EXISTS (SELECT 1 FROM records AS a WHERE a.source = r.source AND a.kind = 'account' AND a.id = r.account_id))`;

/** Accounts, contacts and opportunities are JSON bodies in `records`; activities go to their own table (activities.ts). */
export function sqliteRecords(db: Database.Database): RecordMethods {
  const activities = sqliteActivities(db);
  // The WHERE on DO UPDATE leaves an identical record untouched, so `changes` is 1 exactly for new or changed content.
  const upsert = db.prepare(`
    INSERT INTO records (source, kind, id, account_id, contact_id, domain, hash, body)
    VALUES (@source, @kind, @id, @accountId, @contactId, @domain, @hash, @body)
    ON CONFLICT (source, kind, id) DO UPDATE SET
      account_id = excluded.account_id, contact_id = excluded.contact_id, domain = excluded.domain,
      hash = excluded.hash, body = excluded.body
    WHERE records.hash <> excluded.hash`);
  const getBody = db.prepare('SELECT body FROM records WHERE source = ? AND kind = ? AND id = ?').pluck();
  const updateBody = db.prepare('UPDATE records SET hash = @hash, body = @body WHERE source = @source AND kind = @kind AND id = @id');
  const count = db.prepare('SELECT COUNT(*) FROM records WHERE source = ? AND kind = ?').pluck();
  const accountIds = db.prepare("SELECT id FROM records WHERE source = ? AND kind = 'account' ORDER BY id").pluck();
  // A record's own account_id (an account's is itself): the account whose bundle holds it. Activities, which may
  // also sit in their contact's account's bundle, answer from activities.ts.
  const affected = db.prepare(`
    SELECT r.account_id AS own, NULL AS via_contact
    FROM json_each(@ids) AS j
    CROSS JOIN records AS r ON r.source = @source AND r.kind = @kind AND r.id = j.value`);
  // A lead's account: the one it is matched to, or (converted) the account and the contact's account it became.
  const affectedByLead = db
    .prepare(`
      SELECT m.account_id, r.account_id, c.account_id
      FROM json_each(?) AS j
      CROSS JOIN records AS r ON r.source = ? AND r.kind = 'lead' AND r.id = j.value
      LEFT JOIN lead_matches AS m ON m.source = r.source AND m.lead_id = r.id
      LEFT JOIN records AS c ON c.source = r.source AND c.kind = 'contact' AND c.id = r.contact_id`)
    .raw();
  const orphanCounts = db.prepare(`SELECT r.kind AS kind, COUNT(*) AS n ${ORPHANS} GROUP BY r.kind`);
  const orphanExamples = db.prepare(`SELECT r.kind AS kind, r.id AS id, r.account_id AS accountId ${ORPHANS} ORDER BY r.kind, r.id LIMIT @sample`);
  const upsertIntent = db.prepare(`
    INSERT INTO intent (domain, topic, observed_at, source, score) VALUES (@domain, @topic, @observedAt, @source, @score)
    ON CONFLICT (domain, topic, observed_at, source) DO UPDATE SET score = excluded.score WHERE intent.score <> excluded.score`);

  // A deleted lead also leaves the matcher's tables and its score, so nothing keeps planning writes for it.
  const deleteStatements = {
    record: db.prepare('DELETE FROM records WHERE source = ? AND kind = ? AND id = ?'),
    activity: db.prepare('DELETE FROM activities WHERE source = ? AND id = ?'),
    leadMatch: db.prepare('DELETE FROM lead_matches WHERE source = ? AND lead_id = ?'),
    leadKeys: db.prepare('DELETE FROM lead_match_keys WHERE source = ? AND lead_id = ?'),
    leadScore: db.prepare('DELETE FROM lead_scores WHERE source = ? AND lead_id = ?'),
  };
  const removeRecords = db.transaction((source: string, kind: string, ids: string[]) => {
    let removed = 0;
    for (const id of ids) {
      removed += kind === 'activity' ? deleteStatements.activity.run(source, id).changes : deleteStatements.record.run(source, kind, id).changes;
      if (kind === 'lead') {
        deleteStatements.leadMatch.run(source, id);
        deleteStatements.leadKeys.run(source, id);
        deleteStatements.leadScore.run(source, id);
      }
    }
    return removed;
  });
  const writeRecords = db.transaction((source: string, kind: string, rows: RecordRow[]) => {
    const changed: string[] = [];
    for (const row of rows) if (upsert.run({ source, kind, ...row }).changes > 0) changed.push(row.id);
    return changed;
  });
  const writeIntent = db.transaction((signals: IntentSignal[]) => {
    let written = 0;
    for (const signal of signals) written += upsertIntent.run(signal).changes;
    return written;
  });
  const mergeCrmValues = db.transaction((source: string, kind: WritableKind, id: string, values: CrmOutputValues) => {
    const body = getBody.get(source, kind, id) as string | undefined;
    if (body === undefined) throw missingRecord(source, kind, id);
    const row = withCrmValuesRow(kind, body, values);
    updateBody.run({ source, kind, id, hash: row.hash, body: row.body });
  });

  return {
    async upsertRecords(source, kind, records) {
      if (kind === 'activity') return activities.upsert(source, records as Activity[]);
      return writeRecords.immediate(source, kind, toRecordRows(kind, records));
    },
    async getRecord(source, kind, id) {
      if (kind === 'activity') return activities.get(source, id) as RecordByKind[typeof kind] | null;
      const body = getBody.get(source, kind, id) as string | undefined;
      return body === undefined ? null : parseJson(body);
    },
    async deleteRecords(source, kind, ids) {
      return ids.length === 0 ? 0 : removeRecords.immediate(source, kind, distinct(ids));
    },
    async countRecords(source, kind) {
      if (kind === 'activity') return activities.count(source);
      return count.get(source, kind) as number;
    },
    async affectedAccountIds(source, kind, ids) {
      const unique = distinct(ids);
      if (kind === 'activity') return distinct(activities.owners(source, unique).flat().filter(isPresent));
      if (kind === 'lead') {
        const rows: (string | null)[][] = [];
        for (const part of chunk(unique)) rows.push(...(affectedByLead.all(JSON.stringify(part), source) as (string | null)[][]));
        return distinct(rows.flat().filter(isPresent));
      }
      const rows = selectIn<{ own: string | null; via_contact: string | null }>(affected, { source, kind }, unique);
      return distinct(rows.flatMap((r) => [r.own, r.via_contact]).filter(isPresent));
    },
    async affectedLeadIds(source, kind, ids) {
      if (kind === 'lead') return distinct(ids);
      return kind === 'activity' ? distinct(activities.leadsOf(source, distinct(ids))) : [];
    },
    async listAccountIds(source) {
      return accountIds.all(source) as string[];
    },
    async setCrmValues(source, kind, id, values) {
      mergeCrmValues.immediate(source, kind, id, values);
    },
    async orphanRecords(source, sample) {
      const counts = new Map((orphanCounts.all({ source }) as { kind: string; n: number }[]).map((r) => [r.kind, r.n]));
      const examples = orphanExamples.all({ source, sample }) as OrphanReport['examples'];
      return { contacts: counts.get('contact') ?? 0, opportunities: counts.get('opportunity') ?? 0, examples };
    },
    async upsertIntent(signals) {
      return writeIntent.immediate(toIntentRows(signals));
    },
  };
}

