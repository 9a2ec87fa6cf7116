/** The store's lead side: matches to accounts (decided by src/leads, kept here) and the unmatched leads' own bundles and scores. */
import type { AccountMatchKey } from '../leads/match-lead.js';
import type { Lead, LeadBundle } from '../model/records.js';
import type { LeadScore } from '../model/scores.js';
import type { LoadBundleOptions } from './store.js';

/** Where a lead stands: matched to an account, matched to none, or converted (its contact carries it on). */
export type LeadMatchStatus = 'matched' | 'unmatched' | 'converted';

/** One lead's match as the engine decided it, with the keys it can match on (see src/leads/match-lead.ts). */
export interface LeadMatchRecord {
  leadId: string;
  status: LeadMatchStatus;
  /** Set exactly when status is 'matched'. */
  accountId: string | null;
  reason: string | null;
  /** `domain:<host>` / `name:<key>`: a changed account with one of these keys may now attract the lead. */
  keys: string[];
}

/** A lead whose account changed (either side null: it was or is now unmatched or converted). */
export interface LeadMatchChange {
  leadId: string;
  from: string | null;
  to: string | null;
  /** The status the lead has now. */
  status: LeadMatchStatus;
}

/** Leads: their matches to accounts (decided by src/leads, kept here) and the unmatched ones' own bundles and scores. */
export interface LeadStore {
  /** What the lead matcher needs of every account (id, stored domain, name, employees). */
  accountMatchKeys(source: string): Promise<AccountMatchKey[]>;
  listLeadIds(source: string): Promise<string[]>;
  /** The stored leads with these ids (unknown ids skipped), in no particular order. */
  getLeads(source: string, ids: string[]): Promise<Lead[]>;
  /** Leads with any of these match keys, or matched to any of these accounts: the leads a changed account may move. */
  leadIdsNear(source: string, keys: string[], accountIds: string[]): Promise<string[]>;
  /** Store matches (replacing each lead's previous one); returns the leads whose account changed. */
  saveLeadMatches(source: string, matches: LeadMatchRecord[]): Promise<LeadMatchChange[]>;
  leadMatches(source: string, leadIds: string[]): Promise<Map<string, LeadMatchRecord>>;
  /** Every stored lead that is neither matched nor converted (they are scored on their own). */
  unmatchedLeadIds(source: string): Promise<string[]>;
  /** Bundles of those of `leadIds` that are unmatched and unconverted, in the order of `leadIds`. */
  loadLeadBundles(source: string, leadIds: string[], options?: Pick<LoadBundleOptions, 'activitiesSince'>): Promise<LeadBundle[]>;
  /** Each lead's latest score (one per lead, replaced). */
  saveLeadScores(source: string, runId: string, scores: LeadScore[]): Promise<void>;
  latestLeadScores(source: string, leadIds: string[]): Promise<Map<string, LeadScore>>;
}
