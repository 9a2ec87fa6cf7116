/**
 * The state store: everything ScoreSync remembers between runs. SQLite by default, Postgres for multi-instance
 * deployments; both implement this interface and pass the same contract tests (tests/store/contract.ts).
 * All methods are async so the Postgres implementation fits without changing callers.
 */
import type { AccountBundle, CrmOutputValues, IntentSignal, ObjectKind, RecordByKind, WritableKind } from '../model/records.js';
import type { AccountScore, AccountScorePoint, BuyingStage, ContactScore, PriorAccountState } from '../model/scores.js';
import type { FieldUpdate, OutboxItem, OutboxPayload, RunRecord } from '../model/sync.js';
import type { LeadStore } from './lead-store.js';
import type { ServiceStore } from './service-store.js';

export type { LeadMatchChange, LeadMatchRecord, LeadMatchStatus, LeadStore } from './lead-store.js';
export type { AccountHit, EventTargets, RescoreMark, ScoreValues, ServiceStore, StoredPlan } from './service-store.js';

/** Per object kind; 'rescore-all': when every account was last rescored; 'mapping': the hash of the mapping last run with. */
export type WatermarkStream = ObjectKind | 'rescore-all' | 'mapping';

/** Which waiting writes to replay. Absent keys do not narrow. */
export interface OutboxReplayFilter {
  /** Writes whose last failure was in this run. */
  runId?: string;
  /** Writes for these accounts (a field item's account, a task's account). */
  accountIds?: readonly string[];
  type?: OutboxPayload['type'];
}

/** Who tried a write and failed, and when a retryable failure may be tried again. */
export interface OutboxFailure {
  runId: string;
  failedAt: string;
  /** For a retryable failure: not before then. */
  retryAt?: string;
}

/** Who holds a lock: enough to tell on the same machine whether the holder is still alive. */
export interface LockHolder {
  /** Host name, for people. */
  host: string;
  /** Host name plus process-id namespace: two holders with the same key can check each other's pid. */
  hostKey: string;
  pid: number;
}

export interface LockInfo extends Partial<LockHolder> {
  name: string;
  owner: string;
  expiresAt: string;
  acquiredAt: string | null;
  renewedAt: string | null;
}

/** Records that point at an account the store does not have (or at none): they belong to no bundle and are never scored. */
export interface OrphanReport {
  contacts: number;
  opportunities: number;
  /** A few of them, to name in the run summary. */
  examples: { kind: 'contact' | 'opportunity'; id: string; accountId: string | null }[];
}

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

export interface StoredModel {
  name: string;
  version: string;
  trainedAt: string;
  body: unknown;
}

