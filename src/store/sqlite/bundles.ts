import type Database from 'better-sqlite3';
import type { Account, AccountBundle, Contact, Lead, Opportunity } from '../../model/records.js';
import { assembleBundles, type BundleActivities, type ConvertedLeadRow, type MatchedLeadRow } from '../common/bundles.js';
import { chunk, distinct } from '../common/collections.js';
import { toIntentSignal, type IntentDbRow } from '../common/intent-rows.js';
import type { StateStore } from '../store.js';
import { sqliteActivities } from './activities.js';

/**
 * Bundles for a batch of accounts in a handful of set queries per slice of accounts: never one query per account.
 * Each statement takes its id list as one JSON parameter read with json_each; CROSS JOIN keeps that list the outer
 * loop, so each id is one index lookup (see select-in.ts).
 */
export function sqliteBundles(db: Database.Database): Pick<StateStore, 'loadBundles'> {
  const accounts = db
    .prepare("SELECT r.id, r.domain, r.body FROM json_each(?) AS j CROSS JOIN records AS r ON r.source = ? AND r.kind = 'account' AND r.id = j.value")
    .raw();
  const byAccount = db
    .prepare('SELECT r.body FROM json_each(?) AS j CROSS JOIN records AS r ON r.source = ? AND r.kind = ? AND r.account_id = j.value')
    .pluck();
  const intent = db.prepare(
    'SELECT i.domain, i.topic, i.observed_at, i.score, i.source FROM json_each(?) AS j CROSS JOIN intent AS i ON i.domain = j.value',
  );
  const matchedLeads = db
    .prepare(`
      SELECT r.body, m.account_id, m.reason FROM json_each(?) AS j
      CROSS JOIN lead_matches AS m ON m.source = ? AND m.account_id = j.value AND m.status = 'matched'
      CROSS JOIN records AS r ON r.source = m.source AND r.kind = 'lead' AND r.id = m.lead_id`)
    .raw();
  // Converted leads link to what they became in their own row (record-rows.ts): found by contact or by account.
  const convertedLeads = (column: 'contact_id' | 'account_id'): Database.Statement =>
    db
      .prepare(`SELECT r.id, r.account_id, r.contact_id FROM json_each(?) AS j CROSS JOIN records AS r ON r.source = ? AND r.kind = 'lead' AND r.${column} = j.value`)
      .raw();
  const convertedByContact = convertedLeads('contact_id');
  const convertedByAccount = convertedLeads('account_id');
  // A CRM without leads (most stores) skips the lead queries: one look per load instead of three per slice.
  const anyLead = db.prepare("SELECT 1 FROM records WHERE source = ? AND kind = 'lead' LIMIT 1").pluck();
  const activities = sqliteActivities(db);

  const parsed = <T>(bodies: unknown[]): T[] => bodies.map((body) => JSON.parse(body as string) as T);

  /** One slice of at most ID_CHUNK requested ids: the activity dedupe needs the slice's whole account list at once. */
  function loadSlice(source: string, requested: string[], withActivities: boolean, since: string | undefined, withLeads: boolean): AccountBundle[] {
    const accountRows = accounts.all(JSON.stringify(distinct(requested)), source) as [string, string | null, string][];
    if (accountRows.length === 0) return [];
    const foundIds = accountRows.map((r) => r[0]);
    const foundList = JSON.stringify(foundIds);
    const contacts = parsed<Contact>(byAccount.all(foundList, source, 'contact'));
    const contactIds = contacts.map((c) => c.id);
    const leads = withLeads
      ? (matchedLeads.all(foundList, source) as [string, string, string][]).map(
          ([body, accountId, reason]): MatchedLeadRow => ({ lead: JSON.parse(body) as Lead, accountId, reason }),
        )
      : [];
    const converted = withLeads ? convertedInto(source, foundList, contactIds) : [];
    const domains = distinct(accountRows.flatMap((r) => (r[1] === null ? [] : [r[1]])));
    const loaded: BundleActivities = withActivities ? activities.forBundles(source, foundIds, contactIds, since) : { activities: [] };
    if (withActivities) addLeadActivities(source, loaded, [...leads.map((l) => l.lead.id), ...converted.map((c) => c.leadId)], since);
    return assembleBundles(requested, {
      accounts: accountRows.map((r) => JSON.parse(r[2]) as Account),
      contacts,
      leads,
      convertedLeads: converted,
      opportunities: parsed<Opportunity>(byAccount.all(foundList, source, 'opportunity')),
      activities: loaded.activities,
      olderActivity: loaded.older,
      intent: domains.length === 0 ? [] : (intent.all(JSON.stringify(domains)) as IntentDbRow[]).map(toIntentSignal),
      domainByAccount: new Map(accountRows.map((r) => [r[0], r[1]])),
    });
  }

  function convertedInto(source: string, accountList: string, contactIds: string[]): ConvertedLeadRow[] {
    const rows = convertedByAccount.all(accountList, source) as [string, string | null, string | null][];
    if (contactIds.length > 0) rows.push(...(convertedByContact.all(JSON.stringify(contactIds), source) as [string, string | null, string | null][]));
    const byLead = new Map(rows.map(([leadId, accountId, contactId]): [string, ConvertedLeadRow] => [leadId, { leadId, accountId, contactId }]));
    return [...byLead.values()];
  }

  /** The leads' activities that the account and contact queries did not already return, and their older dates. */
  function addLeadActivities(source: string, loaded: BundleActivities, leadIds: string[], since: string | undefined): void {
    if (leadIds.length === 0) return;
    const seen = new Set(loaded.activities.map((a) => a.id));
    const forLeads = activities.forLeads(source, distinct(leadIds), since);
    for (const activity of forLeads.activities) if (!seen.has(activity.id)) loaded.activities.push(activity);
    if (loaded.older && forLeads.olderByLead) loaded.older = { ...loaded.older, byLead: forLeads.olderByLead };
  }

  return {
    async loadBundles(source, accountIds, options = {}) {
      const withActivities = options.activities !== false;
      const withLeads = anyLead.get(source) !== undefined;
      const bundles: AccountBundle[] = [];
      for (const slice of chunk(accountIds)) {
        for (const bundle of loadSlice(source, slice, withActivities, options.activitiesSince, withLeads)) bundles.push(bundle);
      }
      return bundles;
    },
  };
}
