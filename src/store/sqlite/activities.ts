import type Database from 'better-sqlite3';
import type { Activity } from '../../model/records.js';
import { chunk } from '../common/collections.js';
import { fromActivityColumns, toActivityRows, type ActivityColumns, type ActivityRow } from '../common/activity-rows.js';
import type { BundleActivities } from '../common/bundles.js';

/** The activity side of the SQLite record methods: activities live in their own columnar table (schema version 3). */
export interface SqliteActivities {
  upsert(source: string, activities: Activity[]): string[];
  get(source: string, id: string): Activity | null;
  count(source: string): number;
  /** Per activity id found: every account whose bundle holds it (its own, its contact's, its lead's), nulls included. */
  owners(source: string, ids: readonly string[]): (string | null)[][];
  /** The leads the activities are on. */
  leadsOf(source: string, ids: readonly string[]): string[];
  /**
   * Every activity on the accounts or on the contacts, each once: those on a contact are skipped when their own
   * account is in `accountIds` (the first query already returned them). With `since`, only those that occurred at or
   * after it, plus the latest date of the older ones per account and per contact.
   */
  forBundles(source: string, accountIds: readonly string[], contactIds: readonly string[], since?: string): BundleActivities;
  /** Every activity on the leads (those at or after `since`, with the latest older date per lead when it is given). */
  forLeads(source: string, leadIds: readonly string[], since?: string): { activities: Activity[]; olderByLead?: Map<string, string> };
}

const COLUMNS = 'a.id, a.account_id, a.contact_id, a.type, a.occurred_at, a.modified_at, a.detail, a.body, a.lead_id';

