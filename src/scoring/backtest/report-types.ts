/** The backtest's result: plain data, serialisable as is, read by the text, JSON and HTML renderers. */
import type { Estimate } from '../stats/bootstrap.js';
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
  /** Which fit model ranks this outcome better, and how sure that is. */
  verdict: Verdict;
}

export interface Verdict {
  /** One line, e.g. "rules ranks better than learned (−0.09 [−0.15–−0.03]): use rules". */
  text: string;
  /** The fit mode the evidence supports (rules when it cannot tell: learned has to earn its place). */
  use: 'learned' | 'rules';
  /** false: too few outcomes or no learned model to compare. */
  decided: boolean;
  /** learned AUC − rules AUC with its interval; null when there is nothing to compare. */
  difference: Estimate | null;
}

export interface CalibrationRow {
  /** Predicted probability range of the bin, e.g. [0.05, 0.1). */
  from: number;
  to: number;
  accounts: number;
  /** Mean predicted probability in the bin. */
  predicted: number;
  /** Share of the bin's accounts with the outcome. */
  observed: number;
}

export interface PriorityReport {
  mode: 'learned' | 'rule';
  reason: string;
  outcome: OutcomeName;
  horizonDays: number;
  accounts: number;
  positives: number;
  /** Held-out AUC of the priority score and of each score alone, on the priority's own outcome and horizon. */
  auc: { priority: Estimate; fit: Estimate; engagement: Estimate; intent: Estimate };
  /** Reliability of the probabilities (learned mode only). */
  calibration: { rows: CalibrationRow[]; brier: number; expectedCalibrationError: number } | null;
  verdict: string;
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
  /** The priority score on held-out outcomes after the as-of date, with its calibration. */
  priority: PriorityReport;
  /** Bootstrap settings of every interval in the report. */
  intervals: { confidence: number; samples: number; seed: number };
  /** The fit model a run would put in force today (trained on everything), to compare with the verdicts. */
  today: FitModelInfo | null;
  warnings: string[];
}
