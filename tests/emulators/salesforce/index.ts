/**
 * The Salesforce emulator's test-facing API. `startSalesforceEmulator()` starts a loopback HTTP server that answers
 * like a Salesforce org (OAuth, REST query/describe/sObjects/collections, Bulk API 2.0, Metadata API) and returns
 * handles to inspect and seed its org, count its calls and change its fault plan. See README.md.
 */
import type { Server } from 'node:http';
import type { ConnectedApp } from './auth/tokens.js';
import type { CallLog } from './calls.js';
import type { FaultPlan } from './faults.js';
import { Org } from './org/org.js';
import { readSnapshot, restoreOrg, snapshotOrg, writeSnapshot, type OrgSnapshot } from './persist.js';
import { seedOrgFromDatagen, type DatagenSeedOptions, type SeedCounts } from './seed/datagen-org.js';
import { listen } from './server.js';
import { EmulatorState, type BulkSettings, type EmulatorConfig } from './state.js';
import type { Clock } from './values.js';

export type { CallLog, CallRecord, CallSelector } from './calls.js';
export type { FaultKind, FaultPlan, FaultSpec } from './faults.js';
export type { Org, OrgUser } from './org/org.js';
export type { SfRecord, WriteLogEntry } from './org/store.js';
export type { OrgSnapshot } from './persist.js';
export type { DatagenSeedOptions, SeedCounts } from './seed/datagen-org.js';

export interface OrgSetup {
  /** Seed from bench/datagen: N accounts with contacts, opportunities, contact roles, activities and Leads. */
  datagen?: Omit<DatagenSeedOptions, 'seed'> & { seed?: number };
  /** Custom fields that already exist, in Metadata API form, with the integration user's access (default edit). */
  customFields?: (Record<string, unknown> & { access?: 'none' | 'read' | 'edit' })[];
  /** Anything else: runs after the seeding above. */
  setup?: (org: Org) => void;
  /** Username of the integration user (default integration@scoresync.test). */
  username?: string;
}

export interface SalesforceEmulatorOptions {
  /** Seeds the data generator and the fault plan's random choices. */
  seed?: number;
  org?: OrgSetup;
  faultPlan?: FaultPlan;
  /** Records per REST query page (Salesforce: at most 2,000). */
  pageSize?: number;
  /** DailyApiRequests; calls beyond it answer 403 REQUEST_LIMIT_EXCEEDED. */
  dailyLimit?: number;
  /** API requests already used today when the emulator starts. */
  apiUsed?: number;
  /** Access token lifetime on the emulator clock (default 2 hours, Salesforce's default session timeout). */
  tokenTtlMs?: number;
  /** The emulator's clock (default the system clock). */
  clock?: () => number | Date;
  /** Port on 127.0.0.1 (default: any free port). */
  port?: number;
  app?: Partial<ConnectedApp>;
  bulk?: Partial<BulkSettings>;
  apiVersions?: { min?: number; max?: number };
  /** false: the integration user lacks Modify Metadata, every Metadata API call is an INSUFFICIENT_ACCESS fault. */
  modifyMetadata?: boolean;
  queryLocatorTtlMs?: number;
  /** Resume the org from this state file when it exists, and keep writing it (within 200 ms of every call). */
  stateFile?: string;
}

export interface SalesforceEmulator {
  url: string;
  port: number;
  org: Org;
  calls: CallLog;
  /** What a connector needs to log in (client id and secret, username, a valid refresh token). */
  credentials: { clientId: string; clientSecret: string; username: string; refreshToken: string };
  /** SALESFORCE_* environment variables pointing a ScoreSync run at this emulator (client credentials flow). */
  env(): Record<string, string>;
  seedCounts: SeedCounts;
  resetCalls(): void;
  setFaultPlan(plan: FaultPlan | undefined): void;
  /** Every issued access token stops working (the next call answers 401 INVALID_SESSION_ID). */
  expireSessions(): void;
  apiUsage(): { used: number; max: number };
  setApiUsage(used: number): void;
  snapshot(): OrgSnapshot;
  /** Writes the org to the state file now (also done after every call when `stateFile` is set). */
  saveState(file?: string): void;
  stop(): Promise<void>;
}

/** Writing the whole org after every call would make a large org crawl; changes are written within this delay. */
const STATE_SAVE_DELAY_MS = 200;

