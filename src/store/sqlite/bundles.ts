import type Database from 'better-sqlite3';
import type { Account, AccountBundle, Contact, Opportunity } from '../../model/records.js';
import { assembleBundles, type BundleActivities } from '../common/bundles.js';
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
  const activities = sqliteActivities(db);

  const parsed = <T>(bodies: unknown[]): T[] => bodies.map((body) => JSON.parse(body as string) as T);

  /** One slice of at most ID_CHUNK requested ids: the activity dedupe needs the slice's whole account list at once. */
  function loadSlice(source: string, requested: string[], withActivities: boolean, since: string | undefined): AccountBundle[] {
    const accountRows = accounts.all(JSON.stringify(distinct(requested)), source) as [string, string | null, string][];
    if (accountRows.length === 0) return [];
    const foundIds = accountRows.map((r) => r[0]);
    const foundList = JSON.stringify(foundIds);
    const contacts = parsed<Contact>(byAccount.all(foundList, source, 'contact'));
    const domains = distinct(accountRows.flatMap((r) => (r[1] === null ? [] : [r[1]])));
    const loaded: BundleActivities = withActivities ? activities.forBundles(source, foundIds, contacts.map((c) => c.id), since) : { activities: [] };
    return assembleBundles(requested, {
      accounts: accountRows.map((r) => JSON.parse(r[2]) as Account),
      contacts,
      opportunities: parsed<Opportunity>(byAccount.all(foundList, source, 'opportunity')),
      activities: loaded.activities,
      olderActivity: loaded.older,
      intent: domains.length === 0 ? [] : (intent.all(JSON.stringify(domains)) as IntentDbRow[]).map(toIntentSignal),
      domainByAccount: new Map(accountRows.map((r) => [r[0], r[1]])),
    });
  }

  return {
    async loadBundles(source, accountIds, options = {}) {
      const withActivities = options.activities !== false;
      const bundles: AccountBundle[] = [];
      for (const slice of chunk(accountIds)) {
        for (const bundle of loadSlice(source, slice, withActivities, options.activitiesSince)) bundles.push(bundle);
      }
      return bundles;
    },
  };
}
