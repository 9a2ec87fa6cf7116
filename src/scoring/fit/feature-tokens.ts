/**
 * Turns an account into the discrete tokens the learned fit model counts: one per single-value field (numbers
 * binned), one per value of a multi-value field (one-hot), and an explicit "unknown" token for empty fields so
 * missing data is learned like any other value.
 */
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { Account, FeatureValue } from '../../model/records.js';
import { compactNumber, humanizeName } from './account-fields.js';

export interface FeatureToken {
  /** Stable, case-insensitive key, e.g. "industry=software". */
  key: string;
  /** How a person reads it, e.g. "Industry Software". */
  label: string;
}

function bandLabel(value: number, edges: readonly number[], money: boolean): string {
  const fmt = (n: number): string => (money ? '$' : '') + compactNumber(n);
  let lower: number | null = null;
  for (const edge of edges) {
    if (value < edge) return lower === null ? `< ${fmt(edge)}` : `${fmt(lower)}–${fmt(edge)}`;
    lower = edge;
  }
  return `${fmt(lower ?? 0)}+`;
}

/** Extra numeric features have no configured bands: powers of ten keep them coarse and readable. */
function decadeLabel(value: number): string {
  if (value <= 0) return '≤ 0';
  const lower = Math.pow(10, Math.floor(Math.log10(value)));
  return `${compactNumber(lower)}–${compactNumber(lower * 10)}`;
}

function push(tokens: FeatureToken[], field: string, value: string, label: string): void {
  tokens.push({ key: `${field}=${value.trim().toLowerCase()}`, label });
}

function featureTokens(tokens: FeatureToken[], name: string, value: FeatureValue): void {
  const field = `feature.${name}`;
  const label = humanizeName(name);
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) push(tokens, field, '(unknown)', `${label} unknown`);
  else if (Array.isArray(value)) for (const v of value) push(tokens, field, v, `${label} ${v}`);
  else if (typeof value === 'number') push(tokens, field, decadeLabel(value), `${label} ${decadeLabel(value)}`);
  else push(tokens, field, String(value), `${label} ${String(value)}`);
}

export function accountTokens(account: Account, config: ScoringConfig): FeatureToken[] {
  const learned = config.fit.learned;
  const fields = new Set(learned.fields);
  const tokens: FeatureToken[] = [];
  if (fields.has('industry')) {
    if (account.industry) push(tokens, 'industry', account.industry, `Industry ${account.industry}`);
    else push(tokens, 'industry', '(unknown)', 'Industry unknown');
  }
  if (fields.has('employees')) {
    const band = account.employees === null ? null : bandLabel(account.employees, learned.employeeBands, false);
    push(tokens, 'employees', band ?? '(unknown)', band ? `${band} employees` : 'Employees unknown');
  }
  if (fields.has('annualRevenue')) {
    const band = account.annualRevenue === null ? null : bandLabel(account.annualRevenue, learned.revenueBands, true);
    push(tokens, 'revenue', band ?? '(unknown)', band ? `Revenue ${band}` : 'Revenue unknown');
  }
  if (fields.has('country')) {
    if (account.country) push(tokens, 'country', account.country, `Country ${account.country}`);
    else push(tokens, 'country', '(unknown)', 'Country unknown');
  }
  if (fields.has('technologies')) {
    if (account.technologies.length === 0) push(tokens, 'tech', '(none)', 'No known technologies');
    const seen = new Set<string>();
    for (const tech of account.technologies) {
      const key = tech.trim().toLowerCase();
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      push(tokens, 'tech', tech, `Uses ${tech}`);
    }
  }
  if (fields.has('features')) {
    for (const name of Object.keys(account.features).sort()) featureTokens(tokens, name, account.features[name] ?? null);
  }
  return tokens;
}
