/**
 * What the priority score looks at: the account's other scores and a few facts a rep would weigh. The same function
 * reads them from a live score and from a replayed past snapshot, so training and scoring cannot disagree.
 */
import { BUYING_STAGES, type BuyingStage } from '../../model/scores.js';

export interface PriorityInputs {
  fit: number;
  engagement: number;
  intent: number;
  stage: BuyingStage;
  engagedPersonas: number;
  /** null: no activity known. */
  daysSinceLastActivity: number | null;
  openOpportunity: boolean;
  customer: boolean;
}

export const PRIORITY_FEATURES = ['fit', 'engagement', 'intent', 'stage', 'engagedPersonas', 'recency', 'openOpportunity', 'customer'] as const;
export type PriorityFeature = (typeof PRIORITY_FEATURES)[number];

const NO_ACTIVITY_DAYS = 365;

/** Raw feature values, in PRIORITY_FEATURES order. */
export function featureVector(p: PriorityInputs): number[] {
  const days = Math.min(NO_ACTIVITY_DAYS, p.daysSinceLastActivity ?? NO_ACTIVITY_DAYS);
  return [
    p.fit,
    p.engagement,
    p.intent,
    BUYING_STAGES.indexOf(p.stage),
    Math.min(4, p.engagedPersonas),
    // Recent activity matters much more than old: days on a log scale (0 = today, ≈ 8.5 = a year or never).
    Math.log2(1 + days),
    p.openOpportunity ? 1 : 0,
    p.customer ? 1 : 0,
  ];
}

/** How a feature reads in the reasons, e.g. "engagement 45", "last activity 3 days ago". */
export function featureLabel(feature: PriorityFeature, p: PriorityInputs): string {
  switch (feature) {
    case 'fit':
      return `fit ${Math.round(p.fit)}`;
    case 'engagement':
      return `engagement ${Math.round(p.engagement)}`;
    case 'intent':
      return `intent ${Math.round(p.intent)}`;
    case 'stage':
      return `stage ${p.stage}`;
    case 'engagedPersonas':
      return `${p.engagedPersonas} engaged persona${p.engagedPersonas === 1 ? '' : 's'}`;
    case 'recency':
      return p.daysSinceLastActivity === null ? 'no activity on record' : `last activity ${p.daysSinceLastActivity} d ago`;
    case 'openOpportunity':
      return p.openOpportunity ? 'open opportunity' : 'no open opportunity';
    case 'customer':
      return p.customer ? 'already a customer' : 'not a customer yet';
  }
}
