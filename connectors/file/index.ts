/**
 * The file connector: a folder of CSV/JSON files (accounts, contacts, opportunities, activities, tasks) treated as a
 * CRM. It powers the demo and CSV workflows; see BEHAVIOR.md for what it guarantees and why.
 */
import type { ObjectMapping } from '../../src/config/mapping-types.js';
import type { ApiUsage, Connector, ConnectorContext, PullOptions, PullPage } from '../../src/connector/connector.js';
import type { ObjectKind, WritableKind } from '../../src/model/records.js';
import type { FieldUpdate, TaskOutcome, WriteOutcome } from '../../src/model/sync.js';
import type { TaskDraft } from '../../src/model/tasks.js';
import { nodeFileOps, type FileOps } from './atomic-write.js';
import { createTaskRows } from './create-tasks.js';
import { CONNECTOR_NAME, FileConnectorError } from './errors.js';
import { setupFileOutputs, validateFileMapping } from './mapping-check.js';
import { mapTable, pagesOf } from './pull.js';
import { assertFolderExists, resolveDataDir } from './settings.js';
import { TableFiles } from './table-files.js';
import { writeFieldUpdates } from './write-fields.js';

export interface FileConnectorOptions {
  /** Clock for tasks' created_at (tests pass a fixed one). */
  now?: () => Date;
  /** Disk operations for atomic writes (tests replace one to simulate a crash mid-write). */
  fileOps?: Partial<FileOps>;
}

export function createFileConnector(ctx: ConnectorContext, options: FileConnectorOptions = {}): Connector {
  const files = new TableFiles(resolveDataDir(ctx.settings), { ...nodeFileOps, ...options.fileOps });
  const now = options.now ?? (() => new Date());
  const logger = ctx.logger.child({ connector: CONNECTOR_NAME });

  function mappingFor(kind: ObjectKind): ObjectMapping {
    const mapping = ctx.mapping.objects[kind];
    if (mapping) return mapping;
    throw new FileConnectorError(`The mapping has no "${kind}" object. Fix: add objects.${kind} to mappings/file.yaml.`, 'config', 'NOT_MAPPED');
  }

  return {
    name: CONNECTOR_NAME,
    writeBatchSize: 5_000,
    taskBatchSize: 500,

    async check(): Promise<void> {
      await assertFolderExists(files.dataDir);
      await files.readRequired(mappingFor('account').object);
    },

    async *pull<K extends ObjectKind>(kind: K, pullOptions: PullOptions): AsyncIterable<PullPage<K>> {
      const mapping = mappingFor(kind);
      const table = kind === 'account' ? await files.readRequired(mapping.object) : await files.read(mapping.object);
      if (table === null) {
        logger.debug(`no ${mapping.object} file; pulling no ${kind} records`, { object: mapping.object });
        return;
      }
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
