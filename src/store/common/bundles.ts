import type { Account, AccountBundle, Activity, Contact, IntentSignal, Lead, Opportunity } from '../../model/records.js';

/** A batch's activities as the back end loaded them: all of them, or (with a `since`) the recent ones. */
export interface BundleActivities {
  activities: Activity[];
  /**
   * Only for a load with `activitiesSince`: the latest date of the activities left out, per account, per contact and
   * (when the batch has leads) per lead.
   */
  older?: { byAccount: ReadonlyMap<string, string>; byContact: ReadonlyMap<string, string>; byLead?: ReadonlyMap<string, string> };
}

/** An unconverted lead matched to one of the batch's accounts. */
export interface MatchedLeadRow {
  lead: Lead;
  accountId: string;
  reason: string;
}

/** A converted lead whose contact or account is in the batch: its activities go with them. */
export interface ConvertedLeadRow {
  leadId: string;
  accountId: string | null;
  contactId: string | null;
}

export interface BundleParts {
  accounts: Account[];
  contacts: Contact[];
  leads?: MatchedLeadRow[];
  convertedLeads?: ConvertedLeadRow[];
  opportunities: Opportunity[];
  /** Activities on any of the accounts, their contacts or leads, each exactly once (the back end dedupes). */
  activities: Activity[];
  olderActivity?: BundleActivities['older'];
  intent: IntentSignal[];
  /** Normalised domain per account id, as stored in the lookup column. */
  domainByAccount: Map<string, string | null>;
}

/**
 * Groups a batch's rows into one bundle per requested account, in the requested order (unknown ids skipped).
 * An activity belongs to its account, its contact's account and its lead's account (the matched one, or for a converted
 * lead the contact's and converted account, where it counts as the converted contact's); each bundle lists it once.
 * This runs over every record of every scoring pass, so it groups in single passes and sorts in place with plain
 * comparators rather than building keys or intermediate arrays per record.
 */
export function assembleBundles(accountIds: readonly string[], parts: BundleParts): AccountBundle[] {
  const accountById = new Map<string, Account>();
  for (const account of parts.accounts) accountById.set(account.id, account);
  const accountByContact = new Map<string, string | null>();
  for (const contact of parts.contacts) accountByContact.set(contact.id, contact.accountId);
  const contactsByAccount = groupBy(parts.contacts, (c) => c.accountId);
  const leads = parts.leads ?? [];
  const leadsByAccount = groupBy(leads, (l) => l.accountId);
  const accountByLead = new Map(leads.map((l) => [l.lead.id, l.accountId]));
  const converted = new Map((parts.convertedLeads ?? []).map((c) => [c.leadId, c]));
  const opportunitiesByAccount = groupBy(parts.opportunities, (o) => o.accountId);
  const intentByDomain = groupBy(parts.intent, (i) => i.domain);
  const activitiesByAccount = new Map<string, Activity[]>();
  for (const loaded of parts.activities) {
    const leadId = loaded.leadId ?? null;
    const becameContact = leadId === null ? undefined : converted.get(leadId);
    // A converted lead's history is its contact's: scoring sees the activity as the converted contact's.
    const activity = becameContact && loaded.contactId === null ? { ...loaded, contactId: becameContact.contactId } : loaded;
    const own = activity.accountId;
    const viaContact = activity.contactId === null ? null : (accountByContact.get(activity.contactId) ?? null);
    if (own !== null) addTo(activitiesByAccount, own, activity);
    if (viaContact !== null && viaContact !== own) addTo(activitiesByAccount, viaContact, activity);
    if (leadId === null) continue;
    for (const viaLead of [accountByLead.get(leadId), becameContact?.accountId]) {
      if (viaLead !== undefined && viaLead !== null && viaLead !== own && viaLead !== viaContact) addTo(activitiesByAccount, viaLead, activity);
    }
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
    const matched = sorted(leadsByAccount.get(id), (a, b) => byId(a.lead, b.lead), fresh);
    const bundle: AccountBundle = {
      account,
      contacts,
      leads: matched.map((l) => l.lead),
      opportunities: sorted(opportunitiesByAccount.get(id), byId, fresh),
      activities: sorted(activitiesByAccount.get(id), byOccurredAtThenId, fresh),
      intent: domain === null ? [] : sorted(intentByDomain.get(domain), byObservedTopicSource, fresh),
    };
    if (matched.length > 0) bundle.leadMatchReasons = Object.fromEntries(matched.map((l) => [l.lead.id, l.reason]));
    if (parts.olderActivity) bundle.olderActivityAt = latestOlderActivity(id, contacts, leadIdsOf(id, matched, converted, contacts), parts.olderActivity);
    bundles.push(bundle);
  }
  return bundles;
}

/** The leads whose activities a bundle holds: its matched leads and the leads converted into it or its contacts. */
function leadIdsOf(accountId: string, matched: readonly MatchedLeadRow[], converted: ReadonlyMap<string, ConvertedLeadRow>, contacts: readonly Contact[]): string[] {
  const ids = matched.map((l) => l.lead.id);
  if (converted.size === 0) return ids;
  const contactIds = new Set(contacts.map((c) => c.id));
  for (const row of converted.values()) {
    if (row.accountId === accountId || (row.contactId !== null && contactIds.has(row.contactId))) ids.push(row.leadId);
  }
  return ids;
}

/** An activity belongs to its account, its contact's and its lead's, so every list counts for "the latest one". */
function latestOlderActivity(
  accountId: string,
  contacts: readonly Contact[],
  leadIds: readonly string[],
  older: NonNullable<BundleActivities['older']>,
): string | null {
  let latest = older.byAccount.get(accountId) ?? null;
  const later = (at: string | undefined): void => {
    if (at !== undefined && (latest === null || at > latest)) latest = at;
  };
  for (const contact of contacts) later(older.byContact.get(contact.id));
  if (older.byLead) for (const leadId of leadIds) later(older.byLead.get(leadId));
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
