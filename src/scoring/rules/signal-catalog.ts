/**
 * The computed signals that declarative rules may reference, their kinds, and which rule families may use them
 * (a stage rule cannot look at the tier, because the tier is computed after the stage).
 */
import { closestMatch } from '../../config/suggest.js';
import { BUYING_STAGES } from '../../model/scores.js';

export type SignalKind = 'number' | 'boolean' | 'text' | 'fitBucket' | 'stage' | 'tier';
export type RulePhase = 'stage' | 'tier' | 'qualified' | 'playbook';

export const FIT_BUCKET_ORDER = ['Weak', 'Moderate', 'Strong'] as const;
export const TIER_ORDER = ['none', 'Tier 3', 'Tier 2', 'Tier 1'] as const;

/** Ordered values of the ordinal kinds: comparisons like `fitBucket: { gte: Moderate }` use these ranks. */
export const ORDINALS: Partial<Record<SignalKind, readonly string[]>> = {
  fitBucket: FIT_BUCKET_ORDER,
  stage: BUYING_STAGES,
  tier: TIER_ORDER,
};

interface SignalSpec {
  kind: SignalKind;
  /** The first phase whose rules may NOT use it (it is computed in that phase). */
  computedIn?: RulePhase;
}

export const BUILTIN_SIGNALS: Record<string, SignalSpec> = {
  fitScore: { kind: 'number' },
  fitBucket: { kind: 'fitBucket' },
  engagementScore: { kind: 'number' },
  engagedContacts: { kind: 'number' },
  engagedPersonas: { kind: 'number' },
  contacts: { kind: 'number' },
  daysSinceLastActivity: { kind: 'number' },
  intentScore: { kind: 'number' },
  inMarket: { kind: 'boolean' },
  surgeRatio: { kind: 'number' },
  surgingTopics: { kind: 'number' },
  openOpportunity: { kind: 'boolean' },
  openOpportunityAmount: { kind: 'number' },
  openOpportunityStage: { kind: 'text' },
  wonOpportunities: { kind: 'number' },
  isCustomer: { kind: 'boolean' },
  lateStageOpportunity: { kind: 'boolean' },
  employees: { kind: 'number' },
  annualRevenue: { kind: 'number' },
  expectedAcv: { kind: 'number' },
  stage: { kind: 'stage', computedIn: 'stage' },
  tier: { kind: 'tier', computedIn: 'tier' },
  qualified: { kind: 'boolean', computedIn: 'qualified' },
};

const PHASE_ORDER: RulePhase[] = ['stage', 'tier', 'qualified', 'playbook'];

/** Kind of a signal as seen from rules of `phase`, or an explanation of why it cannot be used there. */
export function lookupSignal(name: string, phase: RulePhase, counterNames: readonly string[]): { kind: SignalKind } | { error: string } {
  if (counterNames.includes(name)) return { kind: 'number' };
  const spec = BUILTIN_SIGNALS[name];
  if (!spec) {
    const candidates = [...Object.keys(BUILTIN_SIGNALS), ...counterNames];
    const near = closestMatch(name, candidates);
    const known = candidates.join(', ');
    return { error: `unknown signal '${name}'${near ? ` (did you mean '${near}'?)` : ''}. Fix: use one of ${known}, or define a counter '${name}' under signals.counters.` };
  }
  if (spec.computedIn && PHASE_ORDER.indexOf(phase) <= PHASE_ORDER.indexOf(spec.computedIn)) {
    return { error: `signal '${name}' is computed after ${phase} rules run, so they cannot use it. Fix: remove it from this rule.` };
  }
  return { kind: spec.kind };
}
