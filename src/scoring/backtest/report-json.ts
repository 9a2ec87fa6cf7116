/** The object written to backtest.json: the report itself plus a schema tag, numbers rounded for reading and diffing. */
import type { IcpReport } from '../icp-report.js';
import type { BacktestReport } from './report-types.js';

export const BACKTEST_JSON_SCHEMA = 'scoresync.backtest/2';

export interface BacktestJson extends BacktestReport {
  schema: typeof BACKTEST_JSON_SCHEMA;
  icp: IcpReport | null;
}

export function backtestJson(report: BacktestReport, icp?: IcpReport): BacktestJson {
  return roundNumbers({ schema: BACKTEST_JSON_SCHEMA, ...report, icp: icp ?? null });
}

/** Six decimals is far below anything the metrics can resolve and keeps the file free of 0.30000000000000004. */
function roundNumbers<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e6) / 1e6 : v))) as T;
}
