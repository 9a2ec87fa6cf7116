/** Small builders for canonical records used by the backtest and ICP tests. */
import type { Account, AccountBundle, Activity, Contact, Opportunity } from '../../src/model/records.js';

export function account(id: string, overrides: Partial<Account> = {}): Account {
  return {
    id,
    source: 'test',
    name: `Account ${id}`,
    domain: `${id}.example.com`,
    industry: null,
    employees: null,
    annualRevenue: null,
    country: null,
    technologies: [],
    ownerId: 'owner-1',
    isCustomer: false,
    tierOverride: null,
    features: {},
    modifiedAt: '2026-01-01T00:00:00.000Z',
    crmValues: {},
    ...overrides,
  };
}

export function contact(id: string, accountId: string, overrides: Partial<Contact> = {}): Contact {
  return {
    id,
    source: 'test',
    accountId,
    email: `${id}@example.com`,
    firstName: null,
    lastName: null,
    title: null,
    department: null,
    seniority: null,
    ownerId: null,
    features: {},
    modifiedAt: '2026-01-01T00:00:00.000Z',
    crmValues: {},
    ...overrides,
  };
}

export function opportunity(id: string, accountId: string, overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id,
    source: 'test',
    accountId,
    name: `Opp ${id}`,
    stage: 'Prospecting',
    isClosed: false,
    isWon: false,
    amount: 10_000,
    createdAt: '2026-01-01T00:00:00.000Z',
    closeDate: null,
    contactIds: [],
    modifiedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function won(id: string, accountId: string, createdAt: string, closeDate: string): Opportunity {
  return opportunity(id, accountId, { stage: 'Closed Won', isClosed: true, isWon: true, createdAt, closeDate });
}

export function activity(id: string, accountId: string, occurredAt: string, overrides: Partial<Activity> = {}): Activity {
  return { id, source: 'test', type: 'web_visit', occurredAt, accountId, contactId: null, leadId: null, detail: {}, modifiedAt: occurredAt, ...overrides };
}

export function bundle(acc: Account, parts: Partial<Omit<AccountBundle, 'account'>> = {}): AccountBundle {
  return { account: acc, contacts: [], leads: [], opportunities: [], activities: [], intent: [], ...parts };
}
