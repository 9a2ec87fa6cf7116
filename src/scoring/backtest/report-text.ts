/** The backtest as a terminal table (plain text, no colours). */
import { renderIcpText, type IcpReport } from '../icp-report.js';
import type { Estimate } from '../stats/bootstrap.js';
import { formatAuc, formatCount, formatInterval, formatLift, formatPercent, isoDate, textTable } from './format.js';
import type { BacktestReport, OutcomeReport, PriorityReport } from './report-types.js';

const OUTCOME_TITLES = { opened: 'Opened an opportunity', won: 'Won an opportunity' } as const;

export function renderBacktestText(report: BacktestReport, icp?: IcpReport): string {
  const { counts, model } = report;
  const lines = [
    `Backtest as of ${isoDate(report.asOf)}, horizon ${report.horizonDays} days (to ${isoDate(report.horizonEnd)})`,
    `Fit model in force as of ${isoDate(report.asOf)}: ${model.mode} (${model.version}) — ${model.reason}`,
  ];
  if (report.today) lines.push(`Fit model a run puts in force today: ${report.today.mode} (${report.today.version}) — ${report.today.reason}`);
  lines.push(
    `Accounts: ${formatCount(counts.accounts)} read, ${formatCount(counts.scored)} scored, ` +
      `${formatCount(counts.notYetExisting)} not yet existing; ${formatCount(counts.opened)} opened, ${formatCount(counts.won)} won in the horizon`,
    `Intervals: ${Math.round(report.intervals.confidence * 100)}% bootstrap, ${report.intervals.samples} resamples, seed ${report.intervals.seed}`,
  );
  if (report.warnings.length > 0) lines.push('', 'Warnings:', ...report.warnings.map((w) => `  - ${w}`));
  lines.push('', 'Verdicts:', ...(['opened', 'won'] as const).map((o) => `  ${o}: ${report.outcomes[o].verdict.text}`), `  priority: ${report.priority.verdict}`);
  for (const outcome of [report.outcomes.opened, report.outcomes.won]) lines.push('', ...outcomeLines(outcome));
  lines.push('', ...priorityLines(report.priority));
  const text = lines.join('\n') + '\n';
  return icp ? `${text}\n${renderIcpText(icp)}` : text;
}

function interval(low: number | null | undefined, high: number | null | undefined, format: (n: number) => string): string {
  const text = formatInterval(low, high, format);
  return text === '' ? '' : ` ${text}`;
}

export function formatEstimate(e: Estimate): string {
  return formatAuc(e.value) + (e.value === null ? '' : interval(e.low, e.high, (n) => n.toFixed(3)));
}

function outcomeLines(outcome: OutcomeReport): string[] {
  const title = OUTCOME_TITLES[outcome.outcome];
  const fractions = outcome.rankers[0]?.recall.map((r) => r.fraction) ?? [];
  const rankerRows = outcome.rankers.map((r) => [
    r.label,
    formatAuc(r.auc.value) + interval(r.auc.low, r.auc.high, (n) => n.toFixed(3)),
    ...r.recall.map((k) => `${formatPercent(k.recall)}${interval(k.low, k.high, (n) => formatPercent(n, 0))} (${formatLift(k.lift)})`),
  ]);
  const lines = [
    `${title}: ${formatCount(outcome.positives)} of ${formatCount(outcome.accounts)} accounts (${formatPercent(outcome.rate)})`,
    `Verdict: ${outcome.verdict.text}`,
    ...textTable(['Ranked by', 'AUC [interval]', ...fractions.map((f) => `Recall@top ${Math.round(f * 100)}% [interval] (lift)`)], rankerRows),
  ];
  for (const group of outcome.groups) {
    const rows = group.rows.map((row) => [
      row.group,
      formatCount(row.accounts),
      formatCount(row.positives),
      formatPercent(row.rate),
      formatLift(row.lift) + interval(row.liftLow, row.liftHigh, (n) => n.toFixed(2)),
    ]);
    lines.push('', ...textTable([group.label, 'Accounts', outcome.outcome === 'won' ? 'Won' : 'Opened', 'Rate', 'Lift [interval]'], rows));
  }
  return lines;
}

function priorityLines(p: PriorityReport): string[] {
  const lines = [
    `Priority score (${p.mode}): ${p.reason}`,
    `Held out: ${formatCount(p.positives)} of ${formatCount(p.accounts)} accounts ${p.outcome} an opportunity within ${p.horizonDays} days of the as-of date`,
    ...textTable(
      ['Ranked by', 'AUC [interval]'],
      (['priority', 'fit', 'engagement', 'intent'] as const).map((k) => [k === 'priority' ? 'Priority' : `${k[0]!.toUpperCase()}${k.slice(1)} alone`, formatEstimate(p.auc[k])]),
    ),
    `Verdict: ${p.verdict}`,
  ];
  if (p.calibration) {
    lines.push(
      '',
      `Calibration (Brier ${p.calibration.brier.toFixed(4)}, expected calibration error ${formatPercent(p.calibration.expectedCalibrationError)}):`,
      ...textTable(
        ['Predicted', 'Accounts', 'Mean predicted', 'Observed'],
        p.calibration.rows.map((r) => [`${formatPercent(r.from, 0)}–${formatPercent(r.to, 0)}`, formatCount(r.accounts), formatPercent(r.predicted), formatPercent(r.observed)]),
      ),
    );
  } else {
    lines.push('Calibration: none (the rule gives no probabilities)');
  }
  return lines;
}
