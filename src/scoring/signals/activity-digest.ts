/**
 * One pass over an account's activities that gathers everything the scores need: decayed engagement points per
 * contact and per label, counter values, first-party surge counts, third-party topics, hand-raisers and negative
 * signals. Linear in the number of activities; typed arrays instead of per-activity objects.
 */
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { Activity } from '../../model/records.js';
import type { CompiledConfig } from '../compile.js';
import { DAY_MS, decayFactor } from '../time.js';

export interface TopicObservation {
  topic: string;
  score: number;
  ms: number;
}

export interface ActivityDigest {
  slots: number;
  /** Decayed points per person (index = contact position in the bundle; matched leads follow the contacts). */
  contactRaw: Float64Array;
  /** Decayed points per contact × slot, and how many activities made them. */
  contactSlotPoints: Float64Array;
  contactSlotCounts: Int32Array;
  /** Activities on the account itself (or on contacts not in the bundle), per slot. */
  accountSlotPoints: Float64Array;
  accountSlotCounts: Int32Array;
  counters: Int32Array;
  firstPartyRecent: number;
  firstPartyBaseline: number;
  topics: TopicObservation[];
  lastActivityMs: number;
  handRaiser: Uint8Array;
  negative: Uint8Array;
}

/**
 * Activities dated after `now` are ignored: scoring as of a past date (backtest) must not see the future.
 * `olderActivityAt` is the latest activity the store left out as older than every window (see activity-lookback.ts).
 * People are the contacts (`contactIndex`) and, when given, the leads (`leadIndex`, positions after the contacts);
 * `contactCount` is how many people there are in all. An activity counts for its contact, else for its lead.
 */
export function digestActivities(
  activities: readonly Activity[],
  contactIndex: ReadonlyMap<string, number>,
  contactCount: number,
  compiled: CompiledConfig,
  config: ScoringConfig,
  nowMs: number,
  olderActivityAt: string | null = null,
  leadIndex?: ReadonlyMap<string, number>,
): ActivityDigest {
  const slots = compiled.slotLabels.length;
  const olderMs = olderActivityAt === null ? NaN : Date.parse(olderActivityAt);
  const digest: ActivityDigest = {
    slots,
    contactRaw: new Float64Array(contactCount),
    contactSlotPoints: new Float64Array(contactCount * slots),
    contactSlotCounts: new Int32Array(contactCount * slots),
    accountSlotPoints: new Float64Array(slots),
    accountSlotCounts: new Int32Array(slots),
    counters: new Int32Array(compiled.counters.length),
    firstPartyRecent: 0,
    firstPartyBaseline: 0,
    topics: [],
    lastActivityMs: olderMs <= nowMs ? olderMs : NaN,
    handRaiser: new Uint8Array(contactCount),
    negative: new Uint8Array(contactCount),
  };
  const { halfLifeDays, windowDays } = config.engagement;
  const fp = config.intent.firstParty;
  const lifecycle = config.lifecycle;
  for (const activity of activities) {
    const ms = Date.parse(activity.occurredAt);
    if (Number.isNaN(ms) || ms > nowMs) continue;
    const ageDays = (nowMs - ms) / DAY_MS;
    if (!(ms <= digest.lastActivityMs)) digest.lastActivityMs = ms;
    const type = activity.type;
    const url = activity.detail.url;
    let contact = activity.contactId === null ? undefined : contactIndex.get(activity.contactId);
    if (contact === undefined && leadIndex !== undefined && activity.leadId) contact = leadIndex.get(activity.leadId);

    if (ageDays <= windowDays) {
      let slot = compiled.typeIndex.get(type) ?? compiled.typeIndex.get('other') ?? 0;
      if (url) {
        for (const rule of compiled.urlRules) {
          if (rule.pattern.test(url)) {
            slot = rule.slot;
            break;
          }
        }
      }
      const points = (compiled.slotWeights[slot] ?? 0) * decayFactor(ageDays, halfLifeDays);
      if (contact === undefined) {
        digest.accountSlotPoints[slot] = (digest.accountSlotPoints[slot] ?? 0) + points;
        digest.accountSlotCounts[slot] = (digest.accountSlotCounts[slot] ?? 0) + 1;
      } else {
        const cell = contact * slots + slot;
        digest.contactSlotPoints[cell] = (digest.contactSlotPoints[cell] ?? 0) + points;
        digest.contactSlotCounts[cell] = (digest.contactSlotCounts[cell] ?? 0) + 1;
        digest.contactRaw[contact] = (digest.contactRaw[contact] ?? 0) + points;
      }
    }
    for (let i = 0; i < compiled.counters.length; i++) {
      const counter = compiled.counters[i];
      if (counter && ageDays <= counter.windowDays && (counter.types.has(type) || (url !== undefined && counter.url !== null && counter.url.test(url)))) {
        digest.counters[i] = (digest.counters[i] ?? 0) + 1;
      }
    }
    if (compiled.firstPartyTypes.has(type)) {
      if (ageDays <= fp.recentDays) digest.firstPartyRecent++;
      else if (ageDays <= fp.recentDays + fp.baselineDays) digest.firstPartyBaseline++;
    }
    if (type === 'intent_topic' && activity.detail.topic && activity.detail.score !== undefined) {
      digest.topics.push({ topic: activity.detail.topic, score: activity.detail.score, ms });
    }
    if (lifecycle.enabled && contact !== undefined) {
      const handRaised = compiled.handRaiserTypes.has(type) || (type === 'form_submit' && url !== undefined && compiled.handRaiserForm?.test(url) === true);
      if (handRaised && ageDays <= lifecycle.handRaisers.windowDays) digest.handRaiser[contact] = 1;
      if (compiled.negativeTypes.has(type) && ageDays <= lifecycle.negative.windowDays) digest.negative[contact] = 1;
    }
  }
  return digest;
}
