import type { Connector, RecordReject } from '../connector/connector.js';
import type { MappingFile } from '../config/mapping-types.js';
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { Logger } from '../log/logger.js';
import type { ScoringApi } from '../scoring/api.js';
import type { StoreOptions } from '../store/open-store.js';
import type { StateStore } from '../store/store.js';
import type { FaultHooks } from './faults.js';
import type { RunLease } from './run-lease.js';
import type { ProgressReporter } from './progress.js';
import type { SyncSettings } from './settings.js';

/** Everything a run needs, injected so tests can swap the clock, sleep and fault points. */
export interface EngineDeps {
  store: StateStore;
  connector: Connector;
  mapping: MappingFile;
  scoring: ScoringApi;
  scoringConfig: ScoringConfig;
  settings: SyncSettings;
  logger: Logger;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  progress: ProgressReporter;
  faults?: FaultHooks;
  /** How `store` was opened: lets score workers open their own connection to it (none: score in-process). */
  storeOptions?: StoreOptions;
  /** The run lock this run holds (set by the engine): confirmed before every CRM write, so a run that lost it stops. */
  lease?: { confirm(): Promise<void> };
}

export interface RunOptions {
  /** Ignore watermarks and pull everything; rescore and retrain everything. */
  full: boolean;
  /** Pull and score, but write nothing to the CRM and persist no plan (the `plan` command). */
  dryRun: boolean;
  /** Lets the caller tag its own log lines with the run id before the run starts (default: a new UUID). */
  runId?: string;
  /**
   * Run under a lock the caller already holds (`scoresync serve` holds the connector's run lock across runs): the
   * engine then neither takes nor releases it. Default: the run takes the lock itself and releases it at the end.
   */
  lease?: RunLease;
  /** Stops the run at its next batch boundary with RunStoppedError (serve's graceful shutdown). */
  stop?: AbortSignal;
}

export interface RejectReport extends RecordReject {
  kind: string;
}
