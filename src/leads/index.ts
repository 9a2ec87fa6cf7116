/** Leads: matching unconverted leads to accounts (pure; the engine's match phase stores the result). */
export { companyKey, PLACEHOLDER_COMPANIES, placeholderSet } from './company-key.js';
export { DEFAULT_FREE_MAIL_DOMAINS, isFreeMail } from './free-mail.js';
export {
  accountMatchKeys,
  buildAccountIndex,
  domainCandidates,
  leadMatchKeys,
  matchLead,
  MATCH_RULES,
  type AccountIndex,
  type AccountMatchKey,
  type LeadMatch,
  type MatchOptions,
  type MatchRule,
} from './match-lead.js';
export { matchOptions } from './match-options.js';
