/** The history point of a score, and the row columns both back ends store it in. */
import type { AccountScore, AccountScorePoint } from '../../model/scores.js';

export function toScorePoint(score: AccountScore, runId: string): AccountScorePoint {
  return {
    scoredAt: score.scoredAt,
    runId,
    fitScore: score.fit.score,
    fitBucket: score.fit.bucket,
    engagementScore: score.engagement.score,
    intentScore: score.intent.score,
    inMarket: score.intent.inMarket,
    stage: score.stage.stage,
    tier: score.tier.tier,
    qualified: score.qualified.qualified,
    modelVersion: score.modelVersion,
  };
}

/** A history row as both back ends return it (booleans as 0/1 or true/false, numbers maybe as text). */
export interface ScorePointRow {
  scored_at: string;
  run_id: string;
  fit_score: number | string;
  fit_bucket: string;
  engagement_score: number | string;
  intent_score: number | string;
  in_market: number | boolean;
  stage: string;
  tier: string;
  qualified: number | boolean;
  model_version: string;
}

export const SCORE_POINT_COLUMNS =
  'scored_at, run_id, fit_score, fit_bucket, engagement_score, intent_score, in_market, stage, tier, qualified, model_version';

export function fromScorePointRow(row: ScorePointRow): AccountScorePoint {
  return {
    scoredAt: row.scored_at,
    runId: row.run_id,
    fitScore: Number(row.fit_score),
    fitBucket: row.fit_bucket as AccountScorePoint['fitBucket'],
    engagementScore: Number(row.engagement_score),
    intentScore: Number(row.intent_score),
    inMarket: Boolean(row.in_market),
    stage: row.stage as AccountScorePoint['stage'],
    tier: row.tier as AccountScorePoint['tier'],
    qualified: Boolean(row.qualified),
    modelVersion: row.model_version,
  };
}
