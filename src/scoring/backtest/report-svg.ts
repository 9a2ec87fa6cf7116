/** Inline SVG charts for backtest.html: plain shapes and text, no scripts, fonts or external references (inline SVG in HTML needs no xmlns). */
import type { GainPoint, GroupRow } from './metrics.js';
import { formatCount, formatLift } from './format.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 170;
const BAR_AREA = 260;

/** Horizontal bars of lift per group, with a dashed line at 1× (no better than average). */
export function liftBarsSvg(title: string, rows: readonly GroupRow[]): string {
  const maxLift = Math.max(1.5, ...rows.map((r) => r.lift ?? 0));
  const scale = BAR_AREA / maxLift;
  const height = rows.length * BAR_HEIGHT + 40;
  // Room right of the longest bar for its "1.92× (n=1,292)" label.
  const width = LABEL_WIDTH + BAR_AREA + 120;
  const bars = rows.map((row, i) => {
    const y = 28 + i * BAR_HEIGHT;
    const lift = row.lift ?? 0;
    const cls = lift >= 1 ? 'bar-up' : 'bar-down';
    return (
      `<text x="${LABEL_WIDTH - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(row.group)}</text>` +
      `<rect class="${cls}" x="${LABEL_WIDTH}" y="${y + 3}" width="${num(lift * scale)}" height="${BAR_HEIGHT - 6}"/>` +
      `<text x="${num(LABEL_WIDTH + lift * scale + 4)}" y="${y + 14}">${escapeHtml(`${formatLift(row.lift)} (n=${formatCount(row.accounts)})`)}</text>`
    );
  });
  const oneX = num(LABEL_WIDTH + scale);
  return (
    `<svg role="img" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<text class="chart-title" x="0" y="14">${escapeHtml(title)}</text>` +
    bars.join('') +
    `<line class="ref" x1="${oneX}" y1="24" x2="${oneX}" y2="${height - 8}"/>` +
    `<text class="muted" x="${oneX}" y="${height}" text-anchor="middle">1×</text>` +
    `</svg>`
  );
}

export interface GainSeries {
  label: string;
  points: readonly GainPoint[];
  /** CSS class of the line (colour and dash). */
  className: string;
}

const PLOT = 240;
const MARGIN = 40;

/** Cumulative gain: share of outcomes captured vs share of accounts taken from the top, against the random diagonal. */
export function gainChartSvg(title: string, series: readonly GainSeries[]): string {
  const legendHeight = (series.length + 1) * 16;
  // Wide enough for legend lines like "Fit (learned, in force) (AUC 0.759)".
  const width = PLOT + MARGIN + 100;
  const height = PLOT + MARGIN + 30 + legendHeight;
  const x = (f: number): string => num(MARGIN + f * PLOT);
  const y = (f: number): string => num(24 + (1 - f) * PLOT);
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<line class="grid" x1="${x(0)}" y1="${y(t)}" x2="${x(1)}" y2="${y(t)}"/>` +
        `<text class="muted" x="${MARGIN - 4}" y="${num(Number(y(t)) + 4)}" text-anchor="end">${t * 100}%</text>` +
        `<text class="muted" x="${x(t)}" y="${num(24 + PLOT + 14)}" text-anchor="middle">${t * 100}%</text>`,
    )
    .join('');
  const lines = series
    .map((s) => `<polyline class="${s.className}" fill="none" points="${s.points.map((p) => `${x(p.fraction)},${y(p.captured)}`).join(' ')}"/>`)
    .join('');
  const legendTop = 24 + PLOT + 34;
  const legend = [...series, { label: 'Random', className: 'line-random' }]
    .map(
      (s, i) =>
        `<line class="${s.className}" x1="${MARGIN}" y1="${legendTop + i * 16 - 4}" x2="${MARGIN + 22}" y2="${legendTop + i * 16 - 4}"/>` +
        `<text x="${MARGIN + 28}" y="${legendTop + i * 16}">${escapeHtml(s.label)}</text>`,
    )
    .join('');
  return (
    `<svg role="img" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<text class="chart-title" x="0" y="14">${escapeHtml(title)}</text>` +
    ticks +
    `<line class="line-random" x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}"/>` +
    lines +
    legend +
    `</svg>`
  );
}

function num(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
