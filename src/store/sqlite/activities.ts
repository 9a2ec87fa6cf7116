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
  /** Per activity id found: its own account and its contact's account. */
  owners(source: string, ids: readonly string[]): { own: string | null; via_contact: string | null }[];
  /**
   * Every activity on the accounts or on the contacts, each once: those on a contact are skipped when their own
   * account is in `accountIds` (the first query already returned them). With `since`, only those that occurred at or
   * after it, plus the latest date of the older ones per account and per contact.
   */
  forBundles(source: string, accountIds: readonly string[], contactIds: readonly string[], since?: string): BundleActivities;
}

const COLUMNS = 'a.id, a.account_id, a.contact_id, a.type, a.occurred_at, a.modified_at, a.detail, a.body';

export function sqliteActivities(db: Database.Database): SqliteActivities {
  // The WHERE on DO UPDATE leaves an identical activity untouched, so `changes` is 1 exactly for new or changed content.
  const upsert = db.prepare(`
    INSERT INTO activities (source, id, account_id, contact_id, type, occurred_at, modified_at, detail, body, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (source, id) DO UPDATE SET
      account_id = excluded.account_id, contact_id = excluded.contact_id, type = excluded.type,
      occurred_at = excluded.occurred_at, modified_at = excluded.modified_at, detail = excluded.detail,
      body = excluded.body, hash = excluded.hash
    WHERE activities.hash <> excluded.hash`);
  const getOne = db.prepare(`SELECT ${COLUMNS} FROM activities AS a WHERE a.source = ? AND a.id = ?`).raw();
  const count = db.prepare('SELECT COUNT(*) FROM activities WHERE source = ?').pluck();
  const owners = db.prepare(`
    SELECT a.account_id AS own, c.account_id AS via_contact
    FROM json_each(?) AS j
    CROSS JOIN activities AS a ON a.source = ? AND a.id = j.value
    LEFT JOIN records AS c ON c.source = a.source AND c.kind = 'contact' AND c.id = a.contact_id`);
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
  const olderBy = (column: 'account_id' | 'contact_id'): Database.Statement =>
    db
      .prepare(`
        SELECT a.${column}, MAX(a.occurred_at)
        FROM json_each(?) AS j CROSS JOIN activities AS a ON a.source = ? AND a.${column} = j.value AND a.occurred_at < ?
        GROUP BY a.${column}`)
      .raw();
  const olderByAccount = olderBy('account_id');
  const olderByContact = olderBy('contact_id');

  const write = db.transaction((source: string, rows: ActivityRow[]) => {
    const changed: string[] = [];
    for (const r of rows) {
      const result = upsert.run(source, r.id, r.accountId, r.contactId, r.type, r.occurredAt, r.modifiedAt, r.detail, r.body, r.hash);
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
      const rows: { own: string | null; via_contact: string | null }[] = [];
      for (const part of chunk(ids)) rows.push(...(owners.all(JSON.stringify(part), source) as typeof rows));
      return rows;
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
