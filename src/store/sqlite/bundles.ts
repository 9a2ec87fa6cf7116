import type Database from 'better-sqlite3';
import type { Account, Activity, Contact, Opportunity } from '../../model/records.js';
import { assembleBundles } from '../common/bundles.js';
import { distinct } from '../common/collections.js';
import { toIntentSignal, type IntentDbRow } from '../common/intent-rows.js';
import { parseJson } from '../common/record-rows.js';
import type { StateStore } from '../store.js';
import { selectIn } from './select-in.js';

/** Bundles for a batch of accounts in six set queries, whatever the batch size: never one query per account. */
export function sqliteBundles(db: Database.Database): Pick<StateStore, 'loadBundles'> {
  const accounts = db.prepare(
    "SELECT r.id, r.domain, r.body FROM json_each(@ids) AS j CROSS JOIN records AS r ON r.source = @source AND r.kind = 'account' AND r.id = j.value",
  );
  const byAccount = db.prepare(
    'SELECT r.body FROM json_each(@ids) AS j CROSS JOIN records AS r ON r.source = @source AND r.kind = @kind AND r.account_id = j.value',
  );
  const activitiesByContact = db.prepare(
    "SELECT r.body FROM json_each(@ids) AS j CROSS JOIN records AS r ON r.source = @source AND r.kind = 'activity' AND r.contact_id = j.value",
  );
  const intent = db.prepare(
    'SELECT i.domain, i.topic, i.observed_at, i.score, i.source FROM json_each(@ids) AS j CROSS JOIN intent AS i ON i.domain = j.value',
  );

  const bodies = <T>(rows: { body: string }[]): T[] => rows.map((r) => parseJson<T>(r.body));

  return {
    async loadBundles(source, accountIds) {
      const ids = distinct(accountIds);
      const accountRows = selectIn<{ id: string; domain: string | null; body: string }>(accounts, { source }, ids);
      const foundIds = accountRows.map((r) => r.id);
      const contacts = bodies<Contact>(selectIn(byAccount, { source, kind: 'contact' }, foundIds));
      const domains = distinct(accountRows.flatMap((r) => (r.domain === null ? [] : [r.domain])));
      return assembleBundles(accountIds, {
        accounts: bodies<Account>(accountRows),
        contacts,
        opportunities: bodies<Opportunity>(selectIn(byAccount, { source, kind: 'opportunity' }, foundIds)),
        activities: [
          ...bodies<Activity>(selectIn(byAccount, { source, kind: 'activity' }, foundIds)),
          ...bodies<Activity>(selectIn(activitiesByContact, { source }, contacts.map((c) => c.id))),
        ],
        intent: selectIn<IntentDbRow>(intent, {}, domains).map(toIntentSignal),
        domainByAccount: new Map(accountRows.map((r) => [r.id, r.domain])),
      });
    },
  };
}
