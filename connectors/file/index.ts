/**
 * The file connector: a folder of CSV/JSON files (accounts, contacts, opportunities, activities, tasks) treated as a
 * CRM. It powers the demo and CSV workflows; see BEHAVIOR.md for what it guarantees and why.
 */
import type { ObjectMapping } from '../../src/config/mapping-types.js';
import type { ApiUsage, Connector, ConnectorContext, PullOptions, PullPage } from '../../src/connector/connector.js';
import type { ObjectKind, WritableKind } from '../../src/model/records.js';
import type { FieldUpdate, TaskOutcome, WriteOutcome } from '../../src/model/sync.js';
import type { TaskDraft } from '../../src/model/tasks.js';
import { nodeFileOps, removeStaleTempFiles, type FileOps } from './atomic-write.js';
import { createTaskRows } from './create-tasks.js';
import { CONNECTOR_NAME, FileConnectorError } from './errors.js';
import { setupFileOutputs, validateFileMapping } from './mapping-check.js';
import { mapTable, pagesOf } from './pull.js';
import { allowsEmptyAccounts, assertFolderExists, resolveDataDir } from './settings.js';
import type { DataTable } from './data-table.js';
import { TableFiles } from './table-files.js';
import { DEFAULT_ENCODING, resolveEncoding } from './text-encoding.js';
import { writeFieldUpdates } from './write-fields.js';

export interface FileConnectorOptions {
  /** Clock for tasks' created_at (tests pass a fixed one). */
  now?: () => Date;
  /** Disk operations for atomic writes (tests replace one to simulate a crash mid-write). */
  fileOps?: Partial<FileOps>;
}

export function createFileConnector(ctx: ConnectorContext, options: FileConnectorOptions = {}): Connector {
  const ops: FileOps = { ...nodeFileOps, ...options.fileOps };
  const files = new TableFiles(resolveDataDir(ctx.settings), ops, resolveEncoding(ctx.settings));
  const now = options.now ?? (() => new Date());
  const logger = ctx.logger.child({ connector: CONNECTOR_NAME });

  function mappingFor(kind: ObjectKind): ObjectMapping {
    const mapping = ctx.mapping.objects[kind];
    if (mapping) return mapping;
    throw new FileConnectorError(`The mapping has no "${kind}" object. Fix: add objects.${kind} to mappings/file.yaml.`, 'config', 'NOT_MAPPED');
  }

  const encoding = files.encoding;
  return {
    name: CONNECTOR_NAME,
    writeBatchSize: 5_000,
    taskBatchSize: 500,
    ...(encoding === DEFAULT_ENCODING ? {} : { outputEncoding: encoding }),

    async check(): Promise<void> {
      await assertFolderExists(files.dataDir);
      await files.readRequired(mappingFor('account').object);
    },

    async prepareRun(): Promise<void> {
      await assertFolderExists(files.dataDir);
      const removed = await removeStaleTempFiles(files.dataDir, ops);
      if (removed.length > 0) logger.info('removed temp files an interrupted run left', { files: removed });
    },

    async *pull<K extends ObjectKind>(kind: K, pullOptions: PullOptions): AsyncIterable<PullPage<K>> {
      const mapping = mappingFor(kind);
      const table = kind === 'account' ? await files.readRequired(mapping.object) : await files.read(mapping.object);
      if (table === null) {
        logger.debug(`no ${mapping.object} file; pulling no ${kind} records`, { object: mapping.object });
        return;
      }
      if (kind === 'account' && table.rows.length === 0 && !allowsEmptyAccounts(ctx.settings)) throw emptyAccounts(table);
      const mapped = mapTable(kind, table, mapping);
      logger.debug(`read ${table.file.name}`, { rows: table.rows.length, records: mapped.records.length, rejects: mapped.rejects.length });
      yield* pagesOf(mapped, pullOptions.since);
    },

    async writeFields(kind: WritableKind, updates: FieldUpdate[]): Promise<WriteOutcome[]> {
      return writeFieldUpdates(files, mappingFor(kind), updates);
    },

    async createTasks(tasks: TaskDraft[]): Promise<TaskOutcome[]> {
      return createTaskRows(files, ctx.mapping, tasks, now);
    },

    async validateMapping() {
      return validateFileMapping(files, ctx.mapping);
    },

    async setupOutputs({ dryRun }) {
      return setupFileOutputs(files, ctx.mapping, dryRun, logger);
    },

    usage(): ApiUsage {
      return { calls: files.callCount, limit: null, remaining: null };
    },

    close(): Promise<void> {
      return Promise.resolve();
    },
  };
}

/** Without accounts every contact, opportunity and activity is an orphan: almost always a failed export, not intent. */
function emptyAccounts(table: DataTable): FileConnectorError {
  const name = table.file.name;
  const what = table.file.format === 'json' ? `${name} holds no records` : table.columns().length === 0 ? `${name} is empty` : `${name} has a header but no rows`;
  return new FileConnectorError(
    `${what}, so no account could be scored and every contact would be skipped. Nothing was pulled. ` +
      `Fix: export the accounts again; if an empty account list is intended, set connectors.file.allowEmptyAccounts: true in config/scoresync.yaml.`,
    'config',
    'EMPTY_ACCOUNTS',
  );
}
