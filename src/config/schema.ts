/**
 * Schema of config/scoresync.yaml: which connector runs, where state lives, connector settings, the scoring
 * file, sync and budget knobs, logging. Strict objects everywhere a typo could silently be ignored.
 */
import iconv from 'iconv-lite';
import { z } from 'zod';
import { ACTIVITY_TYPES } from '../model/records.js';
import type { FixHints } from './zod-issues.js';
import { SCHEDULE_FIX_HINTS, SchedulesSchema, ServiceSchema } from './schedule-schema.js';

export const CONNECTOR_NAMES = ['file', 'salesforce', 'hubspot'] as const;
export type ConnectorName = (typeof CONNECTOR_NAMES)[number];

export const DEFAULT_SQLITE_PATH = '.scoresync/state.db';

const SqliteStateSchema = z.strictObject({
  driver: z.literal('sqlite'),
  /** Relative to the working directory; `:memory:` for a throwaway store. */
  path: z.string().min(1).default(DEFAULT_SQLITE_PATH),
});

const PostgresStateSchema = z.strictObject({
  driver: z.literal('postgres'),
  url: z.string().min(1),
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'a lowercase SQL identifier')
    .default('scoresync'),
});

/** `driver` may be left out: a `url` means postgres, anything else sqlite. */
function inferDriver(value: unknown): unknown {
  if (value === undefined || value === null) return { driver: 'sqlite' };
  if (typeof value !== 'object' || Array.isArray(value) || 'driver' in value) return value;
  return { driver: 'url' in value ? 'postgres' : 'sqlite', ...value };
}

const StateSchema = z.preprocess(inferDriver, z.discriminatedUnion('driver', [SqliteStateSchema, PostgresStateSchema]));

const mappingPath = z.string().min(1);

const FileConnectorSchema = z.strictObject({
  mapping: mappingPath,
  /** Folder of CSV files (accounts.csv, contacts.csv, …); relative to the config file. */
  dataDir: z.string().min(1),
  /** Character encoding of every file in the folder; files are read and written back byte for byte in it. */
  encoding: z
    .string()
    .superRefine((name, ctx) => {
      if (iconv.encodingExists(name)) return;
      ctx.addIssue({ code: 'custom', message: `"${name}" is not an encoding ScoreSync can read`, params: { fix: CONFIG_FIX_HINTS['connectors.file.encoding'] } });
    })
    .default('utf8'),
  /** An accounts file with no rows is refused (every contact would be skipped) unless this says it is intended. */
  allowEmptyAccounts: z.boolean().default(false),
});

/** A Salesforce activity (Task, Event or responded CampaignMember) → canonical activity type; the first rule that matches wins. */
const SalesforceActivityRuleSchema = z.strictObject({
  object: z.enum(['Task', 'Event', 'CampaignMember']),
  /** Task.TaskSubtype / Event.EventSubtype (Email, Call, Task, Event …). */
  subtype: z.string().min(1).optional(),
  /** The record's Type picklist (Task/Event Type, or the Campaign's Type for a CampaignMember). */
  type: z.string().min(1).optional(),
  /** The Subject starts with this text (case-insensitive), e.g. "Email Opened". */
  subjectStartsWith: z.string().min(1).optional(),
  as: z.enum(ACTIVITY_TYPES),
});

/**
 * Salesforce: where to log in and how much of the org to use. Credentials never live here: they come from the
 * SALESFORCE_* environment variables (connectors/salesforce/settings.ts), read only when this connector is used.
 */
export const SalesforceConnectorSchema = z.strictObject({
  mapping: mappingPath,
  /** Overrides SALESFORCE_LOGIN_URL (default https://login.salesforce.com; My Domain for client credentials). */
  loginUrl: z.url().optional(),
  /** Overrides SALESFORCE_INSTANCE_URL; normally the token response names the instance. */
  instanceUrl: z.url().optional(),
  // An unquoted `apiVersion: 62.0` is a YAML number; accept it as the version it obviously means.
  apiVersion: z
    .preprocess((value) => (typeof value === 'number' ? value.toFixed(1) : value), z.string().regex(/^\d{2,3}\.0$/, 'an API version like 62.0'))
    .default('62.0'),
  /** Salesforce calls in flight at once. */
  concurrency: z.number().int().min(1).max(25).default(4),
  /** A full pull of an object with more records than this uses a Bulk API 2.0 query job instead of REST pages. */
  bulkQueryThreshold: z.number().int().min(2_000).default(50_000),
  /** More changed records than this for one object in a run go through one Bulk API 2.0 ingest job. */
  bulkWriteThreshold: z.number().int().min(1).default(2_000),
  /**
   * Records of one object the engine hands the connector at once. Above bulkWriteThreshold a batch is one Bulk API 2.0
   * job (a handful of calls whatever its size), so large batches spend the fewest calls; a kill re-sends at most one.
   */
  writeBatchSize: z.number().int().min(200).max(150_000).default(100_000),
  /** Seconds a Bulk API 2.0 job may take before the run gives up on it. */
  bulkTimeoutSeconds: z.number().int().min(10).max(86_400).default(600),
  /** Rules before the built-in ones (connectors/salesforce/BEHAVIOR.md lists those). */
  activityTypes: z.array(SalesforceActivityRuleSchema).default([]),
});

