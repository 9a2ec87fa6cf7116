/**
 * Activities of one generated account. The journey decides how many there are and when they happen: a baseline
 * spread over the history, a recent research phase, a surge in the last 2–3 weeks, a ramp of sales activity
 * before and during each opportunity. Each activity's type comes from its phase's mix.
 */
import type { Account, Activity, ActivityType, Opportunity } from '../../src/model/records.js';
import { activityDetail, ANONYMOUS_SHARE, EMAIL_WITHOUT_ACCOUNT_SHARE, PHASE_MIX, type Phase } from './activity-mix.js';
import type { GeneratedContact } from './contacts.js';
import { DAY_MS, isoAt } from './dates.js';
import { JOURNEY_VOLUME, type JourneyPlan } from './journey.js';
import type { DatagenOptions } from './options.js';
import type { Rng } from './random.js';

type Timing = 'history' | 'recent' | 'surge' | 'ramp' | 'open';

interface Slot {
  timing: Timing;
  phase: Phase;
  share: number;
}

const RECENT_DAYS = 60;
const RAMP_DAYS = 60;
/** Average of JOURNEY_VOLUME over generated accounts (measured), so activitiesPerContact holds on average. */
const VOLUME_NORMALIZER = 0.8;
const MAX_ACTIVITIES_PER_ACCOUNT = 99_999;

const BASE_SLOTS: Record<JourneyPlan['journey'], readonly Slot[]> = {
  untouched: [],
  aware: [
    { timing: 'history', phase: 'marketing', share: 0.75 },
    { timing: 'recent', phase: 'marketing', share: 0.25 },
  ],
  considering: [
    { timing: 'history', phase: 'marketing', share: 0.55 },
    { timing: 'recent', phase: 'research', share: 0.45 },
  ],
  deciding: [
    { timing: 'history', phase: 'marketing', share: 0.3 },
    { timing: 'recent', phase: 'research', share: 0.2 },
    { timing: 'surge', phase: 'buying', share: 0.5 },
  ],
  purchasing: [
    { timing: 'history', phase: 'marketing', share: 0.3 },
    { timing: 'recent', phase: 'research', share: 0.1 },
    { timing: 'open', phase: 'sales', share: 0.6 },
  ],
};

/** Adds a slot taking `share` of the total, scaling the others down so shares still sum to 1. */
function withSlot(slots: readonly Slot[], extra: Slot): Slot[] {
  return [...slots.map((s) => ({ ...s, share: s.share * (1 - extra.share) })), extra];
}

function slotsFor(plan: JourneyPlan, opportunities: readonly Opportunity[]): Slot[] {
  let slots = [...BASE_SLOTS[plan.journey]];
  if (slots.length === 0) return slots;
  if (plan.surging && plan.journey !== 'deciding') slots = withSlot(slots, { timing: 'surge', phase: 'buying', share: 0.35 });
  if (opportunities.length > 0) slots = withSlot(slots, { timing: 'ramp', phase: 'sales', share: 0.3 });
  return slots;
}

interface Clock {
  nowMs: number;
  historyStartMs: number;
}

function occurredAt(rng: Rng, timing: Timing, clock: Clock, plan: JourneyPlan, opportunities: readonly Opportunity[]): number {
  const { nowMs, historyStartMs } = clock;
  switch (timing) {
    case 'history':
      return rng.uniform(historyStartMs, nowMs);
    case 'recent':
      return rng.uniform(nowMs - RECENT_DAYS * DAY_MS, nowMs);
    case 'surge':
      return rng.uniform(nowMs - plan.surgeDays * DAY_MS, nowMs);
    case 'open': {
      const open = opportunities.filter((o) => !o.isClosed).map((o) => Date.parse(o.createdAt));
      return rng.uniform(open.length > 0 ? Math.max(...open) : nowMs - RECENT_DAYS * DAY_MS, nowMs);
    }
    case 'ramp': {
      const opportunity = rng.pick(opportunities);
      const createdMs = Date.parse(opportunity.createdAt);
      // Activity builds up towards the day the opportunity opens (sqrt skews towards it), then continues while it is worked.
      if (rng.chance(0.6)) return Math.max(historyStartMs, createdMs - RAMP_DAYS * DAY_MS * (1 - Math.sqrt(rng.next())));
      const endMs = Math.min(nowMs, opportunity.closeDate === null ? nowMs : Date.parse(opportunity.closeDate));
      return rng.uniform(createdMs, Math.max(createdMs, endMs));
    }
  }
}

function pickContact(
  rng: Rng,
  phase: Phase,
  contacts: readonly GeneratedContact[],
  byEngagement: readonly (readonly [GeneratedContact, number])[],
): GeneratedContact | null {
  if (contacts.length === 0) return null;
  // During a surge the whole buying committee shows up, not just the usual reader.
  if (phase === 'buying') return rng.pick(contacts);
  return rng.weighted(byEngagement);
}

export function activityId(accountIndex: number, ordinal: number): string {
  return `00T${String(accountIndex).padStart(8, '0')}${String(ordinal).padStart(5, '0')}`;
}

export function generateActivities(
  rng: Rng,
  account: Account,
  accountIndex: number,
  contacts: readonly GeneratedContact[],
  opportunities: readonly Opportunity[],
  plan: JourneyPlan,
  options: DatagenOptions,
): Activity[] {
  const slots = slotsFor(plan, opportunities);
  if (slots.length === 0) return [];
  const expected = (options.activitiesPerContact * contacts.length * JOURNEY_VOLUME[plan.journey]) / VOLUME_NORMALIZER;
  const count = Math.min(rng.poisson(expected), MAX_ACTIVITIES_PER_ACCOUNT);
  const clock: Clock = { nowMs: options.now.getTime(), historyStartMs: options.now.getTime() - options.historyMonths * 30 * DAY_MS };
  const slotWeights = slots.map((s) => [s, s.share] as const);
  const byEngagement = contacts.map((c) => [c, c.engagement] as const);
  const drafts: { atMs: number; type: ActivityType; contact: GeneratedContact | null }[] = [];
  for (let i = 0; i < count; i += 1) {
    const slot = rng.weighted(slotWeights);
    const type = rng.weighted(PHASE_MIX[slot.phase]);
    const anonymous = rng.chance(ANONYMOUS_SHARE[type] ?? 0);
    drafts.push({
      atMs: occurredAt(rng, slot.timing, clock, plan, opportunities),
      type,
      contact: anonymous ? null : pickContact(rng, slot.phase, contacts, byEngagement),
    });
  }
  drafts.sort((a, b) => a.atMs - b.atMs);
  return drafts.map((draft, i) => {
    const at = isoAt(draft.atMs);
    const emailOnly = draft.type.startsWith('email_') && draft.contact !== null && rng.chance(EMAIL_WITHOUT_ACCOUNT_SHARE);
    return {
      id: activityId(accountIndex, i + 1),
      source: options.source,
      type: draft.type,
      occurredAt: at,
      accountId: emailOnly ? null : account.id,
      contactId: draft.contact?.contact.id ?? null,
      leadId: null,
      detail: activityDetail(rng, draft.type),
      modifiedAt: at,
    };
  });
}
