/** What scoring produces. Every number carries the contributors that produced it, so explanations cannot drift from the math. */
import type { TaskDraft } from './tasks.js';

export type FitBucket = 'Strong' | 'Moderate' | 'Weak';
export type FitMode = 'rules' | 'learned';
export const BUYING_STAGES = ['Target', 'Awareness', 'Consideration', 'Decision', 'Purchase'] as const;
export type BuyingStage = (typeof BUYING_STAGES)[number];
export type Tier = 'Tier 1' | 'Tier 2' | 'Tier 3' | 'none';
export type PersonaGrade = 'A' | 'B' | 'C' | 'D';

/** One term of a score: a label a person can read and the points it added (negative = took away). */
export interface Contributor {
  label: string;
  points: number;
}

export interface FitResult {
  score: number;
  bucket: FitBucket;
  mode: FitMode;
  modelVersion: string;
  contributors: Contributor[];
}

export interface EngagementResult {
  score: number;
  contributors: Contributor[];
  /** Distinct personas among engaged contacts (the buying team). Empty for contact-level results. */
  engagedPersonas: string[];
  /** Sum of decayed, weighted activity points before scaling to 0-100. */
  raw: number;
  /** Account results: people of the buying team who count as engaged (score and persona grade high enough). */
  engagedPeople?: number;
}

export interface IntentResult {
  score: number;
  inMarket: boolean;
  surgingTopics: string[];
  contributors: Contributor[];
}

export interface StageResult {
  stage: BuyingStage;
  previousStage: BuyingStage | null;
  enteredAt: string;
  contributors: Contributor[];
}

export interface TierResult {
  tier: Tier;
  expectedAcv: number;
  /** 'override' when the CRM's manual override field decided it. */
  source: 'rules' | 'override';
  contributors: Contributor[];
}

export interface QualifiedResult {
  qualified: boolean;
  since: string | null;
  until: string | null;
}

/** The chance an account opens (or wins) an opportunity soon, as points and as the probability they stand for. */
export interface PriorityResult {
  score: number;
  /** Calibrated probability of the outcome within the horizon; null while the documented rule stands in. */
  probability: number | null;
  mode: 'learned' | 'rule';
  contributors: Contributor[];
}

export interface ContactScore {
  contactId: string;
  accountId: string | null;
  persona: string | null;
  personaScore: number;
  personaGrade: PersonaGrade;
  engagement: EngagementResult;
  lifecycleStage: string | null;
  contributors: Contributor[];
}

/**
 * A lead's score: the same persona, engagement and lifecycle as a contact's, plus the match that placed it in an
 * account's buying team (or none) and a fit: the account's when matched, its own firmographics' when not.
 */
export interface LeadScore {
  leadId: string;
  /** The account the lead is matched to; null when it matched none. */
  accountId: string | null;
  /** Why it matched, e.g. "email domain acme.com"; null when unmatched. */
  matchReason: string | null;
  persona: string | null;
  personaScore: number;
  personaGrade: PersonaGrade;
  engagement: EngagementResult;
  fit: FitResult;
  lifecycleStage: string | null;
  contributors: Contributor[];
  scoredAt: string;
}

export interface AccountScore {
  accountId: string;
  fit: FitResult;
  engagement: EngagementResult;
  intent: IntentResult;
  stage: StageResult;
  tier: TierResult;
  qualified: QualifiedResult;
  /** Absent on scores stored before the priority score existed. */
  priority?: PriorityResult;
  /** The headline a rep reads: plain words, at most 255 characters, no model ids. */
  reasons: string;
  /** Every score with all of its contributors (a long text field); absent on scores stored before it existed. */
  reasonsDetail?: string;
  scoredAt: string;
  modelVersion: string;
}

/**
 * One entry of an account's score history: the values a rep sees, without the contributors. The store keeps the
 * latest full score per account and these points over time, so a daily rescore adds ~100 bytes per account, not ~2 KB.
 */
export interface AccountScorePoint {
  scoredAt: string;
  runId: string;
  fitScore: number;
  fitBucket: FitBucket;
  engagementScore: number;
  intentScore: number;
  inMarket: boolean;
  stage: BuyingStage;
  tier: Tier;
  qualified: boolean;
  modelVersion: string;
}

/** What scoring remembers between runs for one account (from the store), so stages can dwell and qualified dates persist. */
export interface PriorAccountState {
  stage: BuyingStage | null;
  stageEnteredAt: string | null;
  previousStage: BuyingStage | null;
  qualified: boolean;
  qualifiedSince: string | null;
  qualifiedUntil: string | null;
  lifecycleByContact: Record<string, string>;
  /**
   * Lifecycle stage per matched lead. The engine fills it from the leads' own latest scores before scoring (a lead's
   * stage follows the lead when its match moves), so scoring never saves it here.
   */
  lifecycleByLead?: Record<string, string>;
  /** When each playbook rule last created a task for this account (for cooldowns). */
  lastTaskAtByRule: Record<string, string>;
  /**
   * Playbook drafts that fired on a day the account already had its playbook task: they wait (keys and windows kept)
   * and go out merged into the account's next task on a later day, so a rep gets one playbook task per account per day.
   */
  deferredTasks?: TaskDraft[];
}

/** The state of an account never scored before: scoring treats it exactly like no prior state. */
export function emptyPriorState(): PriorAccountState {
  return {
    stage: null,
    stageEnteredAt: null,
    previousStage: null,
    qualified: false,
    qualifiedSince: null,
    qualifiedUntil: null,
    lifecycleByContact: {},
    lastTaskAtByRule: {},
  };
}