export interface StateStore extends LeadStore, ServiceStore {
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
  /**
   * Remove records deleted in the CRM (a lead also loses its match and score); returns how many were held.
   * Unknown ids are ignored, so a deletion seen twice is harmless.
   */
  deleteRecords(source: string, kind: ObjectKind, ids: string[]): Promise<number>;
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
  /** Contacts and opportunities whose account is not in the store (or who name none), with up to `sample` examples. */
  orphanRecords(source: string, sample: number): Promise<OrphanReport>;
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
  /**
   * Persist a run's plan in one transaction; items whose (connector, dedupe key) is already pending are replaced, not
   * duplicated (attempts and a scheduled retry are kept).
   */
  enqueueOutbox(runId: string, connector: string, payloads: OutboxPayload[]): Promise<number>;
  /** Pending items by priority; with `dueAt`, only those not put off past it by a retryable failure. */
  pendingOutbox(connector: string, limit: number, dueAt?: string): Promise<OutboxItem[]>;
  countPendingOutbox(connector: string, dueAt?: string): Promise<number>;
  /** The items with these ids, in any status (a retry pass re-reads what failed in it). */
  outboxItems(ids: readonly number[]): Promise<OutboxItem[]>;
  markOutboxDone(ids: number[]): Promise<void>;
  /**
   * A write failed: a retryable failure stays pending (attempts + 1, tried again from `failure.retryAt`), a permanent one
   * moves to failed. `remaining`, when given, replaces the payload: the part of the item that was not written.
   * `failure` names the run that tried (it becomes the item's run) and starts the failure clock (`firstFailedAt`).
   */
  markOutboxFailed(id: number, error: string, permanent: boolean, remaining?: OutboxPayload, failure?: OutboxFailure): Promise<void>;
  /** Part of a pending item was written and nothing failed (the run stopped mid-item): keep only what is left. */
  keepOutboxRemainder(id: number, remaining: OutboxPayload): Promise<void>;
  /** The same for many items at once (the push settles every CRM batch this way, so a kill re-sends at most one batch). */
  keepOutboxRemainders(items: readonly { id: number; payload: OutboxPayload }[]): Promise<void>;
  /** Writes that failed for good, split off an item whose other writes are still retried: a failed item of their own. */
  addFailedOutbox(runId: string, connector: string, payload: OutboxPayload, error: string, attempts: number): Promise<void>;
  failedOutbox(connector: string, limit: number): Promise<OutboxItem[]>;
  /** Failed items and pending items put off by a retryable failure, newest first; with `runId`, only that run's. */
  waitingOutbox(connector: string, filter: { runId?: string }, limit: number): Promise<OutboxItem[]>;
  countWaitingOutbox(connector: string): Promise<{ failed: number; retrying: number }>;
  /**
   * Replays waiting writes: failed items go back to pending (attempts and failure clock reset; merged into a pending
   * item of the same key when there is one) and pending items put off by a retry are due at once. Returns how many.
   */
  replayOutbox(connector: string, filter: OutboxReplayFilter): Promise<number>;
  /**
   * The failed field updates of these field items (by dedupe key: `fieldsKey(accountId)` for an account and its contacts,
   * `leadFieldsKey(leadId)` for a lead), which a new plan may hold back instead of re-sending.
   */
  failedFieldUpdates(connector: string, fieldKeys: readonly string[]): Promise<Map<string, FieldUpdate[]>>;
  /**
   * After a new plan for these field items: each failed item keeps only the updates of the records in its set (still
   * held back, unchanged); the rest are superseded by the new plan and dropped. An emptied item is deleted.
   */
  keepFailedFieldUpdates(connector: string, held: ReadonlyMap<string, ReadonlySet<string>>): Promise<void>;
  /** Drops failed field items (these, by dedupe key, or all): their records are re-planned from scratch. Returns how many. */
  forgetFailedFieldWrites(connector: string, fieldKeys: readonly string[] | 'all'): Promise<number>;

  // --- task ledger: the memory that makes tasks idempotent ---
  getLedgerEntries(keys: string[]): Promise<Map<string, TaskLedgerEntry>>;
  planLedgerEntries(entries: TaskLedgerEntry[]): Promise<void>;
  markLedgerCreated(key: string, crmId: string | null, at: string): Promise<void>;

  // --- runs ---
  saveRun(run: RunRecord): Promise<void>;
  getRun(id: string): Promise<RunRecord | null>;
  listRuns(limit: number): Promise<RunRecord[]>;
  /**
   * Marks every run of the connector still `running`, other than `exceptRunId`, as `abandoned` (its process died: the
   * caller holds the connector's lock, which every run holds while it runs). Returns their ids.
   */
  abandonRuns(connector: string, exceptRunId: string, at: string, reason: string): Promise<string[]>;

  // --- run lock: a short lease the holder renews (heartbeat), so a killed process blocks others for seconds ---
  /** Takes the lock when it is free, expired or already `owner`'s; `holder` is stored for liveness checks. */
  acquireLock(name: string, owner: string, ttlMs: number, now: Date, holder?: LockHolder): Promise<boolean>;
  /** Takes the lock from `fromOwner` (known dead), only if that owner still holds it. */
  takeOverLock(name: string, fromOwner: string, owner: string, ttlMs: number, now: Date, holder?: LockHolder): Promise<boolean>;
  renewLock(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
  getLock(name: string): Promise<LockInfo | null>;
}

/** The outbox methods, which each back end implements in one file (sqlite/outbox.ts, postgres/outbox.ts). */
export type OutboxMethods = Pick<
  StateStore,
  | 'enqueueOutbox'
  | 'pendingOutbox'
  | 'countPendingOutbox'
  | 'outboxItems'
  | 'markOutboxDone'
  | 'markOutboxFailed'
  | 'keepOutboxRemainder'
  | 'keepOutboxRemainders'
  | 'addFailedOutbox'
  | 'failedOutbox'
>;

/** The waiting-write methods (sqlite/waiting.ts, postgres/waiting.ts). */
export type WaitingMethods = Pick<
  StateStore,
  'waitingOutbox' | 'countWaitingOutbox' | 'replayOutbox' | 'failedFieldUpdates' | 'keepFailedFieldUpdates' | 'forgetFailedFieldWrites'
>;