export function sqliteActivities(db: Database.Database): SqliteActivities {
  // The WHERE on DO UPDATE leaves an identical activity untouched, so `changes` is 1 exactly for new or changed content.
  const upsert = db.prepare(`
    INSERT INTO activities (source, id, account_id, contact_id, lead_id, type, occurred_at, modified_at, detail, body, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (source, id) DO UPDATE SET
      account_id = excluded.account_id, contact_id = excluded.contact_id, lead_id = excluded.lead_id, type = excluded.type,
      occurred_at = excluded.occurred_at, modified_at = excluded.modified_at, detail = excluded.detail,
      body = excluded.body, hash = excluded.hash
    WHERE activities.hash <> excluded.hash`);
  const getOne = db.prepare(`SELECT ${COLUMNS} FROM activities AS a WHERE a.source = ? AND a.id = ?`).raw();
  const count = db.prepare('SELECT COUNT(*) FROM activities WHERE source = ?').pluck();
  // A lead's activity belongs to its matched account, or (converted) to its contact's account and its converted account.
  const owners = db
    .prepare(`
      SELECT a.account_id, c.account_id, m.account_id, l.account_id, lc.account_id
      FROM json_each(?) AS j
      CROSS JOIN activities AS a ON a.source = ? AND a.id = j.value
      LEFT JOIN records AS c ON c.source = a.source AND c.kind = 'contact' AND c.id = a.contact_id
      LEFT JOIN lead_matches AS m ON m.source = a.source AND m.lead_id = a.lead_id
      LEFT JOIN records AS l ON l.source = a.source AND l.kind = 'lead' AND l.id = a.lead_id
      LEFT JOIN records AS lc ON lc.source = a.source AND lc.kind = 'contact' AND lc.id = l.contact_id`)
    .raw();
  const leadsOf = db
    .prepare('SELECT DISTINCT a.lead_id FROM json_each(?) AS j CROSS JOIN activities AS a ON a.source = ? AND a.id = j.value WHERE a.lead_id IS NOT NULL')
    .pluck();
  const byLead = db
    .prepare(`
      SELECT json_group_array(json_array(${COLUMNS}))
      FROM json_each(?) AS j CROSS JOIN activities AS a ON a.source = ? AND a.lead_id = j.value AND a.occurred_at >= ?`)
    .pluck();
  // CROSS JOIN keeps json_each as the outer loop, so each id is one index lookup (see select-in.ts). Each query
  // returns its rows as ONE JSON array of column arrays: one JSON.parse of the lot costs about a quarter less than
  // handing half a million rows across to JavaScript value by value.
  // `occurred_at >= ?` with '' for "since the beginning": every ISO date sorts after the empty string.
  const byAccount = db
    .prepare(`
      SELECT json_group_array(json_array(${COLUMNS}))
      FROM json_each(?) AS j CROSS JOIN activities AS a ON a.source = ? AND a.account_id = j.value AND a.occurred_at >= ?`)
    .pluck();
  const byContact = db
    .prepare(`
      SELECT json_group_array(json_array(${COLUMNS}))
      FROM json_each(?) AS j CROSS JOIN activities AS a ON a.source = ? AND a.contact_id = j.value AND a.occurred_at >= ?
      WHERE a.account_id IS NULL OR a.account_id NOT IN (SELECT value FROM json_each(?))`)
    .pluck();
  // The latest date before the lookback per account or per contact: reads the (…, occurred_at) index alone.
  const olderBy = (column: 'account_id' | 'contact_id' | 'lead_id'): Database.Statement =>
    db
      .prepare(`
        SELECT a.${column}, MAX(a.occurred_at)
        FROM json_each(?) AS j CROSS JOIN activities AS a ON a.source = ? AND a.${column} = j.value AND a.occurred_at < ?
        GROUP BY a.${column}`)
      .raw();
  const olderByAccount = olderBy('account_id');
  const olderByContact = olderBy('contact_id');
  const olderByLead = olderBy('lead_id');

  const write = db.transaction((source: string, rows: ActivityRow[]) => {
    const changed: string[] = [];
    for (const r of rows) {
      const result = upsert.run(source, r.id, r.accountId, r.contactId, r.leadId, r.type, r.occurredAt, r.modifiedAt, r.detail, r.body, r.hash);
      if (result.changes > 0) changed.push(r.id);
    }
    return changed;
  });

  return {
    upsert(source, activities) {
      return write.immediate(source, toActivityRows(source, activities));
    },
    get(source, id) {
      const columns = getOne.get(source, id) as ActivityColumns | undefined;
      return columns === undefined ? null : fromActivityColumns(source, columns);
    },
    count(source) {
      return count.get(source) as number;
    },
    owners(source, ids) {
      const rows: (string | null)[][] = [];
      for (const part of chunk(ids)) rows.push(...(owners.all(JSON.stringify(part), source) as (string | null)[][]));
      return rows;
    },
    leadsOf(source, ids) {
      const leads: string[] = [];
      for (const part of chunk(ids)) leads.push(...(leadsOf.all(JSON.stringify(part), source) as string[]));
      return leads;
    },
    forLeads(source, leadIds, since) {
      const activities: Activity[] = [];
      const olderByLeadId = since === undefined ? undefined : new Map<string, string>();
      for (const part of chunk(leadIds)) {
        const list = JSON.stringify(part);
        for (const columns of JSON.parse(byLead.get(list, source, since ?? '') as string) as ActivityColumns[]) {
          activities.push(fromActivityColumns(source, columns));
        }
        if (olderByLeadId) for (const [id, at] of olderByLead.all(list, source, since) as [string, string][]) olderByLeadId.set(id, at);
      }
      return olderByLeadId ? { activities, olderByLead: olderByLeadId } : { activities };
    },
    forBundles(source, accountIds, contactIds, since) {
      const activities: Activity[] = [];
      const accountList = JSON.stringify(accountIds);
      const contactList = JSON.stringify(contactIds);
      const from = since ?? '';
      for (const columns of JSON.parse(byAccount.get(accountList, source, from) as string) as ActivityColumns[]) {
        activities.push(fromActivityColumns(source, columns));
      }
      if (contactIds.length > 0) {
        for (const columns of JSON.parse(byContact.get(contactList, source, from, accountList) as string) as ActivityColumns[]) {
          activities.push(fromActivityColumns(source, columns));
        }
      }
      if (since === undefined) return { activities };
      return {
        activities,
        older: {
          byAccount: new Map(olderByAccount.all(accountList, source, since) as [string, string][]),
          byContact: new Map(contactIds.length === 0 ? [] : (olderByContact.all(contactList, source, since) as [string, string][])),
        },
      };
    },
  };
}
