import type pg from 'pg';
import type { Account, Activity, Contact, Opportunity } from '../../model/records.js';
import { assembleBundles } from '../common/bundles.js';
import { chunk, distinct } from '../common/collections.js';
import { toIntentSignal, type IntentDbRow } from '../common/intent-rows.js';
import type { StateStore } from '../store.js';

const ACCOUNTS = "SELECT id, domain, body FROM records WHERE source = $1 AND kind = 'account' AND id = ANY($2::text[])";
const BY_ACCOUNT = 'SELECT body FROM records WHERE source = $1 AND kind = $3 AND account_id = ANY($2::text[])';
// Activities in scoring's lookback ($3: '' for all of them, as every ISO date sorts after it). Dates compare as bytes
// (COLLATE "C"), as in SQLite, whatever the database's locale.
const ACTIVITIES_BY_ACCOUNT = `
  SELECT body FROM records WHERE source = $1 AND kind = 'activity' AND account_id = ANY($2::text[]) AND (body->>'occurredAt') COLLATE "C" >= $3`;
// An activity on a contact whose own account is in the batch came back from ACTIVITIES_BY_ACCOUNT already: skip it here.
const ACTIVITIES_BY_CONTACT = `
  SELECT body FROM records WHERE source = $1 AND kind = 'activity' AND contact_id = ANY($2::text[]) AND (body->>'occurredAt') COLLATE "C" >= $4
  AND (account_id IS NULL OR NOT (account_id = ANY($3::text[])))`;
/** The latest activity date before the lookback, per account ($4 = 'account_id') or per contact ('contact_id'). */
const olderActivity = (column: 'account_id' | 'contact_id'): string => `
  SELECT ${column} AS id, MAX((body->>'occurredAt') COLLATE "C") AS at FROM records
  WHERE source = $1 AND kind = 'activity' AND ${column} = ANY($2::text[]) AND (body->>'occurredAt') COLLATE "C" < $3 GROUP BY ${column}`;
const INTENT = 'SELECT domain, topic, observed_at, score, source FROM intent WHERE domain = ANY($1::text[])';

/** Bundles for a batch of accounts in six set queries, whatever the batch size: never one query per account. */
export function postgresBundles(pool: pg.Pool): Pick<StateStore, 'loadBundles'> {
  /** Runs `sql` with the id list as $2 (after `source`, before `extra`), chunked. */
  async function rowsFor<Row extends pg.QueryResultRow>(sql: string, source: string, ids: string[], ...extra: unknown[]): Promise<Row[]> {
    const rows: Row[] = [];
    for (const part of chunk(ids)) rows.push(...(await pool.query<Row>(sql, [source, part, ...extra])).rows);
    return rows;
  }
  const bodies = async <T>(rows: Promise<{ body: T }[]>): Promise<T[]> => (await rows).map((r) => r.body);

  return {
    async loadBundles(source, accountIds, options = {}) {
      const withActivities = options.activities !== false;
      const since = options.activitiesSince;
      const accountRows = await rowsFor<{ id: string; domain: string | null; body: Account }>(ACCOUNTS, source, distinct(accountIds));
      const foundIds = accountRows.map((r) => r.id);
      const contacts = await bodies(rowsFor<{ body: Contact }>(BY_ACCOUNT, source, foundIds, 'contact'));
      const domains = distinct(accountRows.flatMap((r) => (r.domain === null ? [] : [r.domain])));
      const intent: IntentDbRow[] = [];
      for (const part of chunk(domains)) intent.push(...(await pool.query<IntentDbRow>(INTENT, [part])).rows);
      const contactIds = contacts.map((c) => c.id);
      const olderFor = async (column: 'account_id' | 'contact_id', ids: string[]): Promise<Map<string, string>> =>
        new Map((await rowsFor<{ id: string; at: string }>(olderActivity(column), source, ids, since)).map((r) => [r.id, r.at]));
      return assembleBundles(accountIds, {
        accounts: accountRows.map((r) => r.body),
        contacts,
        opportunities: await bodies(rowsFor<{ body: Opportunity }>(BY_ACCOUNT, source, foundIds, 'opportunity')),
        activities: withActivities
          ? [
              ...(await bodies(rowsFor<{ body: Activity }>(ACTIVITIES_BY_ACCOUNT, source, foundIds, since ?? ''))),
              ...(await bodies(rowsFor<{ body: Activity }>(ACTIVITIES_BY_CONTACT, source, contactIds, foundIds, since ?? ''))),
            ]
          : [],
        olderActivity:
          withActivities && since !== undefined
            ? { byAccount: await olderFor('account_id', foundIds), byContact: await olderFor('contact_id', contactIds) }
            : undefined,
        intent: intent.map(toIntentSignal),
        domainByAccount: new Map(accountRows.map((r) => [r.id, r.domain])),
      });
    },
  };
}
