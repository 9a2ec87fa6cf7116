/** Number formatting and plain-text tables shared by the backtest renderers. */

export function formatPercent(rate: number | null, digits = 1): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

export function formatLift(lift: number | null): string {
  return lift === null ? '—' : `${lift.toFixed(2)}×`;
}

export function formatAuc(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

/** "[0.61–0.70]", or '' when the interval is unknown. */
export function formatInterval(low: number | null | undefined, high: number | null | undefined, format: (n: number) => string): string {
  return low === null || low === undefined || high === null || high === undefined ? '' : `[${format(low)}–${format(high)}]`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function isoDate(iso: string): string {
  return iso.slice(0, 10);
}

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    indent +
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
