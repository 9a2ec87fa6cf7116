/**
 * How far back the scores look at activities. Every activity-based signal has a window (engagement, first-party
 * surge baseline, counters, third-party topics, lifecycle hand-raisers and negatives); an activity older than the
 * longest of them changes no score, only "days since the last activity", which the store reports separately
 * (`AccountBundle.olderActivityAt`). Loading only this window keeps a scoring pass proportional to recent activity,
 * not to years of history.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import { DAY_MS } from './time.js';

/** Dates are compared as ISO text in the store: a day of margin covers differently written instants of one moment. */
const MARGIN_DAYS = 1;

export function activityLookbackDays(config: ScoringConfig): number {
  const fp = config.intent.firstParty;
  const windows = [
    config.engagement.windowDays,
    fp.recentDays + fp.baselineDays,
    config.intent.thirdParty.maxAgeDays,
    ...Object.values(config.signals.counters).map((c) => c.windowDays),
  ];
  if (config.lifecycle.enabled) windows.push(config.lifecycle.handRaisers.windowDays, config.lifecycle.negative.windowDays);
  return Math.max(...windows) + MARGIN_DAYS;
}

/** The earliest activity date scoring as of `now` can use, as the ISO text the store filters on. */
export function activitiesSince(config: ScoringConfig, now: Date): string {
  return new Date(now.getTime() - activityLookbackDays(config) * DAY_MS).toISOString();
}
