/**
 * Leads for a generated account: people at the same company who never became Contacts (matched by e-mail domain,
 * website or company name), a few already converted into the account's Contacts, and Leads from companies that
 * are not accounts at all (scored on their own firmographics).
 */
import { Rng } from '../../../../bench/datagen/random.js';
import type { GeneratedAccount } from '../../../../bench/datagen/generate.js';
import type { Org } from '../org/org.js';

const FIRST = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn', 'Robin', 'Drew'];
const LAST = ['Meyer', 'Nguyen', 'Garcia', 'Okafor', 'Rossi', 'Kowalski', 'Tanaka', 'Dubois', 'Silva', 'Berg', 'Novak', 'Hughes'];
const TITLES = ['Data Engineer', 'Analytics Manager', 'Director of IT', 'VP Engineering', 'Marketing Manager', 'Head of Data', 'Software Engineer', 'Operations Analyst'];
const STATUSES = ['Open - Not Contacted', 'Working - Contacted'];
const UNMATCHED_SUFFIX = ['Labs', 'Systems', 'Group', 'Partners', 'Analytics'];

export interface LeadSeedOptions {
  leadsPerAccount: number;
  unmatchedLeadShare: number;
  convertedLeadShare: number;
}

export interface SeededLead {
  id: string;
  converted: boolean;
}

function person(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(FIRST), last: rng.pick(LAST) };
}

/** The company name as a person types it into a form: exact, a legal suffix added, or lower-case. */
function typedCompany(rng: Rng, name: string): string {
  const style = rng.int(0, 2);
  if (style === 0) return name;
  if (style === 1) return `${name}, Inc.`;
  return name.toLowerCase();
}

export function seedLeads(org: Org, generated: GeneratedAccount, contactIds: readonly string[], rng: Rng, options: LeadSeedOptions): SeededLead[] {
  const { account } = generated;
  const count = rng.poisson(options.leadsPerAccount);
  const leads: SeededLead[] = [];
  for (let i = 0; i < count; i += 1) {
    const unmatched = rng.chance(options.unmatchedLeadShare);
    const { first, last } = person(rng);
    const stem = account.name.split(' ')[0] ?? 'Nova';
    const company = unmatched ? `${stem} ${rng.pick(UNMATCHED_SUFFIX)} ${account.id.slice(-4)}` : typedCompany(rng, account.name);
    const domain = unmatched ? `${stem.toLowerCase()}${account.id.slice(-4)}.io` : account.domain;
    const at = account.modifiedAt;
    const id = org.insert('Lead', {
      CreatedDate: at,
      LastModifiedDate: at,
      SystemModstamp: at,
      FirstName: first,
      LastName: last,
      Company: company,
      Email: domain === null ? null : `${first}.${last}${i}@${domain}`.toLowerCase(),
      Website: domain === null || rng.chance(0.4) ? null : `https://www.${domain}`,
      Title: rng.pick(TITLES),
      Industry: unmatched ? account.industry : rng.chance(0.5) ? account.industry : null,
      NumberOfEmployees: unmatched ? Math.max(5, Math.round((account.employees ?? 100) / 3)) : null,
      Country: account.country,
      Status: rng.pick(STATUSES),
      LeadSource: rng.pick(['Web', 'Partner Referral', 'Purchased List']),
      OwnerId: account.ownerId === null ? undefined : account.ownerId,
    });
    const contactId = contactIds[i % Math.max(1, contactIds.length)];
    const converted = !unmatched && contactId !== undefined && rng.chance(options.convertedLeadShare);
    if (converted) org.convertLead(id, { accountId: account.id, contactId });
    leads.push({ id, converted });
  }
  return leads;
}
