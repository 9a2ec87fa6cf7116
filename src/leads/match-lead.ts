/**
 * Matching an unconverted lead to an account, in the order of `leads.matching.rules` (default: email domain, then
 * website, then normalised company name). Pure: the engine gives it an index of every account and stores the result.
 *
 * Several accounts with the same key (duplicate accounts, a parent and a subsidiary on one domain) are resolved the
 * same way every time, and the reason says so: prefer the account named like the lead's company, then the one with the
 * most employees (the parent rather than a branch), then the lowest id.
 */
import { normalizeDomain } from '../model/domain.js';
import type { Lead } from '../model/records.js';
import { companyKey } from './company-key.js';
import { isFreeMail } from './free-mail.js';

export type MatchRule = 'emailDomain' | 'website' | 'companyName';
export const MATCH_RULES: readonly MatchRule[] = ['emailDomain', 'website', 'companyName'];

export interface MatchOptions {
  /** Rules to try, first hit wins. */
  rules: readonly MatchRule[];
  freeMail: ReadonlySet<string>;
  /** Normalised placeholder company names (see company-key.ts) that never match by name. */
  placeholders: ReadonlySet<string>;
}

/** What matching needs of an account: its id, stored (normalised) domain, name and size for tie-breaks. */
export interface AccountMatchKey {
  id: string;
  domain: string | null;
  name: string;
  employees: number | null;
}

export interface LeadMatch {
  accountId: string;
  rule: MatchRule;
  /** For people: "email domain acme.com", "website acme.com", "company name 'Acme'", plus how a tie was broken. */
  reason: string;
}

export interface AccountIndex {
  byDomain: ReadonlyMap<string, readonly AccountMatchKey[]>;
  byName: ReadonlyMap<string, readonly AccountMatchKey[]>;
  nameKeyOf: ReadonlyMap<string, string>;
}

export function buildAccountIndex(accounts: Iterable<AccountMatchKey>, options: MatchOptions): AccountIndex {
  const byDomain = new Map<string, AccountMatchKey[]>();
  const byName = new Map<string, AccountMatchKey[]>();
  const nameKeyOf = new Map<string, string>();
  for (const account of accounts) {
    const domain = normalizeDomain(account.domain);
    if (domain !== null && !isFreeMail(domain, options.freeMail)) push(byDomain, domain, account);
    const key = companyKey(account.name, options.placeholders);
    if (key !== null) {
      push(byName, key, account);
      nameKeyOf.set(account.id, key);
    }
  }
  return { byDomain, byName, nameKeyOf };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Two-label hosts that are registries, not companies ("co.uk", "com.au"): a lead's domain never matches up to them. */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or', 'go', 'gv', 'ltd', 'plc']);

/** The host and its parent domains, most specific first: "eu.acme.co.uk" → eu.acme.co.uk, acme.co.uk. */
export function domainCandidates(host: string): string[] {
  const labels = host.split('.');
  const out: string[] = [];
  for (let start = 0; labels.length - start >= 2; start++) {
    const rest = labels.slice(start);
    if (rest.length === 2 && start > 0 && SECOND_LEVEL.has(rest[0] ?? '')) break;
    out.push(rest.join('.'));
  }
  return out;
}

/** A lead's usable domain for a rule: normalised, and never a free-mail provider. */
function leadDomain(value: string | null, options: MatchOptions): string | null {
  const domain = normalizeDomain(value);
  return domain === null || isFreeMail(domain, options.freeMail) ? null : domain;
}

/**
 * The keys a lead can match on (`domain:<host>`, `name:<key>`), for the store to find the leads a changed account may
 * now attract. The same keys an account has under accountMatchKeys.
 */
export function leadMatchKeys(lead: Lead, options: MatchOptions): string[] {
  if (lead.isConverted) return [];
  const keys = new Set<string>();
  for (const rule of options.rules) {
    if (rule === 'companyName') {
      const key = companyKey(lead.company, options.placeholders);
      if (key !== null) keys.add(`name:${key}`);
      continue;
    }
    const domain = leadDomain(rule === 'emailDomain' ? emailOf(lead) : lead.website, options);
    if (domain !== null) for (const candidate of domainCandidates(domain)) keys.add(`domain:${candidate}`);
  }
  return [...keys].sort();
}

export function accountMatchKeys(account: AccountMatchKey, options: MatchOptions): string[] {
  const keys: string[] = [];
  const domain = normalizeDomain(account.domain);
  if (domain !== null && !isFreeMail(domain, options.freeMail)) keys.push(`domain:${domain}`);
  const name = companyKey(account.name, options.placeholders);
  if (name !== null) keys.push(`name:${name}`);
  return keys;
}

/** Only an address gives an email domain: a bare "acme.com" in the email field is not one. */
function emailOf(lead: Lead): string | null {
  return lead.email !== null && lead.email.includes('@') ? lead.email : null;
}

/** The account this lead belongs to, or null (a converted lead is never matched: its contact carries it). */
export function matchLead(lead: Lead, index: AccountIndex, options: MatchOptions): LeadMatch | null {
  if (lead.isConverted) return null;
  const leadName = companyKey(lead.company, options.placeholders);
  for (const rule of options.rules) {
    if (rule === 'companyName') {
      const found = leadName === null ? undefined : index.byName.get(leadName);
      if (found) return choose(found, rule, `company name '${(lead.company ?? '').trim()}'`, leadName, index);
      continue;
    }
    const label = rule === 'emailDomain' ? 'email domain' : 'website';
    const domain = leadDomain(rule === 'emailDomain' ? emailOf(lead) : lead.website, options);
    if (domain === null) continue;
    for (const candidate of domainCandidates(domain)) {
      const found = index.byDomain.get(candidate);
      if (found) return choose(found, rule, `${label} ${candidate}`, leadName, index);
    }
  }
  return null;
}

function choose(found: readonly AccountMatchKey[], rule: MatchRule, reason: string, leadName: string | null, index: AccountIndex): LeadMatch {
  if (found.length === 1) return { accountId: (found[0] as AccountMatchKey).id, rule, reason };
  const { account, why } = breakTie(found, leadName, index);
  return { accountId: account.id, rule, reason: `${reason} (${found.length} accounts match; chose the one ${why})` };
}

function breakTie(found: readonly AccountMatchKey[], leadName: string | null, index: AccountIndex): { account: AccountMatchKey; why: string } {
  const named = leadName === null ? [] : found.filter((a) => index.nameKeyOf.get(a.id) === leadName);
  if (named.length === 1) return { account: named[0] as AccountMatchKey, why: "named like the lead's company" };
  const pool = named.length > 1 && named.length < found.length ? named : found;
  const sorted = [...pool].sort((a, b) => (b.employees ?? -1) - (a.employees ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const [first, second] = sorted as [AccountMatchKey, AccountMatchKey];
  const why = (first.employees ?? -1) > (second.employees ?? -1) ? 'with the most employees' : 'with the lowest id';
  return { account: first, why: named.length > 1 && named.length < found.length ? `named like the lead's company and ${why}` : why };
}
