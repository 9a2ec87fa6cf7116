/**
 * The leads around one generated account, each planted to exercise one path of lead matching: an address on the
 * account's domain, a free-mail address with the company website, a free-mail address with only the company name
 * (typed with a legal form), a lead converted into one of the account's contacts, and a lead from a company that is
 * not in the CRM at all. Their marketing activities (web visits, forms, webinars …) are on the lead.
 */
import type { Account, Activity, ActivityType, Lead } from '../../src/model/records.js';
import { activityDetail } from './activity-mix.js';
import type { GeneratedContact } from './contacts.js';
import { DAY_MS, isoAt } from './dates.js';
import { COUNTRY_WEIGHTS, INDUSTRY_WEIGHTS, REVENUE_PER_EMPLOYEE } from './firmographics.js';
import type { DatagenOptions } from './options.js';
import { emailPart, FIRST_NAMES, LAST_NAMES, TITLE_WEIGHTS } from './people.js';
import type { Rng } from './random.js';

/** How a lead finds (or does not find) its account; the generator's ground truth for tests. */
export type LeadPlant = 'emailDomain' | 'website' | 'companyName' | 'converted' | 'unmatched';

const PLANT_WEIGHTS: readonly (readonly [LeadPlant, number])[] = [
  ['emailDomain', 35],
  ['website', 15],
  ['companyName', 15],
  ['converted', 10],
  ['unmatched', 25],
];

const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'] as const;
/** Legal forms people type after a company name; matching ignores them. */
const LEGAL_FORMS = [', Inc.', ' Inc', ' LLC', ' Ltd.', ' GmbH', ' Corp.'] as const;
/**
 * Companies that are not in the CRM. Their words never occur in generated account names (firmographics.ts), and their
 * domains have a hyphen, which account domains never do, so such a lead can never match an account.
 */
const STRAY_WORDS = ['Juniper', 'Kestrel', 'Marigold', 'Obsidian', 'Tundra', 'Saffron', 'Cobalt', 'Willow', 'Ember', 'Larch'] as const;
const STRAY_KINDS = ['Consulting', 'Partners', 'Studio', 'Collective', 'Analytics', 'Ventures'] as const;

/** Marketing touches a lead leaves before sales works it. */
const LEAD_ACTIVITY_MIX: readonly (readonly [ActivityType, number])[] = [
  ['web_visit', 30],
  ['email_open', 25],
  ['email_click', 12],
  ['form_submit', 10],
  ['content_download', 10],
  ['webinar', 6],
  ['pricing_visit', 5],
  ['demo_request', 2],
];
const LEAD_ACTIVITY_MEAN = 3;
const LEAD_ACTIVITY_DAYS = 120;

export interface GeneratedLead {
  lead: Lead;
  plant: LeadPlant;
  activities: Activity[];
}

export function leadId(accountIndex: number, ordinal: number): string {
  return `00Q${String(accountIndex).padStart(8, '0')}${String(ordinal).padStart(4, '0')}`;
}

function leadActivityId(id: string, ordinal: number): string {
  return `00T${id.slice(3)}${String(ordinal).padStart(2, '0')}`;
}

export function generateLeads(rng: Rng, account: Account, accountIndex: number, contacts: readonly GeneratedContact[], options: DatagenOptions): GeneratedLead[] {
  const count = Math.min(rng.poisson(options.leadsPerAccount), 999);
  const out: GeneratedLead[] = [];
  for (let ordinal = 1; ordinal <= count; ordinal++) {
    let plant = rng.weighted(PLANT_WEIGHTS);
    if ((plant === 'converted' && contacts.length === 0) || (plant !== 'unmatched' && plant !== 'converted' && account.domain === null)) plant = 'unmatched';
    const lead = plant === 'converted' ? convertedLead(rng, account, rng.pick(contacts), leadId(accountIndex, ordinal), options) : newLead(rng, plant, account, leadId(accountIndex, ordinal), options);
    out.push({ lead, plant, activities: leadActivities(rng, lead, options) });
  }
  return out;
}

function person(rng: Rng): { firstName: string; lastName: string; local: string } {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  return { firstName, lastName, local: `${emailPart(firstName)}.${emailPart(lastName)}` };
}

function modifiedAt(rng: Rng, options: DatagenOptions): string {
  return isoAt(options.now.getTime() - rng.uniform(0, LEAD_ACTIVITY_DAYS) * DAY_MS);
}

