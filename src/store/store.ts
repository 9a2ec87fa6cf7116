/**
 * The state store: everything ScoreSync remembers between runs. SQLite by default, Postgres for multi-instance
 * deployments; both implement this interface and pass the same contract tests (tests/store/contract.ts).
 * All methods are async so the Postgres implementation fits without changing callers.
 */
import type { AccountBundle, CrmOutputValues, IntentSignal, ObjectKind, RecordByKind } from '../model/records.js';
import type { AccountScore, AccountScorePoint, BuyingStage, ContactScore, PriorAccountState } from '../model/scores.js';
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

export interface StoredModel {
  name: string;
  version: string;
  trainedAt: string;
  body: unknown;
}

export interface StateStore {
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
  /** Account ids affected by the given records: the account itself, a contact's account, an opportunity's, an activity's (directly or via its contact). */
  affectedAccountIds(source: string, kind: ObjectKind, ids: string[]): Promise<string[]>;
  listAccountIds(source: string): Promise<string[]>;
  /** Full bundles (account, its contacts, opportunities, activities, matching intent) in the order of `accountIds`. */
  loadBundles(source: string, accountIds: string[], options?: LoadBundleOptions): Promise<AccountBundle[]>;
  /** After a successful write, remember that the CRM now holds these output values. */
  setCrmValues(source: string, kind: 'account' | 'contact', id: string, values: CrmOutputValues): Promise<void>;
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
