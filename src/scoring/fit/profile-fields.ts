/**
 * The learned model's tokens and the ICP rules' criteria name account fields differently ("revenue=…" tokens,
 * `annualRevenue` criteria): one name per field lets the blend pair a field's rules points with its evidence.
 */

/** "industry=software" → "industry"; "feature.stage=series a" → "feature.stage". */
export function tokenField(key: string): string {
  const at = key.indexOf('=');
  return at < 0 ? key : key.slice(0, at);
}

const CRITERION_TO_TOKEN: Record<string, string> = {
  industry: 'industry',
  employees: 'employees',
  annualRevenue: 'revenue',
  country: 'country',
  technologies: 'tech',
  domain: 'domain',
};

/** A rules criterion's `field` as the token field it shares evidence with (`features.x` → `feature.x`). */
export function criterionField(field: string): string {
  if (field.startsWith('features.')) return `feature.${field.slice('features.'.length)}`;
  return CRITERION_TO_TOKEN[field] ?? field;
}
