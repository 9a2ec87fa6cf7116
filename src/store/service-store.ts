/** The store's side for `scoresync serve`: account search, event targets, rescore marks, stored dry-run plans. */
import type { AccountScorePoint } from '../model/scores.js';
import type { FieldUpdate } from '../model/sync.js';
import type { TaskDraft } from '../model/tasks.js';

/** An account found by the admin API's search. */
export interface AccountHit {
  source: string;
  id: string;
  name: string | null;
  domain: string | null;
}

/** Accounts and contacts first-party events may be keyed by (domains normalised, emails lower-cased). */
export interface EventTargets {
  accountsByDomain: Map<string, string>;
  contactsByEmail: Map<string, { contactId: string; accountId: string | null }>;
}

/** An account the next run must score (events arrived for it); cleared by that run once scored. */
export interface RescoreMark {
  accountId: string;
  markedAt: string;
}

/** The values of an account's latest score that distributions count. */
export type ScoreValues = Omit<AccountScorePoint, 'scoredAt' | 'runId' | 'modelVersion'>;

/** A dry run's plan, kept so the admin API can page through it (`GET /api/plan/:runId`). */
export interface StoredPlan {
  runId: string;
  connector: string;
  createdAt: string;
  plan: { updates: FieldUpdate[]; tasks: TaskDraft[]; names: Record<string, string> };
}

/** What `scoresync serve` adds (schema SQLite v11 / Postgres v7): search, event targets, rescore marks, stored plans. */
export interface ServiceStore {
  /** Accounts of any source whose name or domain contains `q` (case-insensitive), by name. */
  searchAccounts(q: string, limit: number): Promise<AccountHit[]>;
  findEventTargets(source: string, domains: readonly string[], emails: readonly string[]): Promise<EventTargets>;
  /** Marks accounts for the next run (a newer mark of the same account replaces the older). */
  markForRescore(source: string, accountIds: readonly string[], at: string): Promise<void>;
  rescoreMarks(source: string): Promise<RescoreMark[]>;
  /** Clears exactly these marks: an account marked again after they were read stays marked. */
  clearRescoreMarks(source: string, marks: readonly RescoreMark[]): Promise<void>;
  latestScoreValues(source: string): Promise<ScoreValues[]>;
  /** Keeps the plan; only the newest `keep` plans of the connector are kept. */
  savePlan(plan: StoredPlan, keep: number): Promise<void>;
  getPlan(runId: string): Promise<StoredPlan | null>;
}
