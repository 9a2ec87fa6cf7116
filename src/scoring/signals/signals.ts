/** Assembles the named signal values that stage, tier, qualification and playbook rules are evaluated against. */
import type { Account } from '../../model/records.js';
import type { FitResult, IntentResult } from '../../model/scores.js';
import type { CompiledConfig } from '../compile.js';
import type { SignalValues } from '../rules/conditions.js';
import { DAY_MS } from '../time.js';
import type { ActivityDigest } from './activity-digest.js';
import type { OpportunitySummary } from './opportunities.js';

export interface SignalInputs {
  account: Account;
  contactCount: number;
  fit: FitResult;
  engagementScore: number;
  engagedContacts: number;
  engagedPersonas: number;
  intent: IntentResult;
  surgeRatio: number;
  opportunities: OpportunitySummary;
  digest: ActivityDigest;
}

export function buildSignals(input: SignalInputs, compiled: CompiledConfig, nowMs: number): SignalValues {
  const { digest, opportunities: opps } = input;
  const signals: SignalValues = {
    fitScore: input.fit.score,
    fitBucket: input.fit.bucket,
    engagementScore: input.engagementScore,
    engagedContacts: input.engagedContacts,
    engagedPersonas: input.engagedPersonas,
    contacts: input.contactCount,
    daysSinceLastActivity: Number.isNaN(digest.lastActivityMs) ? null : Math.floor((nowMs - digest.lastActivityMs) / DAY_MS),
    intentScore: input.intent.score,
    inMarket: input.intent.inMarket,
    surgeRatio: Math.round(input.surgeRatio * 100) / 100,
    surgingTopics: input.intent.surgingTopics.length,
    openOpportunity: opps.openCount > 0,
    openOpportunityAmount: opps.openAmount,
    openOpportunityStage: opps.openStage,
    wonOpportunities: opps.wonCount,
    isCustomer: input.account.isCustomer,
    lateStageOpportunity: opps.openStage !== null && compiled.lateOpportunityStages.has(opps.openStage.trim().toLowerCase()),
    employees: input.account.employees,
    annualRevenue: input.account.annualRevenue,
  };
  compiled.counters.forEach((c, i) => (signals[c.name] = digest.counters[i] ?? 0));
  return signals;
}
