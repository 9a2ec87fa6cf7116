/**
 * The one interface the engine uses to talk to a CRM. Every connector (file, salesforce, hubspot) implements it;
 * the engine never imports a connector module directly, only this file and the registry.
 */
import type { ObjectKind, RecordByKind, WritableKind } from '../model/records.js';
import type { FieldUpdate, TaskOutcome, WriteOutcome } from '../model/sync.js';
import type { TaskDraft } from '../model/tasks.js';
import type { MappingFile } from '../config/mapping-types.js';
import type { Logger } from '../log/logger.js';

/** A record the connector could not map; reported with where it came from and why, and counted in the run. */
export interface RecordReject {
  /** e.g. "accounts.csv line 12" or "Account 001xx0000001" */
  location: string;
  field?: string;
  reason: string;
}

export interface PullPage<K extends ObjectKind> {
  records: RecordByKind[K][];
  rejects: RecordReject[];
  /**
   * Highest modification stamp (ISO) of the records delivered so far in this pull. The engine persists it only
   * after the page's records are stored, so a crash never moves the watermark past unstored records.
   */
  watermark: string | null;
  /**
   * Records deleted in the CRM (e.g. Salesforce's recycle bin through queryAll): the engine removes them from the
   * store, so they are no longer scored and none of their outputs are planned.
   */
  deletedIds?: string[];
}

export interface PullOptions {
  /** Pull records modified at or after this instant; null = full pull. The engine already subtracted the overlap window. */
  since: string | null;
  /**
   * The stored watermark `since` was computed from (null on a full pull or a first run). Records stamped at or after
   * it are new to the store; those between `since` and it were read by an earlier run and are only re-read in case
   * they committed late, so a connector may leave out the ones its own writes last touched (Salesforce does).
   */
  watermark?: string | null;
}

export interface ApiUsage {
  /** API calls this connector made since it was created. */
  calls: number;
  /** The CRM's own limit and what remains, when its responses report them. */
  limit: number | null;
  remaining: number | null;
}

export interface MappingIssue {
  object: string;
  field: string;
  /**
   * 'input': a field the connector reads (a mapped source field, the id, the modification stamp, or the object itself):
   * the engine stops every run and dry run before pulling while one exists, because scores would silently change.
   * 'output': a field we write: reported before writing, the run goes on (see docs/mappings.md).
   */
  role: 'input' | 'output';
  problem: string;
  fix: string;
}

export interface SetupAction {
  object: string;
  field: string;
  action: 'exists' | 'create' | 'created';
  detail: string;
}

export interface Connector {
  readonly name: string;
  /** The largest batch the CRM's write API accepts for field updates (200 Salesforce, 100 HubSpot). */
  readonly writeBatchSize: number;
  readonly taskBatchSize: number;
  /**
   * The character set output values must fit in, when the CRM cannot hold every character (the file connector's
   * `encoding: latin1`). The engine folds planned text into it ("−" → "-") before diffing, so what is planned is
   * what is stored and a re-run sees no difference. Absent: any Unicode text.
   */
  readonly outputEncoding?: string;
  /** Verify credentials/paths; throw a ConnectorError with a message a person can act on. */
  check(): Promise<void>;
  /**
   * Housekeeping before a run reads anything, called once per run while the run holds the connector's lock (so it
   * never races another run): the file connector removes temp files a killed run left. Optional.
   */
  prepareRun?(): Promise<void>;
  pull<K extends ObjectKind>(kind: K, options: PullOptions): AsyncIterable<PullPage<K>>;
  /** Write one batch (≤ writeBatchSize). One outcome per update, matched by record id. */
  writeFields(kind: WritableKind, updates: FieldUpdate[]): Promise<WriteOutcome[]>;
  /**
   * Create tasks (≤ taskBatchSize). Must be idempotent by `key`: a task whose key already exists in the CRM
   * is reported `ok` with `alreadyExisted: true` instead of being created again.
   */
  createTasks(tasks: TaskDraft[]): Promise<TaskOutcome[]>;
  /** Check the mapping against the CRM's own description of its fields. */
  validateMapping(): Promise<MappingIssue[]>;
  /** Create missing output fields (or list what would be created when dryRun). */
  setupOutputs(options: { dryRun: boolean }): Promise<SetupAction[]>;
  usage(): ApiUsage;
  close(): Promise<void>;
}

export interface ConnectorContext {
  mapping: MappingFile;
  /** Connector-specific settings from config (already validated by that connector's schema). */
  settings: Record<string, unknown>;
  logger: Logger;
}

export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly connector: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}
