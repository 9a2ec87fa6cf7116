/**
 * Intent: first-party surge (recent daily rate vs the account's own baseline rate, with a minimum volume) plus
 * third-party topic intent (latest score per topic of interest, surging at the threshold). Points add up to the score.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { IntentSignal } from '../model/records.js';
import type { Contributor, IntentResult } from '../model/scores.js';
import type { CompiledConfig } from './compile.js';
import { contributor, scoreOf } from './contributors.js';
import type { ActivityDigest, TopicObservation } from './signals/activity-digest.js';
import { DAY_MS } from './time.js';

export interface FirstPartySurge {
  ratio: number;
  surging: boolean;
  points: number;
}

/** The baseline counts at least one activity so a brand-new account's first visits give a finite ratio. */
export function firstPartySurge(recent: number, baseline: number, config: ScoringConfig): FirstPartySurge {
  const fp = config.intent.firstParty;
  const ratio = recent / fp.recentDays / (Math.max(baseline, 1) / fp.baselineDays);
  const surging = recent >= fp.minRecentCount && ratio >= fp.minRatio;
  return { ratio, surging, points: surging ? Math.min(fp.maxPoints, ratio * fp.pointsPerRatio) : 0 };
}

/** Latest observation per topic of interest within maxAgeDays; future-dated signals are ignored. */
function latestTopics(intent: readonly IntentSignal[], fromActivities: readonly TopicObservation[], compiled: CompiledConfig, config: ScoringConfig, nowMs: number): Map<string, TopicObservation> {
  const oldest = nowMs - config.intent.thirdParty.maxAgeDays * DAY_MS;
  const latest = new Map<string, TopicObservation>();
  const consider = (topic: string, score: number, ms: number): void => {
    if (Number.isNaN(ms) || ms > nowMs || ms < oldest) return;
    const key = topic.trim().toLowerCase();
    if (compiled.topicsOfInterest.size > 0 && !compiled.topicsOfInterest.has(key)) return;
    const seen = latest.get(key);
    if (!seen || ms > seen.ms || (ms === seen.ms && score > seen.score)) latest.set(key, { topic: topic.trim(), score, ms });
  };
  for (const s of intent) consider(s.topic, s.score, Date.parse(s.observedAt));
  for (const o of fromActivities) consider(o.topic, o.score, o.ms);
  return latest;
}

export function scoreIntent(intent: readonly IntentSignal[], digest: ActivityDigest, compiled: CompiledConfig, config: ScoringConfig, nowMs: number): IntentResult & { surgeRatio: number } {
  const contributors: Contributor[] = [];
  const surge = firstPartySurge(digest.firstPartyRecent, digest.firstPartyBaseline, config);
  const fp = config.intent.firstParty;
  if (surge.surging) {
    contributors.push(contributor(`web activity ${+surge.ratio.toFixed(1)}× baseline (${digest.firstPartyRecent} in ${fp.recentDays} days)`, surge.points));
  }
  const tp = config.intent.thirdParty;
  const surgingTopics: string[] = [];
  const topics = [...latestTopics(intent, digest.topics, compiled, config, nowMs).values()].sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic));
  for (const t of topics) {
    if (t.score < tp.surgeThreshold) continue;
    surgingTopics.push(t.topic);
    contributors.push(contributor(`topic "${t.topic}" at ${Math.round(t.score)}`, t.score * tp.pointsPerScore));
  }
  const score = scoreOf(contributors);
  return { score, inMarket: score >= config.intent.inMarketMinScore, surgingTopics, contributors, surgeRatio: surge.ratio };
}
