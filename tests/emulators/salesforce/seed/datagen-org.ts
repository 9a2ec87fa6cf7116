/**
 * An org seeded from the project's seeded generator (bench/datagen): the generator's accounts, contacts,
 * opportunities (with contact roles) and activities, plus Leads, as Salesforce records with Salesforce ids and the
 * generator's timestamps as their audit fields. The same options always give the same org.
 */
import { generateAccounts, type DatagenInput } from '../../../../bench/datagen/index.js';
import { FUNDING_STAGES, OWNER_IDS, TECHNOLOGIES } from '../../../../bench/datagen/firmographics.js';
import { deriveSeed, Rng } from '../../../../bench/datagen/random.js';
import { to18 } from '../ids.js';
import type { Org } from '../org/org.js';
import { seedActivity, type ActivitySeedContext } from './activities.js';
import { seedLeads, type LeadSeedOptions } from './leads.js';

export interface DatagenSeedOptions extends Partial<LeadSeedOptions> {
  seed: number;
  accounts: number;
  /** The instant the data is "as of" (default 2026-11-20T12:00:00Z, the benchmark's). */
  now?: Date;
  contactsPerAccount?: number;
  activitiesPerContact?: number;
  historyMonths?: number;
}

export type SeedCounts = Record<string, number>;

export const DEFAULT_SEED_NOW = new Date('2026-11-20T12:00:00.000Z');

function audit(created: string, modified: string): Record<string, string> {
  return { CreatedDate: created, LastModifiedDate: modified, SystemModstamp: modified };
}

function seedUsers(org: Org): void {
  OWNER_IDS.forEach((id, i) => {
    if (org.get('User', id) !== undefined) return;
    const n = i + 1;
    org.insert('User', { Id: id, Username: `rep${n}@scoresync.test`, FirstName: 'Rep', LastName: `Number ${n}`, Email: `rep${n}@scoresync.test`, IsActive: true, UserType: 'Standard' });
  });
}

/** The generator's technographics and funding stage, as the custom Account fields an ABM org typically has. */
const FIRMOGRAPHIC_FIELDS = [
  { fullName: 'Account.Technologies__c', label: 'Technologies', type: 'MultiselectPicklist', valueSet: { restricted: false, valueSetDefinition: { value: TECHNOLOGIES.map((t) => ({ fullName: t })) } } },
  { fullName: 'Account.Funding_Stage__c', label: 'Funding Stage', type: 'Picklist', valueSet: { restricted: false, valueSetDefinition: { value: FUNDING_STAGES.map((f) => ({ fullName: f })) } } },
];

function seedFirmographicFields(org: Org): void {
  for (const metadata of FIRMOGRAPHIC_FIELDS) {
    const name = metadata.fullName.split('.')[1] ?? '';
    if (org.schema.customField('Account', name) === undefined) org.defineCustomField(metadata, 'edit');
  }
}

function campaigns(org: Org): ActivitySeedContext['campaignFor'] {
  const byKey = new Map<string, string>();
  return (type, occurredAt) => {
    const month = occurredAt.slice(0, 7);
    const key = `${type} ${month}`;
    let id = byKey.get(key);
    if (id === undefined) {
      id = org.insert('Campaign', { Name: `${type} ${month}`, Type: type, Status: 'Completed', StartDate: `${month}-01`, IsActive: false, ...audit(`${month}-01T00:00:00.000Z`, `${month}-01T00:00:00.000Z`) });
      byKey.set(key, id);
    }
    return id;
  };
}

export function seedOrgFromDatagen(org: Org, options: DatagenSeedOptions): SeedCounts {
  const input: DatagenInput = { seed: options.seed, accounts: options.accounts, now: options.now ?? DEFAULT_SEED_NOW, source: 'salesforce' };
  if (options.contactsPerAccount !== undefined) input.contactsPerAccount = options.contactsPerAccount;
  if (options.activitiesPerContact !== undefined) input.activitiesPerContact = options.activitiesPerContact;
  if (options.historyMonths !== undefined) input.historyMonths = options.historyMonths;
  const leadOptions: LeadSeedOptions = { leadsPerAccount: options.leadsPerAccount ?? 1, unmatchedLeadShare: options.unmatchedLeadShare ?? 0.3, convertedLeadShare: options.convertedLeadShare ?? 0.15 };
  seedUsers(org);
  seedFirmographicFields(org);
  const campaignFor = campaigns(org);
  const members = new Set<string>();
  const counts: SeedCounts = {};
  const bump = (object: string | null): void => {
    if (object !== null) counts[object] = (counts[object] ?? 0) + 1;
  };
  let index = 0;
  for (const generated of generateAccounts(input)) {
    const { account } = generated;
    const accountId = org.insert('Account', {
      Id: account.id,
      Name: account.name,
      Website: account.domain === null ? null : `https://www.${account.domain}`,
      Industry: account.industry,
      NumberOfEmployees: account.employees,
      AnnualRevenue: account.annualRevenue,
      BillingCountry: account.country,
      Type: account.isCustomer ? 'Customer - Direct' : 'Prospect',
      Technologies__c: account.technologies.length === 0 ? null : account.technologies.join(';'),
      Funding_Stage__c: typeof account.features['fundingStage'] === 'string' ? account.features['fundingStage'] : null,
      OwnerId: account.ownerId,
      ...audit(account.modifiedAt, account.modifiedAt),
    });
    bump('Account');
    const contactIds = generated.contacts.map((c) => {
      bump('Contact');
      return org.insert('Contact', { Id: c.id, AccountId: accountId, FirstName: c.firstName, LastName: c.lastName ?? 'Unknown', Email: c.email, Title: c.title, Department: c.department, OwnerId: c.ownerId, ...audit(c.modifiedAt, c.modifiedAt) });
    });
    for (const o of generated.opportunities) {
      const opportunityId = org.insert('Opportunity', { Id: o.id, AccountId: accountId, Name: (o.name ?? 'Opportunity').slice(0, 120), StageName: o.stage, Amount: o.amount, CloseDate: (o.closeDate ?? o.createdAt).slice(0, 10), OwnerId: account.ownerId, ...audit(o.createdAt, o.modifiedAt) });
      bump('Opportunity');
      o.contactIds.forEach((contactId, i) => {
        org.insert('OpportunityContactRole', { OpportunityId: opportunityId, ContactId: to18(contactId), Role: i === 0 ? 'Decision Maker' : 'Influencer', IsPrimary: i === 0, ...audit(o.createdAt, o.createdAt) });
        bump('OpportunityContactRole');
      });
    }
    const context: ActivitySeedContext = { org, ownerId: account.ownerId, campaignFor, members };
    for (const activity of generated.activities) {
      const whoId = activity.contactId === null ? null : to18(activity.contactId);
      bump(seedActivity(context, activity, whoId, activity.accountId === null ? null : accountId));
    }
    const rng = new Rng(deriveSeed(options.seed, index, 0x1ead));
    for (const lead of seedLeads(org, generated, contactIds, rng, leadOptions)) {
      bump('Lead');
      if (!lead.converted && rng.chance(0.5)) {
        const at = account.modifiedAt;
        bump(seedActivity(context, { id: '', source: 'salesforce', type: rng.pick(['email_open', 'web_visit', 'webinar'] as const), occurredAt: at, accountId: null, contactId: null, leadId: lead.id, detail: {}, modifiedAt: at }, lead.id, null));
      }
    }
    index += 1;
  }
  counts['Campaign'] = org.count('Campaign');
  return counts;
}
