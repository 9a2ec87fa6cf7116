/**
 * "What did we know on the as-of date?" Truncates an account bundle so that scoring it cannot see the future, and
 * reads the outcome (opened / won an opportunity) from the window after that date.
 *
 * The CRM gives current records, not their history, so some of today's values stand in for the past:
 * firmographics (industry, employees, technologies …) and contacts are taken as they are now. Values that would
 * give the outcome away are removed instead: our own output fields (crmValues), the manual tier override, an
 * opportunity's later stage / win / close date, and a customer flag earned by a win after the as-of date.
 */
import type { Account, AccountBundle, Contact, Lead, Opportunity } from '../../model/records.js';
import { DAY_MS } from '../time.js';


/** Feature names a mapping may use for the account's creation date (compared case-insensitively). */
const CREATED_FEATURE_NAMES = new Set(['createdat', 'created_at', 'createddate', 'created_date', 'createdate', 'created']);

export interface Outcomes {
  /** An opportunity was created in [asOf, asOf + horizon). */
  opened: boolean;
  /** An opportunity was closed won in [asOf, asOf + horizon). */
  won: boolean;
}

/** The bundle as it was known just before `asOf`, or null when the account did not exist yet. */
export function bundleAsOf(bundle: AccountBundle, asOf: Date): AccountBundle | null {
  const cutoff = asOf.getTime();
  if (!existedBefore(bundle, cutoff)) return null;
  const opportunities = bundle.opportunities
    .filter((o) => before(o.createdAt, cutoff))
    .map((o) => opportunityAsOf(o, cutoff));
  return {
    account: accountAsOf(bundle.account, bundle.opportunities, cutoff),
    contacts: bundle.contacts.map(contactAsOf),
    leads: bundle.leads.map(leadAsOf),
    ...(bundle.leadMatchReasons ? { leadMatchReasons: bundle.leadMatchReasons } : {}),
    opportunities,
    activities: bundle.activities.filter((a) => before(a.occurredAt, cutoff)),
    intent: bundle.intent.filter((s) => before(s.observedAt, cutoff)),
    // The latest activity the store left out (older than the loaded window) was known then too, when it is earlier.
    ...(bundle.olderActivityAt && before(bundle.olderActivityAt, cutoff) ? { olderActivityAt: bundle.olderActivityAt } : {}),
  };
}

/** Did the account open / win an opportunity in the `horizonDays` days starting at `asOf`? */
export function outcomesAfter(bundle: AccountBundle, asOf: Date, horizonDays: number): Outcomes {
  const start = asOf.getTime();
  const end = start + horizonDays * DAY_MS;
  const inWindow = (iso: string | null): boolean => {
    const t = parseTime(iso);
    return t !== null && t >= start && t < end;
  };
  return {
    opened: bundle.opportunities.some((o) => inWindow(o.createdAt)),
    won: bundle.opportunities.some((o) => o.isClosed && o.isWon && inWindow(o.closeDate)),
  };
}

/**
 * Existence test, best evidence first: a mapped creation-date feature decides on its own. Without one, any record
 * dated before the cut-off (an activity, an opportunity, intent, or the account's last-modified stamp) proves the
 * account existed. An account whose every date is later is treated as not existing yet: it may have existed
 * quietly, which the report shows as a count of accounts left out.
 */
function existedBefore(bundle: AccountBundle, cutoff: number): boolean {
  const created = createdFeature(bundle.account);
  if (created !== null) return created < cutoff;
  return (
    before(bundle.account.modifiedAt, cutoff) ||
    bundle.activities.some((a) => before(a.occurredAt, cutoff)) ||
    bundle.opportunities.some((o) => before(o.createdAt, cutoff)) ||
    bundle.intent.some((s) => before(s.observedAt, cutoff))
  );
}

function createdFeature(account: Account): number | null {
  for (const [name, value] of Object.entries(account.features)) {
    if (!CREATED_FEATURE_NAMES.has(name.toLowerCase())) continue;
    if (typeof value === 'string') return parseTime(value);
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return null;
}

function accountAsOf(account: Account, opportunities: readonly Opportunity[], cutoff: number): Account {
  const wonBefore = opportunities.some((o) => o.isClosed && o.isWon && before(o.closeDate, cutoff));
  const wonLater = opportunities.some((o) => o.isClosed && o.isWon && !before(o.closeDate, cutoff));
  // A customer whose only wins came later became a customer inside the horizon: keeping the flag would leak the outcome.
  const isCustomer = account.isCustomer && (wonBefore || !wonLater);
  return { ...account, isCustomer, tierOverride: null, crmValues: {} };
}

function contactAsOf(contact: Contact): Contact {
  return { ...contact, crmValues: {} };
}

/** Leads are taken as they are now (like contacts), without our own output values. */
function leadAsOf(lead: Lead): Lead {
  return { ...lead, crmValues: {} };
}

function opportunityAsOf(opportunity: Opportunity, cutoff: number): Opportunity {
  if (opportunity.isClosed && before(opportunity.closeDate, cutoff)) return opportunity;
  // Still open on the as-of date: today's stage name and close date ("Closed Won", the real close) would leak.
  return { ...opportunity, isClosed: false, isWon: false, stage: null, closeDate: null };
}

function before(iso: string | null, cutoff: number): boolean {
  const t = parseTime(iso);
  return t !== null && t < cutoff;
}

/** Milliseconds since the epoch, or null for a missing or unparsable date (which can never prove "before"). */
function parseTime(iso: string | null): number | null {
  if (iso === null || iso === '') return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}
