/**
 * Third-party (Bombora-style) topic intent for a share of generated domains: weekly composite scores 0–100 per
 * topic over the last few weeks. Accounts further along their journey research more topics and score higher,
 * so some rows cross the usual "surging" line of 60.
 */
import type { Account, IntentSignal } from '../../src/model/records.js';
import { INTENT_TOPICS } from './activity-mix.js';
import { DAY_MS, isoAt, startOfDay } from './dates.js';
import type { Journey, JourneyPlan } from './journey.js';
import type { DatagenOptions } from './options.js';
import type { Rng } from './random.js';

const COVERAGE: Record<Journey, number> = { untouched: 0.05, aware: 0.07, considering: 0.17, deciding: 0.5, purchasing: 0.35 };
const SCORE_RANGE: Record<Journey, readonly [number, number]> = {
  untouched: [10, 62],
  aware: [10, 65],
  considering: [25, 75],
  deciding: [50, 98],
  purchasing: [45, 92],
};

export function generateIntent(rng: Rng, account: Account, plan: JourneyPlan, options: DatagenOptions): IntentSignal[] {
  if (account.domain === null || !rng.chance(COVERAGE[plan.journey])) return [];
  const [low, high] = SCORE_RANGE[plan.journey];
  // Intent providers publish weekly; the newest file is from the start of this week.
  const latestWeekMs = startOfDay(options.now.getTime()) - (new Date(options.now).getUTCDay() * DAY_MS);
  const out: IntentSignal[] = [];
  for (const topic of rng.sample(INTENT_TOPICS, rng.int(1, 3))) {
    const weeks = rng.int(1, 4);
    const peak = rng.int(low, high);
    for (let week = 0; week < weeks; week += 1) {
      // Older weeks score lower: interest that is building, which is what "surging" means.
      const score = Math.max(0, Math.min(100, Math.round(peak - week * rng.uniform(3, 12))));
      out.push({ domain: account.domain, topic, score, observedAt: isoAt(latestWeekMs - week * 7 * DAY_MS), source: options.source });
    }
  }
  return out;
}
