/** Reading account fields by the names config uses (industry, employees, technologies, features.<name> …). */
import type { Account, FeatureValue } from '../../model/records.js';

export function accountField(account: Account, field: string): FeatureValue {
  switch (field) {
    case 'industry':
      return account.industry;
    case 'employees':
      return account.employees;
    case 'annualRevenue':
      return account.annualRevenue;
    case 'country':
      return account.country;
    case 'technologies':
      return account.technologies;
    case 'domain':
      return account.domain;
    default:
      return field.startsWith('features.') ? (account.features[field.slice('features.'.length)] ?? null) : null;
  }
}

export function isMissing(value: FeatureValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'number' && Number.isNaN(value));
}

/** 1234567 → "1.2M": short enough for a reasons line. */
export function compactNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${+(n / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${+(n / 1e3).toFixed(0)}K`;
  // Reps read "1,369 employees", not "1369"; en-US grouping keeps the text the same on every machine.
  return (+n.toFixed(2)).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

const DEFAULT_LABELS: Record<string, string> = {
  industry: 'Industry {value}',
  employees: '{value} employees',
  annualRevenue: 'revenue {value}',
  country: 'Country {value}',
  technologies: 'Uses {value}',
  domain: 'Domain {value}',
};

/** "fundingStage" / "funding_stage" → "Funding stage": a rep never reads an internal field name. */
export function humanizeName(name: string): string {
  const words = name.replace(/[_.-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function labelTemplate(field: string, template: string | undefined): string {
  return template ?? DEFAULT_LABELS[field] ?? `${humanizeName(field.replace(/^features\./, ''))} {value}`;
}

export function fillLabel(template: string, value: string): string {
  return template.replace('{value}', value);
}