const HubspotConnectorSchema = z.looseObject({
  mapping: mappingPath,
  accessToken: z.string().min(1),
  basePath: z.url().optional(),
});

const ConnectorsSchema = z.strictObject({
  file: FileConnectorSchema.optional(),
  salesforce: SalesforceConnectorSchema.optional(),
  hubspot: HubspotConnectorSchema.optional(),
});

const SyncSchema = z
  .strictObject({
    overlapMinutes: z.number().int().min(0).max(1440).default(10),
    rescoreAllEveryHours: z.number().positive().max(24 * 30).default(24),
    retrainEveryHours: z.number().positive().max(24 * 90).default(24),
    maxAttempts: z.number().int().min(1).max(50).default(5),
    retryForHours: z.number().positive().max(24 * 90).default(72),
    lockLeaseSeconds: z.number().int().min(5).max(3600).default(30),
    lockRenewSeconds: z.number().int().min(1).max(1800).default(10),
    /** Replaced by the heartbeat lease (lockLeaseSeconds); still accepted, ignored with a warning. */
    lockTtlSeconds: z.number().int().min(1).optional(),
    scoreBatchSize: z.number().int().min(1).max(100_000).default(500),
    scoreWorkers: z.number().int().min(1).max(64).default(2),
    keepWrittenDays: z.number().int().min(1).max(3650).default(30),
    keepScoreHistoryDays: z.number().int().min(1).max(3650).default(365),
  })
  .superRefine((sync, ctx) => {
    if (sync.lockRenewSeconds * 2 <= sync.lockLeaseSeconds) return;
    ctx.addIssue({
      code: 'custom',
      path: ['lockRenewSeconds'],
      message: `${sync.lockRenewSeconds} is more than half of lockLeaseSeconds (${sync.lockLeaseSeconds}): one late heartbeat would lose the lock`,
      params: { fix: `renew at most every ${Math.floor(sync.lockLeaseSeconds / 2)} s, e.g. lockRenewSeconds: ${Math.max(1, Math.floor(sync.lockLeaseSeconds / 3))}` },
    });
  });

/**
 * The CRM's daily API allowance is shared with people and other integrations: a run stops writing before the day's
 * usage passes 100 − reservePercent % (80 % by default) and before it has used runSharePercent % of the daily limit
 * itself; what is left stays queued, most important first (docs/configuration.md "budgets").
 */
const BudgetsSchema = z.strictObject({
  reservePercent: z.number().min(0).max(100).default(20),
  runSharePercent: z.number().gt(0).max(100).default(25),
  maxCallsPerRun: z.number().int().positive().nullable().default(null),
});

const LoggingSchema = z.strictObject({
  level: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
});

export const ScoreSyncConfigSchema = z
  .strictObject({
    defaultConnector: z.enum(CONNECTOR_NAMES).default('file'),
    state: StateSchema,
    connectors: ConnectorsSchema,
    scoring: z.string().min(1).default('scoring.yaml'),
    sync: SyncSchema.prefault({}),
    budgets: BudgetsSchema.prefault({}),
    logging: LoggingSchema.prefault({}),
    /** What `scoresync serve` runs when (see schedule-schema.ts). */
    schedules: SchedulesSchema.prefault({}),
    service: ServiceSchema.prefault({}),
  })
  .superRefine(checkDefaultConnector, {
    // Report it together with any other problem, as long as the two keys it compares are readable.
    when: (payload) => isMap(payload.value) && isMap(payload.value.connectors) && typeof payload.value.defaultConnector === 'string',
  })
  .superRefine(checkScheduledConnectors, {
    when: (payload) => isMap(payload.value) && isMap(payload.value.connectors) && (payload.value.schedules === undefined || isMap(payload.value.schedules)),
  });

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkDefaultConnector(config: { defaultConnector: string; connectors: Record<string, unknown> }, ctx: z.core.$RefinementCtx): void {
  if (config.connectors[config.defaultConnector] !== undefined) return;
  const configured = Object.keys(config.connectors).filter((name) => config.connectors[name] !== undefined);
  ctx.addIssue({
    code: 'custom',
    path: ['defaultConnector'],
    message: `"${config.defaultConnector}" is chosen, but connectors has no ${config.defaultConnector} section`,
    params: {
      allowed: configured.length > 0 ? `Configured connectors: ${configured.join(', ')}` : 'No connector is configured yet',
      fix: `add a connectors.${config.defaultConnector} section with its mapping file, or set defaultConnector to a configured one`,
    },
  });
}

