/**
 * ICP report: which attribute values the won accounts have in common, learned from the data, so revops can check
 * the ICP in config against evidence instead of guessing.
 *
 * An account counts as won when it has a closed-won opportunity (the same split the learned fit model trains on).
 * For every attribute value the win rate is compared with the base win rate. Small groups are pulled toward the
 * base rate (add `priorWeight` pseudo-accounts at the base rate) so that "2 accounts, 2 won" cannot top the list.
 */
import type { AccountBundle, FeatureValue } from '../model/records.js';
import { employeeBand, magnitudeBand, revenueBand } from './icp-report-bands.js';

export interface IcpReportOptions {
  /** Values seen on fewer accounts are left out (default 5). */
  minCount?: number;
  /** How many rows to keep on each side (default 10). */
  top?: number;
  /** Extra features to include (default: every feature found on the accounts). */
  featureNames?: string[];
  /** Pseudo-accounts at the base rate added to every value (default 10). */
  priorWeight?: number;
  /** Rows within this distance of 1× are no signal and are left out (default 0.1: keep ≥ 1.1× and ≤ 0.9×). */
  minLiftChange?: number;
}

export interface IcpRow {
  attribute: string;
  value: string;
  accounts: number;
  won: number;
  /** won / accounts, unsmoothed. */
  winRate: number;
  smoothedWinRate: number;
  /** smoothedWinRate / base win rate. */
  lift: number;
}

export interface IcpReport {
  accounts: number;
  wonAccounts: number;
  baseWinRate: number;
  minCount: number;
  priorWeight: number;
  /** Distinct attribute values with at least minCount accounts. */
  valuesConsidered: number;
  /** Highest lift first, lift ≥ 1 + minLiftChange only. */
  positive: IcpRow[];
  /** Lowest lift first, lift ≤ 1 − minLiftChange only. */
  negative: IcpRow[];
  warnings: string[];
}

interface Tally {
  attribute: string;
  value: string;
  accounts: number;
  won: number;
}

const CORE_ATTRIBUTES = ['industry', 'employees', 'revenue', 'country', 'technology'] as const;

export function buildIcpReport(bundles: Iterable<AccountBundle>, options: IcpReportOptions = {}): IcpReport {
  const minCount = options.minCount ?? 5;
  const top = options.top ?? 10;
  const priorWeight = options.priorWeight ?? 10;
  const minLiftChange = options.minLiftChange ?? 0.1;
  const tallies = new Map<string, Tally>();
  let accounts = 0;
  let wonAccounts = 0;
  for (const bundle of bundles) {
    const won = bundle.opportunities.some((o) => o.isClosed && o.isWon);
    accounts++;
    if (won) wonAccounts++;
    for (const [attribute, value] of attributeValues(bundle, options.featureNames)) {
      // Case and spacing differ between records ("software", "Software "): count them as one value.
      const key = `${attribute}\u0000${value.trim().toLowerCase()}`;
      const tally = tallies.get(key) ?? { attribute, value: value.trim(), accounts: 0, won: 0 };
      tally.accounts++;
      if (won) tally.won++;
      tallies.set(key, tally);
    }
  }
  const baseWinRate = accounts === 0 ? 0 : wonAccounts / accounts;
  const warnings = reportWarnings(accounts, wonAccounts);
  const rows =
    baseWinRate === 0
      ? []
      : [...tallies.values()].filter((t) => t.accounts >= minCount).map((t) => toRow(t, baseWinRate, priorWeight));
  const byLiftThenSize = (a: IcpRow, b: IcpRow): number => b.lift - a.lift || b.accounts - a.accounts || a.value.localeCompare(b.value);
  const positive = rows.filter((r) => r.lift >= 1 + minLiftChange).sort(byLiftThenSize).slice(0, top);
  const negative = rows
    .filter((r) => r.lift <= 1 - minLiftChange)
    .sort((a, b) => a.lift - b.lift || b.accounts - a.accounts || a.value.localeCompare(b.value))
    .slice(0, top);
  return { accounts, wonAccounts, baseWinRate, minCount, priorWeight, valuesConsidered: rows.length, positive, negative, warnings };
}

/** "Industry Software: 2.40× base win rate, 31 accounts (12 won)". */
export function icpRowText(row: IcpRow): string {
  return `${rowLabel(row)}: ${row.lift.toFixed(2)}× base win rate, ${row.accounts.toLocaleString('en-US')} accounts (${row.won.toLocaleString('en-US')} won)`;
}

/** How a row names its value: bands already say what they are ("< 50 employees"), other values get their attribute. */
export function rowLabel(row: Pick<IcpRow, 'attribute' | 'value'>): string {
  if (row.attribute === 'employees' || row.attribute === 'revenue') return row.value;
  const attribute = row.attribute.charAt(0).toUpperCase() + row.attribute.slice(1);
  return `${attribute} ${row.value}`;
}

export function renderIcpText(report: IcpReport): string {
  const lines = [
    `ICP report: ${report.accounts} accounts, ${report.wonAccounts} won (base win rate ${percent(report.baseWinRate)})`,
    `values seen on at least ${report.minCount} accounts; small groups smoothed toward the base rate`,
    ...report.warnings.map((w) => `warning: ${w}`),
    '',
    'Most in common with won accounts:',
    ...listOrNone(report.positive),
    '',
    'Least in common with won accounts:',
    ...listOrNone(report.negative),
  ];
  return lines.join('\n') + '\n';
}

function listOrNone(rows: readonly IcpRow[]): string[] {
  return rows.length === 0 ? ['  (none)'] : rows.map((r) => `  ${icpRowText(r)}`);
}

function toRow(t: Tally, base: number, priorWeight: number): IcpRow {
  const smoothedWinRate = (t.won + priorWeight * base) / (t.accounts + priorWeight);
  return { ...t, winRate: t.won / t.accounts, smoothedWinRate, lift: smoothedWinRate / base };
}

function* attributeValues(bundle: AccountBundle, featureNames: readonly string[] | undefined): Generator<[string, string]> {
  const a = bundle.account;
  if (a.industry) yield ['industry', a.industry];
  if (a.employees !== null) yield ['employees', employeeBand(a.employees)];
  const revenue = revenueBand(a.annualRevenue);
  if (revenue) yield ['revenue', revenue];
  if (a.country) yield ['country', a.country];
  // A technology listed twice on one account still counts that account once.
  for (const tech of new Set(a.technologies.map((t) => t.trim()).filter(Boolean))) yield ['technology', tech];
  const names = featureNames ?? Object.keys(a.features);
  for (const name of names) {
    if ((CORE_ATTRIBUTES as readonly string[]).includes(name)) continue;
    for (const value of featureStrings(a.features[name])) yield [name, value];
  }
}

function featureStrings(value: FeatureValue | undefined): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return [...new Set(value.map((v) => v.trim()).filter(Boolean))];
  if (typeof value === 'boolean') return [value ? 'yes' : 'no'];
  if (typeof value === 'number') return Number.isFinite(value) ? [magnitudeBand(value)] : [];
  return value.trim() === '' ? [] : [value];
}

function reportWarnings(accounts: number, won: number): string[] {
  if (accounts === 0) return ['no accounts: nothing to learn from'];
  if (won === 0) return ['no won accounts yet: there is no win rate to compare against'];
  if (won < 20) return [`only ${won} won accounts: treat these lifts as hints, not evidence`];
  return [];
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
