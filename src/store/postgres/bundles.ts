import type pg from 'pg';
import type { Account, Activity, Contact, Lead, Opportunity } from '../../model/records.js';
import { assembleBundles, type ConvertedLeadRow, type MatchedLeadRow } from '../common/bundles.js';
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
const olderActivity = (column: 'account_id' | 'contact_id' | 'lead_id'): string => `
  SELECT ${column} AS id, MAX((body->>'occurredAt') COLLATE "C") AS at FROM records
  WHERE source = $1 AND kind = 'activity' AND ${column} = ANY($2::text[]) AND (body->>'occurredAt') COLLATE "C" < $3 GROUP BY ${column}`;
const INTENT = 'SELECT domain, topic, observed_at, score, source FROM intent WHERE domain = ANY($1::text[])';
const ANY_LEAD = "SELECT 1 FROM records WHERE source = $1 AND kind = 'lead' LIMIT 1";
const MATCHED_LEADS = `
  SELECT r.body, m.account_id, m.reason FROM lead_matches AS m
  JOIN records AS r ON r.source = m.source AND r.kind = 'lead' AND r.id = m.lead_id
  WHERE m.source = $1 AND m.account_id = ANY($2::text[]) AND m.status = 'matched'`;
/** Converted leads link to what they became in their own row (record-rows.ts): by account ($3 = 'account_id') or contact. */
const convertedLeads = (column: 'account_id' | 'contact_id'): string =>
  `SELECT id, account_id, contact_id FROM records WHERE source = $1 AND kind = 'lead' AND ${column} = ANY($2::text[])`;
const ACTIVITIES_BY_LEAD = `
  SELECT body FROM records WHERE source = $1 AND kind = 'activity' AND lead_id = ANY($2::text[]) AND (body->>'occurredAt') COLLATE "C" >= $3`;

/** Bundles for a batch of accounts in a fixed number of set queries, whatever the batch size: never one query per account. */
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
      // A CRM without leads (most stores) skips the lead queries.
      const withLeads = (await pool.query(ANY_LEAD, [source])).rows.length > 0;
      const leads = withLeads
        ? (await rowsFor<{ body: Lead; account_id: string; reason: string }>(MATCHED_LEADS, source, foundIds)).map(
            (r): MatchedLeadRow => ({ lead: r.body, accountId: r.account_id, reason: r.reason }),
          )
        : [];
      type ConvertedRow = { id: string; account_id: string | null; contact_id: string | null };
      const convertedRows = withLeads
        ? [...(await rowsFor<ConvertedRow>(convertedLeads('account_id'), source, foundIds)), ...(await rowsFor<ConvertedRow>(convertedLeads('contact_id'), source, contactIds))]
        : [];
      const converted = [...new Map(convertedRows.map((r): [string, ConvertedLeadRow] => [r.id, { leadId: r.id, accountId: r.account_id, contactId: r.contact_id }])).values()];
      const leadIds = distinct([...leads.map((l) => l.lead.id), ...converted.map((c) => c.leadId)]);
      const olderFor = async (column: 'account_id' | 'contact_id' | 'lead_id', ids: string[]): Promise<Map<string, string>> =>
        new Map((await rowsFor<{ id: string; at: string }>(olderActivity(column), source, ids, since)).map((r) => [r.id, r.at]));
      const activities: Activity[] = [];
      if (withActivities) {
        activities.push(...(await bodies(rowsFor<{ body: Activity }>(ACTIVITIES_BY_ACCOUNT, source, foundIds, since ?? ''))));
        activities.push(...(await bodies(rowsFor<{ body: Activity }>(ACTIVITIES_BY_CONTACT, source, contactIds, foundIds, since ?? ''))));
        // A lead's activity may also sit on a batch account or contact: those came back already.
        const seen = new Set(activities.map((a) => a.id));
        for (const activity of await bodies(rowsFor<{ body: Activity }>(ACTIVITIES_BY_LEAD, source, leadIds, since ?? ''))) {
          if (!seen.has(activity.id)) activities.push(activity);
        }
      }
      return assembleBundles(accountIds, {
        accounts: accountRows.map((r) => r.body),
        contacts,
        leads,
        convertedLeads: converted,
        opportunities: await bodies(rowsFor<{ body: Opportunity }>(BY_ACCOUNT, source, foundIds, 'opportunity')),
        activities,
        olderActivity:
          withActivities && since !== undefined
            ? {
                byAccount: await olderFor('account_id', foundIds),
                byContact: await olderFor('contact_id', contactIds),
                ...(leadIds.length > 0 ? { byLead: await olderFor('lead_id', leadIds) } : {}),
              }
            : undefined,
        intent: intent.map(toIntentSignal),
        domainByAccount: new Map(accountRows.map((r) => [r.id, r.domain])),
      });
    },
  };
}
