/** What the backtest keeps per account between scoring and reporting. */

/** One account's scores and outcomes: all the backtest keeps after scoring it. */
export interface Tuple {
  fit: number;
  otherFits: number[];
  engagement: number;
  intent: number;
  priority: number;
  priorityProbability: number | null;
  employees: number;
  fitBucket: string;
  otherBuckets: string[];
  tier: string;
  stage: string;
  opened: boolean;
  won: boolean;
  /** The priority score's own outcome in its own horizon. */
  priorityOutcome: boolean;
}
