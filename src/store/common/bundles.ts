import type { Account, AccountBundle, Activity, Contact, IntentSignal, Opportunity } from '../../model/records.js';

/** A batch's activities as the back end loaded them: all of them, or (with a `since`) the recent ones. */
export interface BundleActivities {
  activities: Activity[];
  /** Only for a load with `activitiesSince`: the latest date of the activities left out, per account and per contact. */
  older?: { byAccount: ReadonlyMap<string, string>; byContact: ReadonlyMap<string, string> };
}

export interface BundleParts {
  accounts: Account[];
  contacts: Contact[];
  opportunities: Opportunity[];
  /** Activities on any of the accounts or their contacts, each exactly once (the back end's queries dedupe). */
  activities: Activity[];
  olderActivity?: BundleActivities['older'];
  intent: IntentSignal[];
  /** Normalised domain per account id, as stored in the lookup column. */
  domainByAccount: Map<string, string | null>;
}

/**
 * Groups a batch's rows into one bundle per requested account, in the requested order (unknown ids skipped).
 * An activity belongs to its account and to its contact's account; each bundle lists it once.
 * This runs over every record of every scoring pass, so it groups in single passes and sorts in place with plain
 * comparators rather than building keys or intermediate arrays per record.
 */
export function assembleBundles(accountIds: readonly string[], parts: BundleParts): AccountBundle[] {
  const accountById = new Map<string, Account>();
  for (const account of parts.accounts) accountById.set(account.id, account);
  const accountByContact = new Map<string, string | null>();
  for (const contact of parts.contacts) accountByContact.set(contact.id, contact.accountId);
  const contactsByAccount = groupBy(parts.contacts, (c) => c.accountId);
  const opportunitiesByAccount = groupBy(parts.opportunities, (o) => o.accountId);
  const intentByDomain = groupBy(parts.intent, (i) => i.domain);
  const activitiesByAccount = new Map<string, Activity[]>();
  for (const activity of parts.activities) {
    const own = activity.accountId;
    const viaContact = activity.contactId === null ? null : (accountByContact.get(activity.contactId) ?? null);
    if (own !== null) addTo(activitiesByAccount, own, activity);
    if (viaContact !== null && viaContact !== own) addTo(activitiesByAccount, viaContact, activity);
  }

  const emitted = new Set<string>();
  const bundles: AccountBundle[] = [];
  for (const id of accountIds) {
    const account = accountById.get(id);
    if (!account) continue;
    const domain = parts.domainByAccount.get(id) ?? null;
    // A repeated id gets its own arrays, so no two bundles share (and could disturb) one list.
    const fresh = emitted.has(id);
    emitted.add(id);
    const contacts = sorted(contactsByAccount.get(id), byId, fresh);
    const bundle: AccountBundle = {
      account,
      contacts,
      opportunities: sorted(opportunitiesByAccount.get(id), byId, fresh),
      activities: sorted(activitiesByAccount.get(id), byOccurredAtThenId, fresh),
      intent: domain === null ? [] : sorted(intentByDomain.get(domain), byObservedTopicSource, fresh),
    };
    if (parts.olderActivity) bundle.olderActivityAt = latestOlderActivity(id, contacts, parts.olderActivity);
    bundles.push(bundle);
  }
  return bundles;
}

/** An activity belongs to its account and to its contact's account, so both lists count for "the latest one". */
function latestOlderActivity(accountId: string, contacts: readonly Contact[], older: NonNullable<BundleActivities['older']>): string | null {
  let latest = older.byAccount.get(accountId) ?? null;
  for (const contact of contacts) {
    const at = older.byContact.get(contact.id);
    if (at !== undefined && (latest === null || at > latest)) latest = at;
  }
  return latest;
}

function addTo<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null) addTo(groups, key, item);
  }
  return groups;
}

function sorted<T>(items: T[] | undefined, compare: (a: T, b: T) => number, copy: boolean): T[] {
  if (items === undefined) return [];
  return (copy ? items.slice() : items).sort(compare);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byId(a: { id: string }, b: { id: string }): number {
  return compareText(a.id, b.id);
}

function byOccurredAtThenId(a: Activity, b: Activity): number {
  return compareText(a.occurredAt, b.occurredAt) || compareText(a.id, b.id);
}

function byObservedTopicSource(a: IntentSignal, b: IntentSignal): number {
  return compareText(a.observedAt, b.observedAt) || compareText(a.topic, b.topic) || compareText(a.source, b.source);
}
