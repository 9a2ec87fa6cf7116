/** Rules-mode fit: base points plus the points of every ICP criterion in config (cold start, no history needed). */
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { Account } from '../../model/records.js';
import type { Contributor } from '../../model/scores.js';
import { compileConfig } from '../compile.js';
import { contributor } from '../contributors.js';
import type { Criterion } from '../schema/fit-schema.js';
import { accountField, compactNumber, fillLabel, isMissing, labelTemplate } from './account-fields.js';

function criterionContributor(account: Account, criterion: Criterion, values: Map<string, number> | null): Contributor | null {
  const raw = accountField(account, criterion.field);
  const template = labelTemplate(criterion.field, criterion.label);
  if (isMissing(raw)) return criterion.missing === 0 ? null : contributor(fillLabel(template, 'unknown'), criterion.missing);
  if (criterion.bands && typeof raw === 'number') {
    const band = criterion.bands.find((b) => (b.min === undefined || raw >= b.min) && (b.max === undefined || raw < b.max));
    const points = band ? band.points : criterion.otherwise;
    return points === 0 ? null : contributor(band?.label ?? fillLabel(template, compactNumber(raw)), points);
  }
  if (!values) return criterion.otherwise === 0 ? null : contributor(fillLabel(template, String(raw)), criterion.otherwise);
  const items = Array.isArray(raw) ? raw : [String(raw)];
  let points = 0;
  const matched: string[] = [];
  for (const item of items) {
    const p = values.get(item.trim().toLowerCase());
    if (p !== undefined) {
      points += p;
      matched.push(item);
    }
  }
  if (matched.length === 0) return criterion.otherwise === 0 ? null : contributor(fillLabel(template, items.join(', ')), criterion.otherwise);
  const capped = criterion.maxPoints !== undefined && points > criterion.maxPoints;
  const label = fillLabel(template, matched.join(', ')) + (capped ? ` (capped at ${criterion.maxPoints})` : '');
  return contributor(label, capped ? (criterion.maxPoints ?? points) : points);
}

/** One matched ICP criterion and the account field it reads (the learned blend pairs it with that field's evidence). */
export interface RulesFieldContributor {
  field: string;
  contributor: Contributor;
}

/** The ICP criteria that gave this account points, in config order, without the base points. */
export function rulesFieldContributors(account: Account, config: ScoringConfig): RulesFieldContributor[] {
  const compiled = compileConfig(config);
  const out: RulesFieldContributor[] = [];
  config.fit.rules.criteria.forEach((criterion, i) => {
    const c = criterionContributor(account, criterion, compiled.criteriaValues[i] ?? null);
    if (c) out.push({ field: criterion.field, contributor: c });
  });
  return out;
}

/** Contributors of rules-mode fit; their sum (clamped) is the fit score. */
export function rulesFitContributors(account: Account, config: ScoringConfig): Contributor[] {
  return [contributor('ICP base points', config.fit.rules.base), ...rulesFieldContributors(account, config).map((r) => r.contributor)];
}
