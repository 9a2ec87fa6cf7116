/**
 * Tasks are rows of tasks.csv (or the file the mapping's `tasks.object` names), keyed by the idempotency key, so an
 * interrupted run that repeats a batch finds its tasks already there and does not add them twice.
 */
import type { MappingFile } from '../../src/config/mapping-types.js';
import type { TaskOutcome } from '../../src/model/sync.js';
import type { TaskDraft } from '../../src/model/tasks.js';
import { CsvTable } from './csv-table.js';
import type { TableFiles } from './table-files.js';
import { unencodableChar } from './text-encoding.js';

const DEFAULT_TASKS = { object: 'tasks', keyField: 'sync_key' };
export const NEW_TASK_STATUS = 'Open';

function taskColumns(keyField: string): string[] {
  return [keyField, 'rule', 'account_id', 'contact_id', 'lead_id', 'owner_id', 'subject', 'body', 'due_date', 'priority', 'status', 'created_at'];
}

function taskRow(keyField: string, task: TaskDraft, createdAt: string): Record<string, string> {
  return {
    [keyField]: task.key,
    rule: task.rule,
    account_id: task.accountId,
    contact_id: task.contactId ?? '',
    lead_id: task.leadId ?? '',
    owner_id: task.ownerId ?? '',
    subject: task.subject,
    body: task.body,
    due_date: task.dueDate,
    priority: task.priority,
    status: NEW_TASK_STATUS,
    created_at: createdAt,
  };
}

export async function createTaskRows(files: TableFiles, mapping: MappingFile, tasks: TaskDraft[], now: () => Date): Promise<TaskOutcome[]> {
  if (tasks.length === 0) return [];
  const { object, keyField } = mapping.tasks ?? DEFAULT_TASKS;
  const columns = taskColumns(keyField);
  const table = (await files.read(object)) ?? CsvTable.empty(files.newCsvFile(object), columns);
  for (const column of columns) table.addColumn(column);
  const existing = new Set<string>();
  for (const row of table.rows) {
    const key = row.values()[keyField];
    if (typeof key === 'string' || typeof key === 'number') existing.add(String(key).trim());
  }
  const createdAt = now().toISOString();
  const outcomes: TaskOutcome[] = [];
  let added = 0;
  for (const task of tasks) {
    if (existing.has(task.key)) {
      outcomes.push({ key: task.key, ok: true, crmId: task.key, alreadyExisted: true });
      continue;
    }
    const row = taskRow(keyField, task, createdAt);
    const refused = Object.entries(row).find(([, value]) => unencodableChar(value, files.encoding) !== null);
    if (refused) {
      const [column, value] = refused;
      const message = `the task's ${column} contains "${unencodableChar(value, files.encoding) ?? ''}", which ${files.encoding} (connectors.file.encoding) cannot hold; fix: save the file as UTF-8 and remove the encoding setting`;
      outcomes.push({ key: task.key, ok: false, error: { class: 'config', code: 'NOT_ENCODABLE', field: column, message } });
      continue;
    }
    table.appendRow(row);
    existing.add(task.key);
    added++;
    outcomes.push({ key: task.key, ok: true, crmId: task.key });
  }
  if (added > 0) await files.write(table);
  return outcomes;
}