/** Web forms ask for little: firmographics are often missing on a lead. */
function sometimes<T>(rng: Rng, value: T | null, share: number): T | null {
  return rng.chance(share) ? value : null;
}

function newLead(rng: Rng, plant: Exclude<LeadPlant, 'converted'>, account: Account, id: string, options: DatagenOptions): Lead {
  const who = person(rng);
  const profile = rng.weighted(TITLE_WEIGHTS);
  const stray = plant === 'unmatched' ? strayCompany(rng) : null;
  const domain = stray?.domain ?? account.domain ?? '';
  const freeMail = `${who.local}@${rng.pick(FREE_MAIL)}`;
  const email = plant === 'emailDomain' || plant === 'unmatched' ? `${who.local}@${domain}` : freeMail;
  const company = stray?.name ?? (plant === 'companyName' ? account.name.replace(/, Inc\.$/, '') + rng.pick(LEGAL_FORMS) : account.name);
  const website = plant === 'website' || (plant === 'unmatched' && rng.chance(0.5)) ? `https://www.${domain}` : null;
  const firmographics = stray ? strayFirmographics(rng) : { industry: account.industry, employees: account.employees, annualRevenue: account.annualRevenue, country: account.country };
  return {
    id,
    source: options.source,
    email,
    firstName: who.firstName,
    lastName: who.lastName,
    title: profile.title,
    department: sometimes(rng, profile.department, 0.7),
    seniority: sometimes(rng, profile.seniority, 0.6),
    ownerId: account.ownerId,
    company,
    website,
    industry: sometimes(rng, firmographics.industry, 0.7),
    employees: sometimes(rng, firmographics.employees, 0.6),
    annualRevenue: sometimes(rng, firmographics.annualRevenue, 0.3),
    country: sometimes(rng, firmographics.country, 0.8),
    isConverted: false,
    convertedContactId: null,
    convertedAccountId: null,
    features: {},
    modifiedAt: modifiedAt(rng, options),
    crmValues: {},
  };
}

/** The lead a contact was before sales converted it: same person, same address. */
function convertedLead(rng: Rng, account: Account, contact: GeneratedContact, id: string, options: DatagenOptions): Lead {
  const c = contact.contact;
  return {
    id,
    source: options.source,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    title: c.title,
    department: c.department,
    seniority: c.seniority,
    ownerId: c.ownerId,
    company: account.name,
    website: null,
    industry: account.industry,
    employees: null,
    annualRevenue: null,
    country: account.country,
    isConverted: true,
    convertedContactId: c.id,
    convertedAccountId: account.id,
    features: {},
    modifiedAt: modifiedAt(rng, options),
    crmValues: {},
  };
}

function strayCompany(rng: Rng): { name: string; domain: string } {
  const word = rng.pick(STRAY_WORDS);
  const kind = rng.pick(STRAY_KINDS);
  return { name: `${word} ${kind}`, domain: `${word.toLowerCase()}-${kind.toLowerCase()}.io` };
}

function strayFirmographics(rng: Rng): Pick<Lead, 'industry' | 'employees' | 'annualRevenue' | 'country'> {
  const industry = rng.weighted(INDUSTRY_WEIGHTS);
  const employees = Math.round(Math.min(20_000, Math.max(3, rng.logNormal(Math.log(120), 1.4))));
  return {
    industry,
    employees,
    annualRevenue: Math.round((employees * REVENUE_PER_EMPLOYEE[industry]) / 1000) * 1000,
    country: rng.weighted(COUNTRY_WEIGHTS),
  };
}

function leadActivities(rng: Rng, lead: Lead, options: DatagenOptions): Activity[] {
  const count = Math.min(rng.poisson(LEAD_ACTIVITY_MEAN), 99);
  const nowMs = options.now.getTime();
  const times = Array.from({ length: count }, () => nowMs - rng.uniform(0, LEAD_ACTIVITY_DAYS) * DAY_MS).sort((a, b) => a - b);
  return times.map((ms, i) => {
    const type = rng.weighted(LEAD_ACTIVITY_MIX);
    const at = isoAt(ms);
    return {
      id: leadActivityId(lead.id, i + 1),
      source: options.source,
      type,
      occurredAt: at,
      accountId: null,
      contactId: null,
      leadId: lead.id,
      detail: activityDetail(rng, type),
      modifiedAt: at,
    };
  });
}
