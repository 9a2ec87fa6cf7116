/** Everything one emulator instance holds: the org, the connected app, tokens, usage, cursors, jobs, faults, calls. */
import { TokenStore, type ConnectedApp } from './auth/tokens.js';
import { CallLog } from './calls.js';
import { FaultEngine, type FaultPlan } from './faults.js';
import { Org } from './org/org.js';
import type { Clock } from './values.js';

export interface BulkSettings {
  /** How many status checks a job answers InProgress before it completes (≥ 1: the first check already completes). */
  pollsToComplete: number;
  /** Minimum time (on the emulator clock) between UploadComplete and JobComplete. */
  processingMs: number;
  /** Rows per Bulk query results page when the client gives no maxRecords. */
  resultPageSize: number;
}

export interface EmulatorConfig {
  pageSize: number;
  dailyLimit: number;
  minVersion: number;
  maxVersion: number;
  bulk: BulkSettings;
  /** The integration user may use the Metadata API (Modify Metadata / Modify All Data). */
  modifyMetadata: boolean;
  /** How long an unused REST query locator stays valid. */
  queryLocatorTtlMs: number;
}

export class EmulatorState {
  readonly calls = new CallLog();
  readonly faults: FaultEngine;
  readonly tokens: TokenStore;
  apiUsed = 0;
  /** Set once the server listens. */
  url = '';

  constructor(
    readonly org: Org,
    readonly app: ConnectedApp,
    readonly config: EmulatorConfig,
    readonly clock: Clock,
    tokenTtlMs: number,
    faultPlan?: FaultPlan,
  ) {
    this.faults = new FaultEngine(faultPlan);
    this.tokens = new TokenStore(clock, org.orgId.slice(0, 15), tokenTtlMs);
  }

  limitInfo(): string {
    return `api-usage=${this.apiUsed}/${this.config.dailyLimit}`;
  }

  quotaExhausted(): boolean {
    return this.apiUsed >= this.config.dailyLimit;
  }
}
