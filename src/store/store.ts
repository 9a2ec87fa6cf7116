/**
 * The state store: everything ScoreSync remembers between runs. SQLite by default, Postgres for multi-instance
 * deployments; both implement this interface and pass the same contract tests (tests/store/contract.ts).
 * All methods are async so the Postgres implementation fits without changing callers.
 */
import type { AccountMatchKey } from '../leads/match-lead.js';
import type { AccountBundle, CrmOutputValues, IntentSignal, Lead, LeadBundle, ObjectKind, RecordByKind, WritableKind } from '../model/records.js';
import type { AccountScore, AccountScorePoint, BuyingStage, ContactScore, LeadScore, PriorAccountState } from '../model/scores.js';
import type { OutboxItem, OutboxPayload, RunRecord } from '../model/sync.js';

export type WatermarkStream = ObjectKind | 'rescore-all';

export interface TaskLedgerEntry {
  key: string;
  rule: string;
  accountId: string;
  status: 'planned' | 'created';
  crmId: string | null;
  plannedAt: string;
  createdAt: string | null;
}

export interface StageChange {
  accountId: string;
  fromStage: BuyingStage | null;
  toStage: BuyingStage;
  changedAt: string;
  runId: string;
}

/** What a bundle load may leave out when the caller does not read it (the model trainer never reads activities). */
export interface LoadBundleOptions {
  /** Default true; false returns every bundle with `activities: []` without reading them. */
  activities?: boolean;
  /**
   * Only activities that occurred at or after this ISO instant (scoring's lookback); each bundle then carries
   * `olderActivityAt`, the latest date of those left out.
   */
  activitiesSince?: string;
}

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

export interface StoredModel {
  name: string;
  version: string;
  trainedAt: string;
  body: unknown;
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

export interface StateStore extends LeadStore {
  readonly driver: 'sqlite' | 'postgres';
  close(): Promise<void>;
  /**
   * Runs `body` as one transaction: every write it makes through this store commits together or not at all (nested
   * calls join the outer one). The engine persists each scored batch — plan, task ledger, scoring state — this way.
   */
  transaction<T>(body: () => Promise<T>): Promise<T>;

  // --- canonical records (keyed by source connector, kind and id) ---
  /** Insert or replace records; returns the ids whose content actually changed (new or different hash). */
  upsertRecords<K extends ObjectKind>(source: string, kind: K, records: RecordByKind[K][]): Promise<string[]>;
  getRecord<K extends ObjectKind>(source: string, kind: K, id: string): Promise<RecordByKind[K] | null>;
  countRecords(source: string, kind: ObjectKind): Promise<number>;
  /**
   * Account ids affected by the given records: the account itself, a contact's account, an opportunity's, a lead's
   * (its matched account, or for a converted lead its contact's and converted account), an activity's (directly, via
   * its contact, or via its lead as a lead's).
   */
  affectedAccountIds(source: string, kind: ObjectKind, ids: string[]): Promise<string[]>;
  /** Lead ids affected by the given records: the leads themselves, or the leads the activities are on. */
  affectedLeadIds(source: string, kind: ObjectKind, ids: string[]): Promise<string[]>;
  listAccountIds(source: string): Promise<string[]>;
  /**
   * Full bundles (account, its contacts, matched leads, opportunities, activities, matching intent) in the order of
   * `accountIds`. Activities of a converted lead come with its converted contact's (as that contact's, see
   * AccountBundle.activities).
   */
  loadBundles(source: string, accountIds: string[], options?: LoadBundleOptions): Promise<AccountBundle[]>;
  /** After a successful write, remember that the CRM now holds these output values. */
  setCrmValues(source: string, kind: WritableKind, id: string, values: CrmOutputValues): Promise<void>;
  upsertIntent(signals: IntentSignal[]): Promise<number>;

  // --- watermarks (per object kind, plus 'rescore-all': when every account was last rescored) ---
  getWatermark(source: string, stream: WatermarkStream): Promise<string | null>;
  setWatermark(source: string, stream: WatermarkStream, value: string): Promise<void>;

  // --- scores and history ---
  saveScores(source: string, runId: string, accounts: AccountScore[], contacts: ContactScore[]): Promise<void>;
  latestAccountScore(source: string, accountId: string): Promise<AccountScore | null>;
  latestContactScores(source: string, accountId: string): Promise<ContactScore[]>;
  /** The account's score over time, newest first (the latest full score is `latestAccountScore`). */
  accountScoreHistory(source: string, accountId: string, limit: number): Promise<AccountScorePoint[]>;
  /**
   * Retention: removes done outbox items last updated before `writesBefore` and score history points scored before
   * `scoresBefore`. Pending and failed items, latest scores and stage history are kept. Returns what it removed.
   */
  pruneHistory(writesBefore: string, scoresBefore: string): Promise<{ writes: number; scorePoints: number }>;
  getPriorStates(source: string, accountIds: string[]): Promise<Map<string, PriorAccountState>>;
  savePriorStates(source: string, states: Map<string, PriorAccountState>): Promise<void>;
  recordStageChanges(source: string, changes: StageChange[]): Promise<void>;
  stageHistory(source: string, accountId: string): Promise<StageChange[]>;
  saveModel(model: StoredModel): Promise<void>;
  latestModel(name: string): Promise<StoredModel | null>;

  // --- outbox: planned writes, durable before anything is pushed ---
  /** Persist a run's plan in one transaction; items whose (connector, dedupe key) is already pending are replaced, not duplicated. */
  enqueueOutbox(runId: string, connector: string, payloads: OutboxPayload[]): Promise<number>;
  pendingOutbox(connector: string, limit: number): Promise<OutboxItem[]>;
  countPendingOutbox(connector: string): Promise<number>;
  markOutboxDone(ids: number[]): Promise<void>;
  /**
   * A write failed: a retryable failure stays pending (attempts + 1), a permanent one moves to failed. `remaining`, when
   * given, replaces the payload: the part of the item that was not written (a partly written item keeps only that).
   */
  markOutboxFailed(id: number, error: string, permanent: boolean, remaining?: OutboxPayload): Promise<void>;
  /** Part of a pending item was written and nothing failed (the run stopped mid-item): keep only what is left. */
  keepOutboxRemainder(id: number, remaining: OutboxPayload): Promise<void>;
  /** Writes that failed for good, split off an item whose other writes are still retried: a failed item of their own. */
  addFailedOutbox(runId: string, connector: string, payload: OutboxPayload, error: string, attempts: number): Promise<void>;
  failedOutbox(connector: string, limit: number): Promise<OutboxItem[]>;

  // --- task ledger: the memory that makes tasks idempotent ---
  getLedgerEntries(keys: string[]): Promise<Map<string, TaskLedgerEntry>>;
  planLedgerEntries(entries: TaskLedgerEntry[]): Promise<void>;
  markLedgerCreated(key: string, crmId: string | null, at: string): Promise<void>;

  // --- runs ---
  saveRun(run: RunRecord): Promise<void>;
  getRun(id: string): Promise<RunRecord | null>;
  listRuns(limit: number): Promise<RunRecord[]>;

  // --- run lock: a lease, so a killed process blocks others only until the lease expires ---
  acquireLock(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  renewLock(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
}
