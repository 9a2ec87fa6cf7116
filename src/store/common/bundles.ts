import type { Account, AccountBundle, Activity, Contact, IntentSignal, Opportunity } from '../../model/records.js';

export interface BundleParts {
  accounts: Account[];
  contacts: Contact[];
  opportunities: Opportunity[];
  /** Activities on any of the accounts or their contacts; may repeat (found both ways). */
  activities: Activity[];
  intent: IntentSignal[];
  /** Normalised domain per account id, as stored in the lookup column. */
  domainByAccount: Map<string, string | null>;
}

/**
 * Groups a batch's rows into one bundle per requested account, in the requested order (unknown ids skipped).
 * An activity belongs to its account and to its contact's account; each bundle lists it once.
 */
export function assembleBundles(accountIds: string[], parts: BundleParts): AccountBundle[] {
  const accountById = new Map(parts.accounts.map((a) => [a.id, a]));
  const contactsByAccount = groupBy(parts.contacts, (c) => c.accountId);
  const accountByContact = new Map(parts.contacts.map((c) => [c.id, c.accountId]));
  const opportunitiesByAccount = groupBy(parts.opportunities, (o) => o.accountId);
  const intentByDomain = groupBy(parts.intent, (i) => i.domain);
  const activitiesByAccount = new Map<string, Map<string, Activity>>();
  for (const activity of parts.activities) {
    const owners = new Set([activity.accountId, activity.contactId === null ? null : (accountByContact.get(activity.contactId) ?? null)]);
    for (const owner of owners) {
      if (owner === null) continue;
      let byId = activitiesByAccount.get(owner);
      if (!byId) activitiesByAccount.set(owner, (byId = new Map()));
      byId.set(activity.id, activity);
    }
  }
  const bundles: AccountBundle[] = [];
  for (const id of accountIds) {
    const account = accountById.get(id);
    if (!account) continue;
    const domain = parts.domainByAccount.get(id) ?? null;
    bundles.push({
      account,
      contacts: sortBy(contactsByAccount.get(id) ?? [], (c) => c.id),
      opportunities: sortBy(opportunitiesByAccount.get(id) ?? [], (o) => o.id),
      activities: sortBy([...(activitiesByAccount.get(id)?.values() ?? [])], (a) => `${a.occurredAt}\u0000${a.id}`),
      intent: domain === null ? [] : sortBy(intentByDomain.get(domain) ?? [], (i) => `${i.observedAt}\u0000${i.topic}\u0000${i.source}`),
    });
  }
  return bundles;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function sortBy<T>(items: T[], keyOf: (item: T) => string): T[] {
  return items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.item);
}
