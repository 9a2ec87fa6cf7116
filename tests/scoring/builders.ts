/** Small hand-built records for scoring tests. */
import { ScoringConfigSchema, type ScoringConfig } from '../../src/config/scoring-schema.js';
import type { Account, AccountBundle, Activity, ActivityType, Contact, IntentSignal, Opportunity } from '../../src/model/records.js';
import type { PriorAccountState } from '../../src/model/scores.js';
import type { ScoringModels } from '../../src/scoring/api.js';

export const NOW = new Date('2026-11-23T12:00:00.000Z');
const DAY = 86_400_000;

export function daysAgo(days: number, from: Date = NOW): string {
  return new Date(from.getTime() - days * DAY).toISOString();
}

export function config(partial: unknown = {}): ScoringConfig {
  return ScoringConfigSchema.parse(partial);
}

export function account(over: Partial<Account> = {}): Account {
  return {
    id: 'A1', source: 'file', name: 'Acme', domain: 'acme.com', industry: null, employees: null, annualRevenue: null, country: null,
    technologies: [], ownerId: 'U1', isCustomer: false, tierOverride: null, features: {}, modifiedAt: daysAgo(1), crmValues: {}, ...over,
  };
}

export function contact(id: string, over: Partial<Contact> = {}): Contact {
  return {
    id, source: 'file', accountId: 'A1', email: `${id}@acme.com`, firstName: id, lastName: null, title: null, department: null,
    seniority: null, ownerId: null, features: {}, modifiedAt: daysAgo(1), crmValues: {}, ...over,
  };
}

let seq = 0;
export function activity(type: ActivityType, ageDays: number, over: Partial<Activity> = {}): Activity {
  seq++;
  return { id: `act${seq}`, source: 'file', type, occurredAt: daysAgo(ageDays), accountId: 'A1', contactId: null, leadId: null, detail: {}, modifiedAt: daysAgo(ageDays), ...over };
}

export function opportunity(id: string, over: Partial<Opportunity> = {}): Opportunity {
  return { id, source: 'file', accountId: 'A1', name: id, stage: 'Discovery', isClosed: false, isWon: false, amount: null, createdAt: daysAgo(10), closeDate: null, contactIds: [], modifiedAt: daysAgo(1), ...over };
}

export function intent(topic: string, score: number, ageDays = 2): IntentSignal {
  return { domain: 'acme.com', topic, score, observedAt: daysAgo(ageDays), source: 'bombora' };
}

export function bundle(over: Partial<AccountBundle> = {}): AccountBundle {
  return { account: account(), contacts: [], leads: [], opportunities: [], activities: [], intent: [], ...over };
}

export function rulesModels(): ScoringModels {
  return { version: 'rules-test', fitMode: 'rules', fitModeReason: 'test', trainedAt: NOW.toISOString(), params: { schema: 1, fit: null, persona: null, acv: { byGroup: {}, overall: null } } };
}

export function prior(over: Partial<PriorAccountState> = {}): PriorAccountState {
  return { stage: null, stageEnteredAt: null, previousStage: null, qualified: false, qualifiedSince: null, qualifiedUntil: null, lifecycleByContact: {}, lastTaskAtByRule: {}, ...over };
}