function toClock(clock: SalesforceEmulatorOptions['clock']): Clock {
  if (clock === undefined) return () => Date.now();
  return () => {
    const value = clock();
    return value instanceof Date ? value.getTime() : value;
  };
}

function connectedApp(seed: number, username: string, app: Partial<ConnectedApp> = {}): ConnectedApp {
  return {
    clientId: `3MVG9emulator${seed}.ScoreSync`,
    clientSecret: `emulator-secret-${seed}`,
    username,
    refreshTokens: [`5Aep861emulator.refresh.${seed}`],
    clientCredentialsEnabled: true,
    ...app,
  };
}

function config(options: SalesforceEmulatorOptions): EmulatorConfig {
  return {
    pageSize: Math.min(2000, Math.max(1, options.pageSize ?? 2000)),
    dailyLimit: options.dailyLimit ?? 15_000,
    minVersion: options.apiVersions?.min ?? 31,
    maxVersion: options.apiVersions?.max ?? 66,
    bulk: { pollsToComplete: 2, processingMs: 0, resultPageSize: 50_000, ...options.bulk },
    modifyMetadata: options.modifyMetadata ?? true,
    queryLocatorTtlMs: options.queryLocatorTtlMs ?? 15 * 60_000,
  };
}

function seedOrg(org: Org, setup: OrgSetup | undefined, seed: number): SeedCounts {
  for (const { access, ...metadata } of setup?.customFields ?? []) org.defineCustomField(metadata, access ?? 'edit');
  const counts = setup?.datagen === undefined ? {} : seedOrgFromDatagen(org, { seed, ...setup.datagen });
  setup?.setup?.(org);
  return counts;
}

export async function startSalesforceEmulator(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  const seed = options.seed ?? 1;
  const clock = toClock(options.clock);
  const username = options.org?.username ?? 'integration@scoresync.test';
  const org = new Org({ clock, username });
  const stateFile = options.stateFile;
  let seedCounts: SeedCounts = {};
  let apiUsed = options.apiUsed ?? 0;
  const resumed = stateFile === undefined ? null : tryRead(stateFile);
  if (resumed === null) seedCounts = seedOrg(org, options.org, seed);
  else {
    restoreOrg(org, resumed);
    apiUsed = resumed.apiUsed;
  }
  const state = new EmulatorState(org, connectedApp(seed, username, options.app), config(options), clock, options.tokenTtlMs ?? 2 * 3_600_000, options.faultPlan);
  state.apiUsed = apiUsed;
  const save = (file: string | undefined = stateFile): void => {
    if (file !== undefined) writeSnapshot(file, snapshotOrg(org, state.apiUsed));
  };
  let pending: NodeJS.Timeout | null = null;
  const saveSoon = (): void => {
    if (stateFile === undefined || pending !== null) return;
    pending = setTimeout(() => {
      pending = null;
      save();
    }, STATE_SAVE_DELAY_MS);
    pending.unref();
  };
  const server: Server = await listen(state, options.port ?? 0, saveSoon);
  save();
  const port = Number(new URL(state.url).port);
  const refreshToken = state.app.refreshTokens[0] ?? '';
  return {
    url: state.url,
    port,
    org,
    calls: state.calls,
    seedCounts,
    credentials: { clientId: state.app.clientId, clientSecret: state.app.clientSecret, username, refreshToken },
    env: () => ({
      SALESFORCE_LOGIN_URL: state.url,
      SALESFORCE_INSTANCE_URL: state.url,
      SALESFORCE_CLIENT_ID: state.app.clientId,
      SALESFORCE_CLIENT_SECRET: state.app.clientSecret,
    }),
    resetCalls: () => state.calls.reset(),
    setFaultPlan: (plan) => state.faults.setPlan(plan),
    expireSessions: () => state.tokens.expireAll(),
    apiUsage: () => ({ used: state.apiUsed, max: state.config.dailyLimit }),
    setApiUsage: (used) => {
      state.apiUsed = used;
    },
    snapshot: () => snapshotOrg(org, state.apiUsed),
    saveState: (file) => save(file),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (pending !== null) clearTimeout(pending);
        save();
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

function tryRead(file: string): OrgSnapshot | null {
  try {
    return readSnapshot(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
