/**
 * The Salesforce connector: a Salesforce org through jsforce 3.10.16 (REST, Bulk API 2.0, Metadata API). Settings
 * and credentials are read when it is created (so a missing variable fails fast, exit 2); the login happens on the
 * first call. BEHAVIOR.md lists every Salesforce behaviour this relies on and where it is documented.
 */
import type { ObjectMapping } from '../../src/config/mapping-types.js';
import type { ApiUsage, Connector, ConnectorContext, MappingIssue, PullOptions, PullPage, SetupAction } from '../../src/connector/connector.js';
import type { ObjectKind, WritableKind } from '../../src/model/records.js';
import type { FieldUpdate, TaskOutcome, WriteOutcome } from '../../src/model/sync.js';
import type { TaskDraft } from '../../src/model/tasks.js';
import { BUILT_IN_RULES } from './activities.js';
import { createSalesforceApi, type SalesforceApi } from './api.js';
import { connect } from './auth.js';
import { isQuotaError } from './call-failure.js';
import { createSalesforceTasks } from './create-tasks.js';
import { CONNECTOR_NAME, SalesforceConnectorError } from './errors.js';
import { validateSalesforceMapping } from './mapping-check.js';
import { pullKind, type PullContext } from './pull.js';
import { createSchemas, type Schemas } from './schemas.js';
import { resolveSettings } from './settings.js';
import { setupSalesforceOutputs } from './setup-outputs.js';
import { writeFieldUpdates } from './write-fields.js';

/** Salesforce's limits per call: sObject Collections take 200 records (BEHAVIOR.md "Writes"). */
const COLLECTION_SIZE = 200;

export interface SalesforceConnectorOptions {
  /** Environment to read SALESFORCE_* from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

interface Session {
  api: SalesforceApi;
  schemas: Schemas;
}

interface Limits {
  DailyApiRequests?: { Max: number; Remaining: number };
}

export function createSalesforceConnector(ctx: ConnectorContext, options: SalesforceConnectorOptions = {}): Connector {
  const settings = resolveSettings(ctx.settings, options.env ?? process.env);
  const logger = ctx.logger.child({ connector: CONNECTOR_NAME });
  let session: Promise<Session> | null = null;
  let orgLimits: { limit: number; remaining: number } | null = null;

  function open(): Promise<Session> {
    if (session === null) {
      session = connect(settings, logger).then((conn) => {
        const api = createSalesforceApi(conn, { concurrency: settings.concurrency });
        return { api, schemas: createSchemas(api) };
      });
      session.catch(() => (session = null)); // a failed login is tried again by the next call
    }
    return session;
  }

  function mappingFor(kind: ObjectKind): ObjectMapping {
    const mapping = ctx.mapping.objects[kind];
    if (mapping) return mapping;
    throw new SalesforceConnectorError(`The mapping has no "${kind}" object. Fix: add objects.${kind} to mappings/salesforce.yaml.`, 'config', 'NOT_MAPPED');
  }

  let usageOf: () => ApiUsage = () => ({ calls: 0, limit: null, remaining: null });

  return {
    name: CONNECTOR_NAME,
    writeBatchSize: settings.writeBatchSize,
    taskBatchSize: COLLECTION_SIZE,

    async check(): Promise<void> {
      const { api } = await open();
      usageOf = api.usage;
      const versions = await api.call((conn) => conn.request<{ version: string }[]>('/services/data'));
      if (!versions.some((v) => v.version === settings.apiVersion)) {
        const newest = versions.at(-1)?.version ?? 'unknown';
        throw new SalesforceConnectorError(
          `This org does not offer API version ${settings.apiVersion} (it offers ${versions[0]?.version ?? '?'} to ${newest}). Fix: set connectors.salesforce.apiVersion to one of those, e.g. "${newest}".`,
          'config',
          'API_VERSION',
        );
      }
      // GET /limits is itself an API request: with the day's allowance spent it is refused. Login and version are
      // fine then, so the check passes and the run stops cleanly (partial) at its first API call instead of exit 2.
      const limits = await api.call((conn) => conn.request<Limits>('/limits')).catch((error: unknown) => {
        if (!isQuotaError(error)) throw error;
        logger.warn("the org's daily API requests are used up: GET /limits was refused", { code: 'REQUEST_LIMIT_EXCEEDED' });
        return null;
      });
      const daily = limits?.DailyApiRequests;
      if (daily) orgLimits = { limit: daily.Max, remaining: daily.Remaining };
    },

    async *pull<K extends ObjectKind>(kind: K, pullOptions: PullOptions): AsyncIterable<PullPage<K>> {
      const mapping = mappingFor(kind);
      const { api, schemas } = await open();
      usageOf = api.usage;
      const context: PullContext = {
        api,
        schemas,
        logger,
        bulkQueryThreshold: settings.bulkQueryThreshold,
        bulkTimeoutMs: settings.bulkTimeoutSeconds * 1000,
        activityRules: [...settings.activityTypes, ...BUILT_IN_RULES],
        integrationUserId: api.conn.userInfo?.id ?? null,
      };
      yield* pullKind(context, kind, mapping, { since: pullOptions.since, watermark: pullOptions.watermark ?? null });
    },

    async writeFields(kind: WritableKind, updates: FieldUpdate[]): Promise<WriteOutcome[]> {
      const { api } = await open();
      usageOf = api.usage;
      return writeFieldUpdates(api, mappingFor(kind).object, updates, { bulkThreshold: settings.bulkWriteThreshold, logger });
    },

    async createTasks(tasks: TaskDraft[]): Promise<TaskOutcome[]> {
      const { api } = await open();
      usageOf = api.usage;
      return createSalesforceTasks(api, tasks, { mapping: ctx.mapping, logger });
    },

    async validateMapping(): Promise<MappingIssue[]> {
      const { api, schemas } = await open();
      usageOf = api.usage;
      return validateSalesforceMapping(schemas, ctx.mapping);
    },

    async setupOutputs({ dryRun }): Promise<SetupAction[]> {
      const { api } = await open();
      usageOf = api.usage;
      return setupSalesforceOutputs(api, ctx.mapping, { dryRun, logger });
    },

    usage(): ApiUsage {
      const measured = usageOf();
      // Sforce-Limit-Info on each response is the freshest; GET /limits (check) fills in before any other call.
      if (measured.limit !== null || orgLimits === null) return measured;
      return { ...measured, limit: orgLimits.limit, remaining: orgLimits.remaining };
    },

    close(): Promise<void> {
      return Promise.resolve();
    },
  };
}
