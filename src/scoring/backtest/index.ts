/** Backtest: score accounts as of a past date and measure what happened next (see docs/backtest.md). */
export { bundleAsOf, outcomesAfter, type Outcomes } from './as-of.js';
export { auc, groupLift, recallAt, gainCurve, topCount, RankedOutcomes, type AucResult, type GroupRow, type RecallAtK, type GainPoint } from './metrics.js';
export { runBacktest, combinedRank, BacktestError, RECALL_FRACTIONS, bundlesAsOf, trainTodayModel, type BacktestOptions } from './run-backtest.js';
export { calibrationTable } from './calibration.js';
export { withFitMode } from './fit-variants.js';
export type { BacktestReport, OutcomeReport, RankerResult, GroupTable, FitModelInfo, OutcomeName, Verdict, PriorityReport, CalibrationRow } from './report-types.js';
export { renderBacktestText } from './report-text.js';
export { backtestJson, BACKTEST_JSON_SCHEMA, type BacktestJson } from './report-json.js';
export { renderBacktestHtml } from './report-html.js';