/** A schedule for a connector that is not configured would fail at every tick: refuse it at load time. */
function checkScheduledConnectors(config: { connectors: Record<string, unknown>; schedules?: Record<string, unknown> }, ctx: z.core.$RefinementCtx): void {
  for (const name of CONNECTOR_NAMES) {
    if (config.schedules?.[name] === undefined || config.connectors[name] !== undefined) continue;
    ctx.addIssue({
      code: 'custom',
      path: ['schedules', name],
      message: `jobs are scheduled for connector "${name}", but connectors has no ${name} section`,
      params: { fix: `add a connectors.${name} section, or remove schedules.${name}` },
    });
  }
}

export type ScoreSyncConfig = z.output<typeof ScoreSyncConfigSchema>;
export type StateConfig = ScoreSyncConfig['state'];

/** Advice for values of the wrong type or range, by YAML path. */
export const CONFIG_FIX_HINTS: FixHints = {
  'state.path': 'write a file path ending in .db (relative to the working directory), e.g. path: .scoresync/state.db',
  'state.url': 'write a Postgres URL and keep the password in the environment, e.g. url: postgres://scoresync:${PGPASSWORD}@db:5432/scoresync',
  'state.schema': 'write a lowercase schema name of letters, digits and underscores, e.g. schema: scoresync',
  'connectors.*.mapping': 'write the path of the mapping file, relative to this config file, e.g. mapping: ../mappings/file.yaml',
  'connectors.file.dataDir': 'write the folder holding accounts.csv, contacts.csv, …, relative to this config file, e.g. dataDir: ../examples/crm',
  'connectors.file.encoding': 'write the encoding the files are saved in, e.g. encoding: latin1 (or windows-1252, utf16le); leave it out for UTF-8',
  'connectors.file.allowEmptyAccounts': 'write true only if an accounts file with no rows is intended, e.g. allowEmptyAccounts: true',
  'connectors.salesforce.instanceUrl': 'write your org URL, e.g. instanceUrl: https://acme.my.salesforce.com, or leave it out and set SALESFORCE_INSTANCE_URL',
  'connectors.salesforce.loginUrl': 'write https://login.salesforce.com, https://test.salesforce.com for a sandbox, or your My Domain URL',
  'connectors.salesforce.apiVersion': 'write a quoted API version, e.g. apiVersion: "62.0"',
  'connectors.salesforce.concurrency': 'write a whole number of calls in flight between 1 and 25, e.g. concurrency: 4',
  'connectors.salesforce.bulkQueryThreshold': 'write a whole number of records (at least 2000), e.g. bulkQueryThreshold: 50000',
  'connectors.salesforce.bulkWriteThreshold': 'write a whole number of records, e.g. bulkWriteThreshold: 2000',
  'connectors.salesforce.bulkTimeoutSeconds': 'write a whole number of seconds, e.g. bulkTimeoutSeconds: 600',
  'connectors.salesforce.activityTypes': 'write a list of rules, e.g. activityTypes: [{ object: Task, subjectStartsWith: "Webinar", as: webinar }]',
  'connectors.hubspot.accessToken': 'write accessToken: ${HUBSPOT_ACCESS_TOKEN} and export HUBSPOT_ACCESS_TOKEN=… (a private app token; secrets are only read from the environment)',
  'connectors.hubspot.basePath': 'write the API base URL, e.g. basePath: https://api.hubapi.com',
  scoring: 'write the path of the scoring file, relative to this config file, e.g. scoring: scoring.yaml',
  'sync.overlapMinutes': 'write a whole number of minutes between 0 and 1440, e.g. overlapMinutes: 10',
  'sync.rescoreAllEveryHours': 'write a number of hours, e.g. rescoreAllEveryHours: 24',
  'sync.retrainEveryHours': 'write a number of hours, e.g. retrainEveryHours: 24',
  'sync.maxAttempts': 'write a whole number of attempts between 1 and 50, e.g. maxAttempts: 5',
  'sync.retryForHours': 'write a number of hours, e.g. retryForHours: 72',
  'sync.lockLeaseSeconds': 'write a whole number of seconds between 5 and 3600, e.g. lockLeaseSeconds: 30',
  'sync.lockRenewSeconds': 'write a whole number of seconds, at most half of lockLeaseSeconds, e.g. lockRenewSeconds: 10',
  'sync.lockTtlSeconds': 'remove lockTtlSeconds; the lock is now a heartbeat lease set by lockLeaseSeconds (default 30)',
  'sync.scoreBatchSize': 'write a whole number of accounts per batch, e.g. scoreBatchSize: 500',
  'sync.scoreWorkers': 'write a whole number of worker threads between 1 and 64 (1 scores in the main thread), e.g. scoreWorkers: 2',
  'budgets.reservePercent': 'write a percentage between 0 and 100, e.g. reservePercent: 20',
  'budgets.runSharePercent': 'write a percentage above 0 and at most 100, e.g. runSharePercent: 25',
  'budgets.maxCallsPerRun': 'write a whole number of API calls, or null for no limit, e.g. maxCallsPerRun: 5000',
  ...SCHEDULE_FIX_HINTS,
};
