/**
 * The seeded CRM data generator. It yields one account at a time with its contacts, opportunities, activities and
 * intent rows (and, when asked, the leads around it), so 100k accounts / 1M contacts / 5M activities stream through
 * in bounded memory.
 */
import type { AccountBundle } from '../../src/model/records.js';
import { generateLeads, type GeneratedLead, type LeadPlant } from './leads.js';
import { generateAccountRecord } from './account.js';
import { generateActivities } from './activities.js';
import { generateContacts } from './contacts.js';
import { generateIntent } from './intent.js';
import { planJourney, type Journey } from './journey.js';
import { generateOpportunities } from './opportunities.js';
import { resolveOptions, type DatagenInput, type DatagenOptions } from './options.js';
import { latentFit } from './planted-fit.js';
import { deriveSeed, Rng } from './random.js';

/** What the generator planted for an account; hidden from scoring, available to tests and benchmarks. */
export interface PlantedTruth {
  /** True probability that an opportunity on this account is won (see planted-fit.ts). */
  latentFit: number;
  journey: Journey;
  surging: boolean;
  /** How each generated lead was planted to match (or not): lead id → plant. */
  leadPlants: Record<string, LeadPlant>;
}

/**
 * `leads` are the leads planted to match this account (unconverted), with their activities among `activities`, as a
 * bundle holds them. The converted leads and the ones from companies outside the CRM are in `otherLeads`.
 */
export interface GeneratedAccount extends AccountBundle {
  otherLeads: GeneratedLead[];
  truth: PlantedTruth;
}

/** Independent random streams per account, so e.g. more activities never change an account's firmographics or deals. */
const STREAM = { account: 1, contacts: 2, opportunities: 3, journey: 4, activities: 5, intent: 6, customer: 7, leads: 8 } as const;

/** Share of accounts with a won deal that the CRM marks as current customers (≈3% of all accounts). */
const CUSTOMER_SHARE_OF_WINNERS = 0.18;

function streamFor(options: DatagenOptions, index: number, stream: number): Rng {
  return new Rng(deriveSeed(options.seed, index, stream));
}

/** Generates account number `index` (0-based) of a data set; the same options and index always give the same records. */
export function generateAccount(options: DatagenOptions, index: number): GeneratedAccount {
  const account = generateAccountRecord(streamFor(options, index, STREAM.account), index, options);
  const contacts = generateContacts(streamFor(options, index, STREAM.contacts), account, index, options);
  const opportunities = generateOpportunities(streamFor(options, index, STREAM.opportunities), account, index, contacts, options);
  const fit = latentFit(account);
  const plan = planJourney(streamFor(options, index, STREAM.journey), fit, opportunities);
  const activities = generateActivities(streamFor(options, index, STREAM.activities), account, index, contacts, opportunities, plan, options);
  const intent = generateIntent(streamFor(options, index, STREAM.intent), account, plan, options);
  const hasWon = opportunities.some((o) => o.isWon);
  account.isCustomer = hasWon && streamFor(options, index, STREAM.customer).chance(CUSTOMER_SHARE_OF_WINNERS);
  const leads = options.leadsPerAccount > 0 ? generateLeads(streamFor(options, index, STREAM.leads), account, index, contacts, options) : [];
  const matching = leads.filter((l) => l.plant !== 'converted' && l.plant !== 'unmatched');
  return {
    account,
    contacts: contacts.map((c) => c.contact),
    leads: matching.map((l) => l.lead),
    opportunities,
    activities: matching.length === 0 ? activities : [...activities, ...matching.flatMap((l) => l.activities)],
    intent,
    otherLeads: leads.filter((l) => !matching.includes(l)),
    truth: { latentFit: fit, journey: plan.journey, surging: plan.surging, leadPlants: Object.fromEntries(leads.map((l) => [l.lead.id, l.plant])) },
  };
}

/** Streams `accounts` generated accounts, one bundle at a time. Options are validated up front (DatagenOptionsError). */
export function generateAccounts(input: DatagenInput): Iterable<GeneratedAccount> {
  const options = resolveOptions(input);
  return {
    *[Symbol.iterator]() {
      for (let index = 0; index < options.accounts; index += 1) yield generateAccount(options, index);
    },
  };
}
