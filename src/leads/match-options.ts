import type { ScoringConfig } from '../config/scoring-schema.js';
import { normalizeDomain } from '../model/domain.js';
import { placeholderSet } from './company-key.js';
import type { MatchOptions } from './match-lead.js';

/** The matcher's options from `leads.matching` in the scoring config (domains normalised as lead domains are). */
export function matchOptions(config: ScoringConfig): MatchOptions {
  const { rules, freeMailDomains, placeholderCompanies } = config.leads.matching;
  const freeMail = new Set(freeMailDomains.map((d) => normalizeDomain(d) ?? d.trim().toLowerCase()));
  return { rules, freeMail, placeholders: placeholderSet(placeholderCompanies) };
}
