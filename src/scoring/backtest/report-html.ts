/**
 * backtest.html: one self-contained page (inline CSS and SVG, no scripts, no network) that revops can open from disk
 * or attach to an email. Every piece of text from data is escaped.
 */
import { icpRowText, type IcpReport, type IcpRow } from '../icp-report.js';
import { formatAuc, formatCount, formatInterval, formatLift, formatPercent, isoDate } from './format.js';
import type { BacktestReport, GroupTable, OutcomeReport, PriorityReport } from './report-types.js';
import { escapeHtml, gainChartSvg, liftBarsSvg, type GainSeries } from './report-svg.js';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d9e2ec}
h3{font-size:1rem;margin:1.2rem 0 .4rem}.muted{color:#627d98;fill:#627d98}
table{border-collapse:collapse;margin:.4rem 0 1rem}th,td{padding:.25rem .6rem;border-bottom:1px solid #e4e7eb}
th{text-align:left;background:#f5f7fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.warnings{background:#fffbea;border:1px solid #f7c948;padding:.5rem 1rem;border-radius:4px}
.charts{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}
svg.chart{font-size:12px;fill:#1f2933}svg .chart-title{font-weight:600}
.bar-up{fill:#2f80ed}.bar-down{fill:#f0b429}.ref{stroke:#52606d;stroke-dasharray:4 3}.grid{stroke:#e4e7eb}
.line-fit{stroke:#2f80ed;stroke-width:2.5}.line-other{stroke:#9446ed;stroke-width:2;stroke-dasharray:6 3}
.line-baseline{stroke:#f0b429;stroke-width:2}.line-random{stroke:#9aa5b1;stroke-width:1.5;stroke-dasharray:3 3}
`;

const OUTCOME_TITLES = { opened: 'Opened an opportunity', won: 'Won an opportunity' } as const;

export function renderBacktestHtml(report: BacktestReport, icp?: IcpReport): string {
  const { counts, model } = report;
  const title = `ScoreSync backtest as of ${isoDate(report.asOf)}`;
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="muted">Horizon ${report.horizonDays} days (to ${escapeHtml(isoDate(report.horizonEnd))}); generated ${escapeHtml(isoDate(report.generatedAt))}.</p>`,
    `<p>Fit model in force as of ${escapeHtml(isoDate(report.asOf))}: <strong>${escapeHtml(model.mode)}</strong> (${escapeHtml(model.version)}) — ${escapeHtml(model.reason)}.<br>` +
      (report.today ? `Fit model a run puts in force today: <strong>${escapeHtml(report.today.mode)}</strong> — ${escapeHtml(report.today.reason)}.<br>` : '') +
      `${formatCount(counts.accounts)} accounts read, ${formatCount(counts.scored)} scored, ${formatCount(counts.notYetExisting)} not yet existing; ` +
      `${formatCount(counts.opened)} opened and ${formatCount(counts.won)} won an opportunity in the horizon.</p>`,
    warningsHtml(report.warnings),
    verdictsHtml(report),
    outcomeHtml(report.outcomes.opened),
    outcomeHtml(report.outcomes.won),
    priorityHtml(report.priority),
    icp ? icpHtml(icp) : '',
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function warningsHtml(warnings: readonly string[]): string {
  if (warnings.length === 0) return '';
  return `<div class="warnings"><strong>Read with care</strong><ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>`;
}

function verdictsHtml(report: BacktestReport): string {
  const { confidence, samples, seed } = report.intervals;
  const items = [
    ...(['opened', 'won'] as const).map((o) => `<li><strong>${o}</strong>: ${escapeHtml(report.outcomes[o].verdict.text)}</li>`),
    `<li><strong>priority</strong>: ${escapeHtml(report.priority.verdict)}</li>`,
  ];
  return `<h2>Verdicts</h2><ul>${items.join('')}</ul><p class="muted">Intervals: ${Math.round(confidence * 100)}% bootstrap, ${samples} resamples, seed ${seed}.</p>`;
}

function interval(low: number | null | undefined, high: number | null | undefined, format: (n: number) => string): string {
  const text = formatInterval(low, high, format);
  return text === '' ? '' : ` <span class="muted">${text}</span>`;
}

function priorityHtml(p: PriorityReport): string {
  const rows = (['priority', 'fit', 'engagement', 'intent'] as const)
    .map((k) => `<tr><td>${k === 'priority' ? 'Priority' : `${k} alone`}</td><td class="n">${formatAuc(p.auc[k].value)}${interval(p.auc[k].low, p.auc[k].high, (n) => n.toFixed(3))}</td></tr>`)
    .join('');
  const calibration = p.calibration
    ? `<h3>Calibration</h3><p class="muted">Brier ${p.calibration.brier.toFixed(4)}, expected calibration error ${formatPercent(p.calibration.expectedCalibrationError)}.</p>` +
      `<table><thead><tr><th>Predicted</th><th>Accounts</th><th>Mean predicted</th><th>Observed</th></tr></thead><tbody>` +
      p.calibration.rows
        .map((r) => `<tr><td>${formatPercent(r.from, 0)}–${formatPercent(r.to, 0)}</td><td class="n">${formatCount(r.accounts)}</td><td class="n">${formatPercent(r.predicted)}</td><td class="n">${formatPercent(r.observed)}</td></tr>`)
        .join('') +
      '</tbody></table>'
    : '<p class="muted">No calibration: the rule gives no probabilities.</p>';
  return [
    `<h2>Priority score (${escapeHtml(p.mode)})</h2>`,
    `<p>${escapeHtml(p.reason)}. Held out: ${formatCount(p.positives)} of ${formatCount(p.accounts)} accounts ${escapeHtml(p.outcome)} an opportunity within ${p.horizonDays} days of the as-of date.</p>`,
    `<table><thead><tr><th>Ranked by</th><th>AUC [interval]</th></tr></thead><tbody>${rows}</tbody></table>`,
    `<p>Verdict: ${escapeHtml(p.verdict)}</p>`,
    calibration,
  ].join('\n');
}

function outcomeHtml(outcome: OutcomeReport): string {
  const title = OUTCOME_TITLES[outcome.outcome];
  const fractions = outcome.rankers[0]?.recall.map((r) => r.fraction) ?? [];
  const rankerRows = outcome.rankers
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.label)}</td><td class="n">${formatAuc(r.auc.value)}${interval(r.auc.low, r.auc.high, (n) => n.toFixed(3))}</td>` +
        r.recall.map((k) => `<td class="n">${formatPercent(k.recall)}${interval(k.low, k.high, (n) => formatPercent(n, 0))} <span class="muted">(${formatLift(k.lift)})</span></td>`).join('') +
        '</tr>',
    )
    .join('');
  const fitBuckets = outcome.groups.filter((g) => g.key.endsWith('Bucket') || g.key === 'employeeBand');
  const charts = [
    gainChartSvg(`Cumulative gain: ${title.toLowerCase()}`, gainSeries(outcome)),
    ...fitBuckets.map((g) => liftBarsSvg(`Lift by ${g.label.toLowerCase()}`, g.rows)),
  ];
  return [
    `<h2>${escapeHtml(title)}: ${formatCount(outcome.positives)} of ${formatCount(outcome.accounts)} accounts (${formatPercent(outcome.rate)})</h2>`,
    `<p>Verdict: ${escapeHtml(outcome.verdict.text)}</p>`,
    `<table><thead><tr><th>Ranked by</th><th>AUC</th>${fractions.map((f) => `<th>Recall at top ${Math.round(f * 100)}% (lift)</th>`).join('')}</tr></thead><tbody>${rankerRows}</tbody></table>`,
    `<div class="charts">${charts.join('')}</div>`,
    ...outcome.groups.map((g) => groupTableHtml(g, outcome.outcome === 'won' ? 'Won' : 'Opened')),
  ].join('\n');
}

function gainSeries(outcome: OutcomeReport): GainSeries[] {
  return outcome.rankers
    .filter((r) => r.key.startsWith('fit') || r.key === 'baseline')
    .map((r) => ({
      label: `${r.label} (AUC ${formatAuc(r.auc.value)})`,
      points: r.gain,
      className: r.key === 'fit' ? 'line-fit' : r.key === 'baseline' ? 'line-baseline' : 'line-other',
    }));
}

function groupTableHtml(group: GroupTable, positivesLabel: string): string {
  const rows = group.rows
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.group)}</td><td class="n">${formatCount(row.accounts)}</td><td class="n">${formatCount(row.positives)}</td>` +
        `<td class="n">${formatPercent(row.rate)}</td><td class="n">${formatLift(row.lift)}${interval(row.liftLow, row.liftHigh, (n) => n.toFixed(2))}</td></tr>`,
    )
    .join('');
  return (
    `<h3>${escapeHtml(group.label)}</h3><table><thead><tr><th>${escapeHtml(group.label)}</th><th>Accounts</th>` +
    `<th>${positivesLabel}</th><th>Rate</th><th>Lift</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function icpHtml(icp: IcpReport): string {
  const list = (rows: readonly IcpRow[]): string =>
    rows.length === 0 ? '<p class="muted">(none)</p>' : `<ul>${rows.map((r) => `<li>${escapeHtml(icpRowText(r))}</li>`).join('')}</ul>`;
  return [
    `<h2>ICP report: what won accounts have in common</h2>`,
    `<p>${formatCount(icp.accounts)} accounts, ${formatCount(icp.wonAccounts)} won (base win rate ${formatPercent(icp.baseWinRate)}). ` +
      `Values seen on at least ${icp.minCount} accounts; small groups are smoothed toward the base rate.</p>`,
    warningsHtml(icp.warnings),
    `<h3>Most in common with won accounts</h3>${list(icp.positive)}`,
    `<h3>Least in common with won accounts</h3>${list(icp.negative)}`,
  ].join('\n');
}
