/** The backtest's result: plain data, serialisable as is, read by the text, JSON and HTML renderers. */
import type { AucResult, GainPoint, GroupRow, RecallAtK } from './metrics.js';

export type OutcomeName = 'opened' | 'won';

/** One way of ranking accounts (fit in force, fit in another mode, engagement, intent, combined, baseline). */
export interface RankerResult {
  key: string;
  label: string;
  auc: AucResult;
  recall: RecallAtK[];
  gain: GainPoint[];
}

export interface GroupTable {
  key: string;
  label: string;
  rows: GroupRow[];
}

export interface OutcomeReport {
  outcome: OutcomeName;
  /** Accounts with the outcome in the horizon. */
  positives: number;
  accounts: number;
  rate: number;
  rankers: RankerResult[];
  groups: GroupTable[];
}

export interface FitModelInfo {
  key: string;
  mode: 'rules' | 'learned';
  version: string;
  reason: string;
}

export interface BacktestReport {
  asOf: string;
  horizonDays: number;
  horizonEnd: string;
  generatedAt: string;
  counts: {
    /** Bundles read. */
    accounts: number;
    /** Accounts that existed before the as-of date and were scored. */
    scored: number;
    /** Accounts with no evidence of existing before the as-of date, left out. */
    notYetExisting: number;
    opened: number;
    won: number;
  };
  /** The fit model the configuration puts in force as of the as-of date. */
  model: FitModelInfo;
  /** Every fit model compared (the one in force first). */
  fitModels: FitModelInfo[];
  outcomes: Record<OutcomeName, OutcomeReport>;
  warnings: string[];
}
