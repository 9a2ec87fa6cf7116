/**
 * Where each generated account is in its buying journey "now". It decides how much activity the account has,
 * when it happens and what kind it is, so every buying stage shows up in the data: untouched targets, aware,
 * considering, deciding (a recent surge of pricing visits and demo requests across several people) and
 * purchasing (an open opportunity in a late stage).
 */
import type { Opportunity } from '../../src/model/records.js';
import { LATE_OPEN_STAGES } from './opportunities.js';
import type { Rng } from './random.js';

export const JOURNEYS = ['untouched', 'aware', 'considering', 'deciding', 'purchasing'] as const;
export type Journey = (typeof JOURNEYS)[number];

export interface JourneyPlan {
  journey: Journey;
  /** True when the account's last 2–3 weeks hold far more activity than its own baseline. */
  surging: boolean;
  /** Length of the surge window in days (14–21) when surging. */
  surgeDays: number;
}

/** Activity volume relative to the average account (untouched accounts have none). */
export const JOURNEY_VOLUME: Record<Journey, number> = {
  untouched: 0,
  aware: 0.45,
  considering: 1.1,
  deciding: 2.2,
  purchasing: 2.6,
};

/** Better-fitting accounts are further along more often, which is part of the signal the scores should find. */
export function planJourney(rng: Rng, fit: number, opportunities: readonly Opportunity[]): JourneyPlan {
  const lateOpen = opportunities.some((o) => !o.isClosed && o.stage !== null && LATE_OPEN_STAGES.has(o.stage));
  const journey: Journey = lateOpen
    ? 'purchasing'
    : rng.weighted<Journey>([
        // An account that once had an opportunity has been touched, whatever it does now.
        ['untouched', opportunities.length > 0 ? 0 : 30 * (1 - fit) + 4],
        ['aware', 30],
        ['considering', 16 + 20 * fit],
        ['deciding', 3 + 14 * fit],
      ]);
  const surgeChance: Record<Journey, number> = { untouched: 0, aware: 0.04, considering: 0.25, deciding: 1, purchasing: 0.5 };
  return { journey, surging: rng.chance(surgeChance[journey]), surgeDays: rng.int(14, 21) };
}
