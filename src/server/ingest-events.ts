/**
 * Stores validated first-party events as activities of the accounts and contacts they name, and marks those accounts
 * for the next run (rescore_marks): the run scores them like accounts whose CRM records changed. An event whose
 * domain or email matches nothing is reported back, not stored (it would belong to no account).
 */
import { createHash } from 'node:crypto';
import { normalizeDomain } from '../model/domain.js';
import type { Activity } from '../model/records.js';
import type { StateStore } from '../store/store.js';
import type { IncomingEvent } from './event-schema.js';

export interface IngestResult {
  /** Events stored (new, or changed since posted before). */
  stored: number;
  /** Events posted before with the same content: nothing to do. */
  unchanged: number;
  unmatched: { index: number; reason: string }[];
  /** Accounts marked for the next run. */
  markedAccounts: number;
}

/** The activity id: `event:` and the sender's id, or a hash of the event so a resend is recognised. */
function activityId(event: IncomingEvent): string {
  if (event.id !== undefined) return `event:${event.id}`;
  const key = JSON.stringify([event.type, event.occurredAt, event.domain ?? null, event.email?.toLowerCase() ?? null, event.detail ?? {}]);
  return `event:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

export async function ingestEvents(store: StateStore, source: string, events: IncomingEvent[], now: Date): Promise<IngestResult> {
  const domains = [...new Set(events.flatMap((e) => normalizeDomain(e.domain) ?? []))];
  const emails = [...new Set(events.flatMap((e) => (e.email ? [e.email.toLowerCase()] : [])))];
  const targets = await store.findEventTargets(source, domains, emails);
  const activities: Activity[] = [];
  const unmatched: IngestResult['unmatched'] = [];
  events.forEach((event, index) => {
    const contact = event.email ? targets.contactsByEmail.get(event.email.toLowerCase()) : undefined;
    const domain = normalizeDomain(event.domain);
    const accountId = contact?.accountId ?? (domain !== null ? targets.accountsByDomain.get(domain) : undefined) ?? null;
    if (contact === undefined && accountId === null) {
      const keys = [event.email ? `no contact with email ${event.email}` : null, event.domain ? `no account with domain ${domain ?? event.domain}` : null];
      unmatched.push({ index, reason: keys.filter(Boolean).join(' and ') });
      return;
    }
    const occurredAt = new Date(event.occurredAt).toISOString();
    // modifiedAt is the event's own time, so posting the same event again stores nothing new.
    activities.push({ id: activityId(event), source, type: event.type, occurredAt, accountId, contactId: contact?.contactId ?? null, leadId: null, detail: event.detail ?? {}, modifiedAt: occurredAt });
  });
  if (activities.length === 0) return { stored: 0, unchanged: 0, unmatched, markedAccounts: 0 };
  return store.transaction(async () => {
    const changed = await store.upsertRecords(source, 'activity', activities);
    const accounts = changed.length === 0 ? [] : await store.affectedAccountIds(source, 'activity', changed);
    await store.markForRescore(source, accounts, now.toISOString());
    return { stored: changed.length, unchanged: activities.length - changed.length, unmatched, markedAccounts: accounts.length };
  });
}
