/** Small builders for canonical records and scores, so each contract test states only what it is about. */
import type { Account, Activity, Contact, Lead, Opportunity } from '../../src/model/records.js';
import type { AccountScore, ContactScore, LeadScore } from '../../src/model/scores.js';
import type { FieldUpdate, OutboxPayload, RunRecord } from '../../src/model/sync.js';
import { emptyCounts } from '../../src/model/sync.js';
import type { TaskDraft } from '../../src/model/tasks.js';

export const SOURCE = 'file';
export const T0 = '2024-03-01T00:00:00.000Z';

export function account(id: string, overrides: Partial<Account> = {}): Account {
  return {
    id,
    source: SOURCE,
    name: `Account ${id}`,
    domain: `${id}.example.com`,
    industry: 'Software',
    employees: 120,
    annualRevenue: 5_000_000,
    country: 'US',
    technologies: ['salesforce'],
    ownerId: 'owner-1',
    isCustomer: false,
    tierOverride: null,
    features: {},
    modifiedAt: T0,
    crmValues: {},
    ...overrides,
  };
}

export function contact(id: string, accountId: string | null, overrides: Partial<Contact> = {}): Contact {
  return {
    id,
    source: SOURCE,
    accountId,
    email: `${id}@example.com`,
    firstName: 'Ada',
    lastName: id,
    title: 'VP Engineering',
    department: 'Engineering',
    seniority: 'VP',
    ownerId: null,
    features: {},
    modifiedAt: T0,
    crmValues: {},
    ...overrides,
  };
}

export function lead(id: string, overrides: Partial<Lead> = {}): Lead {
  return {
    id,
    source: SOURCE,
    email: `${id}@lead.example.com`,
    firstName: 'Lin',
    lastName: id,
    title: 'Data Engineer',
    department: 'Data',
    seniority: 'Individual Contributor',
    ownerId: null,
    company: `Company ${id}`,
    website: null,
    industry: 'Software',
    employees: 50,
    annualRevenue: null,
    country: 'US',
    isConverted: false,
    convertedContactId: null,
    convertedAccountId: null,
    features: {},
    modifiedAt: T0,
    crmValues: {},
    ...overrides,
  };
}

export function leadActivity(id: string, leadId: string, occurredAt = T0, accountId: string | null = null): Activity {
  return { ...activity(id, accountId, null, occurredAt), leadId };
}

export function leadScore(leadId: string, accountId: string | null, personaScore = 60): LeadScore {
  return {
    leadId,
    accountId,
    matchReason: accountId === null ? null : 'email domain example.com',
    persona: 'Champion',
    personaScore,
    personaGrade: 'B',
    engagement: { score: 12, contributors: [], engagedPersonas: [], raw: 7 },
    fit: { score: 55, bucket: 'Moderate', mode: 'rules', modelVersion: 'rules-1', contributors: [] },
    lifecycleStage: 'MQL',
    contributors: [],
    scoredAt: T0,
  };
}

export function opportunity(id: string, accountId: string | null, overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id,
    source: SOURCE,
    accountId,
    name: `Deal ${id}`,
    stage: 'Discovery',
    isClosed: false,
    isWon: false,
    amount: 25_000,
    createdAt: T0,
    closeDate: null,
    contactIds: [],
    modifiedAt: T0,
    ...overrides,
  };
}

export function activity(id: string, accountId: string | null, contactId: string | null, occurredAt = T0): Activity {
  return { id, source: SOURCE, type: 'email_open', occurredAt, accountId, contactId, leadId: null, detail: { subject: id }, modifiedAt: occurredAt };
}

export function accountScore(accountId: string, scoredAt: string, fitScore = 50): AccountScore {
  const contributors = [{ label: 'industry matches', points: 10 }];
  return {
    accountId,
    fit: { score: fitScore, bucket: 'Moderate', mode: 'rules', modelVersion: 'rules-1', contributors },
    engagement: { score: 10, contributors, engagedPersonas: ['Economic buyer'], raw: 3.5 },
    intent: { score: 0, inMarket: false, surgingTopics: [], contributors: [] },
    stage: { stage: 'Awareness', previousStage: null, enteredAt: scoredAt, contributors },
    tier: { tier: 'Tier 2', expectedAcv: 25_000, source: 'rules', contributors },
    qualified: { qualified: false, since: null, until: null },
    reasons: 'industry matches (+10)',
    scoredAt,
    modelVersion: 'rules-1',
  };
}

export function contactScore(contactId: string, accountId: string | null, personaScore = 70): ContactScore {
  return {
    contactId,
    accountId,
    persona: 'Economic buyer',
    personaScore,
    personaGrade: 'B',
    engagement: { score: 5, contributors: [], engagedPersonas: [], raw: 1 },
    lifecycleStage: null,
    contributors: [],
  };
}

export function fieldsPayload(recordId: string, priority: number, newValue = '71'): OutboxPayload {
  const update: FieldUpdate = {
    kind: 'account',
    recordId,
    priority,
    changes: [{ output: 'fitScore', crmField: 'Fit_Score__c', oldValue: '62', newValue }],
  };
  return { type: 'fields', accountId: recordId, updates: [update] };
}

export function taskPayload(key: string, subject = 'Call the buying team'): OutboxPayload {
  const task: TaskDraft = {
    key,
    rule: 'became-qualified',
    accountId: 'a1',
    contactId: null,
    ownerId: 'owner-1',
    subject,
    body: 'Fit and stage both crossed the bar.',
    dueDate: '2024-03-04',
    priority: 'High',
  };
  return { type: 'task', task };
}

export function run(id: string, startedAt: string): RunRecord {
  return { id, connector: SOURCE, mode: 'run', status: 'running', startedAt, finishedAt: null, counts: emptyCounts(), errors: [] };
}

export const byId = <T extends { id: string }>(items: T[]): string[] => items.map((i) => i.id);
