/** Lead matches and lead bundles: the parts both back ends share. */
import type { Activity, Lead, LeadBundle } from '../../model/records.js';
import type { LeadMatchChange, LeadMatchRecord, LeadMatchStatus } from '../store.js';

export interface LeadMatchDbRow {
  lead_id: string;
  status: string;
  account_id: string | null;
  reason: string | null;
}

export function toLeadMatch(row: LeadMatchDbRow, keys: string[]): LeadMatchRecord {
  return { leadId: row.lead_id, status: row.status as LeadMatchStatus, accountId: row.account_id, reason: row.reason, keys };
}

/** The leads whose account or status differ from what was stored before (a lead new to the store counts as changed). */
export function matchChanges(previous: ReadonlyMap<string, Pick<LeadMatchRecord, 'status' | 'accountId'>>, next: readonly LeadMatchRecord[]): LeadMatchChange[] {
  const changes: LeadMatchChange[] = [];
  for (const match of next) {
    const before = previous.get(match.leadId);
    if (before && before.accountId === match.accountId && before.status === match.status) continue;
    changes.push({ leadId: match.leadId, from: before?.accountId ?? null, to: match.accountId, status: match.status });
  }
  return changes;
}

/** One record per lead id, the last one winning (a batch that matches a lead twice keeps the newer decision). */
export function lastMatchPerLead(matches: readonly LeadMatchRecord[]): LeadMatchRecord[] {
  return [...new Map(matches.map((m) => [m.leadId, m])).values()];
}

/** Lead bundles in the order of `leadIds` (unknown ids skipped), each with its activities oldest first. */
export function assembleLeadBundles(
  leadIds: readonly string[],
  leads: readonly Lead[],
  activities: readonly Activity[],
  olderByLead: ReadonlyMap<string, string> | undefined,
): LeadBundle[] {
  const byId = new Map(leads.map((l) => [l.id, l]));
  const activitiesByLead = new Map<string, Activity[]>();
  for (const activity of activities) {
    const leadId = activity.leadId ?? null;
    if (leadId === null) continue;
    const list = activitiesByLead.get(leadId);
    if (list) list.push(activity);
    else activitiesByLead.set(leadId, [activity]);
  }
  const bundles: LeadBundle[] = [];
  for (const id of leadIds) {
    const lead = byId.get(id);
    if (!lead) continue;
    const own = [...(activitiesByLead.get(id) ?? [])].sort((a, b) => compare(a.occurredAt, b.occurredAt) || compare(a.id, b.id));
    const bundle: LeadBundle = { lead, activities: own };
    if (olderByLead) bundle.olderActivityAt = olderByLead.get(id) ?? null;
    bundles.push(bundle);
  }
  return bundles;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The matches that differ from the stored ones in anything (account, status, reason or keys): only those are written.
 * The daily full rescore re-matches every lead, and almost none of them change.
 */
export function matchesToWrite(previous: ReadonlyMap<string, LeadMatchRecord>, next: readonly LeadMatchRecord[]): LeadMatchRecord[] {
  return next.filter((m) => {
    const before = previous.get(m.leadId);
    return !before || before.status !== m.status || before.accountId !== m.accountId || before.reason !== m.reason || !sameKeys(before.keys, m.keys);
  });
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort();
  return [...a].sort().every((key, i) => key === sortedB[i]);
}
