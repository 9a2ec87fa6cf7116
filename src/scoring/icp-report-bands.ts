/**
 * Fixed, readable bands for numeric attributes, shared by the ICP report and the backtest baseline, so a row reads
 * "< 50 employees" rather than a quantile nobody can put into the ICP config.
 */

interface Band {
  /** Exclusive upper bound; Infinity for the last band. */
  below: number;
  label: string;
}

const EMPLOYEE_BANDS: Band[] = [
  { below: 50, label: '< 50 employees' },
  { below: 200, label: '50–199 employees' },
  { below: 1000, label: '200–999 employees' },
  { below: 5000, label: '1,000–4,999 employees' },
  { below: Infinity, label: '≥ 5,000 employees' },
];

const REVENUE_BANDS: Band[] = [
  { below: 10e6, label: '< $10M revenue' },
  { below: 50e6, label: '$10M–50M revenue' },
  { below: 250e6, label: '$50M–250M revenue' },
  { below: 1e9, label: '$250M–1B revenue' },
  { below: Infinity, label: '≥ $1B revenue' },
];

export const EMPLOYEE_BAND_ORDER: readonly string[] = [...EMPLOYEE_BANDS.map((b) => b.label), 'employees unknown'];

export function employeeBand(employees: number | null): string {
  return employees === null || !Number.isFinite(employees) ? 'employees unknown' : bandOf(employees, EMPLOYEE_BANDS);
}

export function revenueBand(revenue: number | null): string | null {
  return revenue === null || !Number.isFinite(revenue) ? null : bandOf(revenue, REVENUE_BANDS);
}

/** Powers of ten for an extra numeric feature whose scale we do not know: "< 1", "1–9", "10–99", … */
export function magnitudeBand(value: number): string {
  if (value < 0) return '< 0';
  if (value < 1) return '< 1';
  const lower = 10 ** Math.floor(Math.log10(value));
  return `${lower.toLocaleString('en-US')}–${(lower * 10 - 1).toLocaleString('en-US')}`;
}

function bandOf(value: number, bands: readonly Band[]): string {
  return (bands.find((b) => value < b.below) ?? bands[bands.length - 1]!).label;
}
