import type { BuyingStage, FitBucket, Tier } from '../../model/scores.js';
import type { ScoreValues } from '../store.js';

/** The score values distributions count, as both back ends select them from the latest score's JSON body. */
export interface ScoreValuesRow {
  fit_score: number | string | null;
  fit_bucket: string | null;
  engagement_score: number | string | null;
  intent_score: number | string | null;
  /** SQLite: 0/1; Postgres: 'true'/'false' text. */
  in_market: number | string | boolean | null;
  stage: string | null;
  tier: string | null;
  qualified: number | string | boolean | null;
}

const truthy = (v: ScoreValuesRow['in_market']): boolean => v === true || v === 1 || v === 'true';

export function toScoreValues(row: ScoreValuesRow): ScoreValues {
  return {
    fitScore: Number(row.fit_score ?? 0),
    fitBucket: (row.fit_bucket ?? '') as FitBucket,
    engagementScore: Number(row.engagement_score ?? 0),
    intentScore: Number(row.intent_score ?? 0),
    inMarket: truthy(row.in_market),
    stage: (row.stage ?? '') as BuyingStage,
    tier: (row.tier ?? '') as Tier,
    qualified: truthy(row.qualified),
  };
}
