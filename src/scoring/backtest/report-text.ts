/** The backtest as a terminal table (plain text, no colours). */
import { renderIcpText, type IcpReport } from '../icp-report.js';
import { formatAuc, formatCount, formatLift, formatPercent, isoDate, textTable } from './format.js';
import type { BacktestReport, OutcomeReport } from './report-types.js';

const OUTCOME_TITLES = { opened: 'Opened an opportunity', won: 'Won an opportunity' } as const;

export function renderBacktestText(report: BacktestReport, icp?: IcpReport): string {
  const { counts, model } = report;
  const lines = [
    `Backtest as of ${isoDate(report.asOf)}, horizon ${report.horizonDays} days (to ${isoDate(report.horizonEnd)})`,
    `Fit model in force: ${model.mode} (${model.version}): ${model.reason}`,
    `Accounts: ${formatCount(counts.accounts)} read, ${formatCount(counts.scored)} scored, ` +
      `${formatCount(counts.notYetExisting)} not yet existing; ${formatCount(counts.opened)} opened, ${formatCount(counts.won)} won in the horizon`,
  ];
  if (report.warnings.length > 0) lines.push('', 'Warnings:', ...report.warnings.map((w) => `  - ${w}`));
  for (const outcome of [report.outcomes.opened, report.outcomes.won]) lines.push('', ...outcomeLines(outcome));
  const text = lines.join('\n') + '\n';
  return icp ? `${text}\n${renderIcpText(icp)}` : text;
}

function outcomeLines(outcome: OutcomeReport): string[] {
  const title = OUTCOME_TITLES[outcome.outcome];
  const fractions = outcome.rankers[0]?.recall.map((r) => r.fraction) ?? [];
  const rankerRows = outcome.rankers.map((r) => [
    r.label,
    formatAuc(r.auc.value),
    ...r.recall.map((k) => `${formatPercent(k.recall)} (${formatLift(k.lift)})`),
  ]);
  const lines = [
    `${title}: ${formatCount(outcome.positives)} of ${formatCount(outcome.accounts)} accounts (${formatPercent(outcome.rate)})`,
    ...textTable(['Ranked by', 'AUC', ...fractions.map((f) => `Recall@top ${Math.round(f * 100)}% (lift)`)], rankerRows),
  ];
  for (const group of outcome.groups) {
    const rows = group.rows.map((row) => [row.group, formatCount(row.accounts), formatCount(row.positives), formatPercent(row.rate), formatLift(row.lift)]);
    lines.push('', ...textTable([group.label, 'Accounts', outcome.outcome === 'won' ? 'Won' : 'Opened', 'Rate', 'Lift'], rows));
  }
  return lines;
}
