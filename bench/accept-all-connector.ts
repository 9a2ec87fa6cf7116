/**
 * The benchmark's stand-in for a CRM: it accepts every field write and every task, does no I/O, and keeps nothing.
 * It exists so the real push phase can drain a first sync's outbox the way a healthy CRM would: on each success the
 * push phase stores the written values as the CRM's (setCrmValues), marks the outbox item done and the task ledger
 * entry created, so the steady-state pass that follows sees the values as held by the CRM. Never used outside bench/.
 */
import type { ApiUsage, Connector, MappingIssue, PullPage, SetupAction } from '../src/connector/connector.js';
import type { ObjectKind, WritableKind } from '../src/model/records.js';
import type { FieldUpdate, TaskOutcome, WriteOutcome } from '../src/model/sync.js';
import type { TaskDraft } from '../src/model/tasks.js';

/**
 * Batch sizes as large as the biggest real CRM write API (Salesforce's 200), so the push measures the store's
 * bookkeeping per batch, not an artificially small batch.
 */
const WRITE_BATCH_SIZE = 200;
const TASK_BATCH_SIZE = 200;

/**
 * `name` must be the name of the connector the store's records were ingested under ('file' for the benchmark):
 * the outbox, the records and their CRM values are all keyed by it.
 */
export function createAcceptAllConnector(name: string): Connector {
  let calls = 0;
  let tasksCreated = 0;
  return {
    name,
    writeBatchSize: WRITE_BATCH_SIZE,
    taskBatchSize: TASK_BATCH_SIZE,

    check(): Promise<void> {
      return Promise.resolve();
    },

    // The benchmark ingests straight into the store, so this CRM has no changes of its own to hand out.
    async *pull<K extends ObjectKind>(): AsyncIterable<PullPage<K>> {},

    writeFields(_kind: WritableKind, updates: FieldUpdate[]): Promise<WriteOutcome[]> {
      calls++;
      return Promise.resolve(updates.map((update) => ({ recordId: update.recordId, ok: true })));
    },

    createTasks(tasks: TaskDraft[]): Promise<TaskOutcome[]> {
      calls++;
      return Promise.resolve(tasks.map((task) => ({ key: task.key, ok: true, crmId: `bench-task-${++tasksCreated}` })));
    },

    validateMapping(): Promise<MappingIssue[]> {
      return Promise.resolve([]);
    },

    setupOutputs(): Promise<SetupAction[]> {
      return Promise.resolve([]);
    },

    // No limit reported: the push phase's budget check never stops the drain.
    usage(): ApiUsage {
      return { calls, limit: null, remaining: null };
    },

    close(): Promise<void> {
      return Promise.resolve();
    },
  };
}
