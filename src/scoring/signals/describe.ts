/** Plain words for a signal's current value, used when explaining which rule conditions held. */
import type { CompiledConfig } from '../compile.js';
import { formatNumber } from '../contributors.js';
import type { SignalValue } from '../rules/conditions.js';

const PHRASES: Record<string, (v: SignalValue) => string> = {
  fitScore: (v) => `fit ${formatNumber(Number(v))}`,
  fitBucket: (v) => `${String(v)} fit`,
  engagementScore: (v) => `engagement ${formatNumber(Number(v))}`,
  engagedContacts: (v) => `${String(v)} engaged ${v === 1 ? 'contact' : 'contacts'}`,
  engagedPersonas: (v) => `${String(v)} engaged ${v === 1 ? 'persona' : 'personas'}`,
  contacts: (v) => `${String(v)} contacts`,
  daysSinceLastActivity: (v) => (v === null ? 'no activity' : `last activity ${formatNumber(Number(v))} d ago`),
  intentScore: (v) => `intent ${formatNumber(Number(v))}`,
  inMarket: (v) => (v ? 'in market' : 'not in market'),
  surgeRatio: (v) => `web activity ${Number(v).toFixed(1)}× baseline`,
  surgingTopics: (v) => `${String(v)} surging topics`,
  openOpportunity: (v) => (v ? 'open opportunity' : 'no open opportunity'),
  openOpportunityAmount: (v) => `open pipeline ${formatNumber(Number(v))}`,
  openOpportunityStage: (v) => `opportunity stage ${String(v)}`,
  wonOpportunities: (v) => `${String(v)} won deals`,
  isCustomer: (v) => (v ? 'customer' : 'not a customer'),
  lateStageOpportunity: (v) => (v ? 'late-stage opportunity' : 'no late-stage opportunity'),
  employees: (v) => `${formatNumber(Number(v))} employees`,
  annualRevenue: (v) => `revenue ${formatNumber(Number(v))}`,
  expectedAcv: (v) => `expected ACV ${formatNumber(Number(v))}`,
  stage: (v) => `stage ${String(v)}`,
  tier: (v) => String(v),
  qualified: (v) => (v ? 'qualified' : 'not qualified'),
};

export function describeSignal(name: string, value: SignalValue, compiled: CompiledConfig): string {
  const counter = compiled.counters.find((c) => c.name === name);
  if (counter) return `${counter.label} ${String(value)}× in ${counter.windowDays} days`;
  const phrase = PHRASES[name];
  return phrase ? phrase(value) : `${name} ${String(value)}`;
}
