/**
 * Next-best-action tasks as Salesforce Tasks, idempotent by the draft's key:
 * - when the org has the key field (`tasks.keyField`, default ScoreSync_Key__c) as an External ID, tasks are upserted
 *   on it (PATCH /composite/sobjects/Task/<keyField>, 200 a call): a key Salesforce already holds answers
 *   `created: false` and is reported `alreadyExisted`, never created twice;
 * - otherwise the key travels as a token at the end of the Description, and before creating, the tasks with the same
 *   subjects are read and their descriptions searched for the tokens (Description is a long text area, which SOQL
 *   cannot filter on); tasks found are reported `alreadyExisted`, the rest created (POST /composite/sobjects).
 * A task is for the draft's owner (the account's or lead's, when known), about the contact or lead (WhoId) and the
 * account (WhatId), except a lead's task, which has no WhatId: Salesforce refuses a WhatId beside a Lead WhoId.
 */
import type { MappingFile } from '../../src/config/mapping-types.js';
import type { Logger } from '../../src/log/logger.js';
import type { CrmErrorInfo, TaskOutcome } from '../../src/model/sync.js';
import type { TaskDraft } from '../../src/model/tasks.js';
import type { SalesforceApi } from './api.js';
import { callFailure } from './call-failure.js';
import { COLLECTION_LIMIT, CREATE_CALL, sendCollection, upsertCall, type CollectionRecord, type RecordResult } from './collections.js';
import { DEFAULT_CALL_TIMEOUT_MS, withDeadline } from './deadline.js';
import { fieldName, stringLiteral } from './soql.js';
import { describeTaskObject, type TaskObjectInfo } from './task-object.js';

export const DEFAULT_TASK_OBJECT = 'Task';
export const DEFAULT_TASK_KEY_FIELD = 'ScoreSync_Key__c';

export interface CreateTasksOptions {
  mapping: MappingFile;
  logger: Logger;
  callTimeoutMs?: number;
}

/** The token that marks a task's key in its Description when the org has no key field. */
export function keyToken(key: string): string {
  return `[ScoreSync key: ${key}]`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function taskRecord(task: TaskDraft, info: TaskObjectInfo, keyInDescription: boolean): CollectionRecord {
  const token = keyInDescription ? `\n\n${keyToken(task.key)}` : '';
  const record: CollectionRecord = {
    attributes: { type: info.object },
    Subject: clip(task.subject, info.subjectLength),
    Description: clip(task.body, info.descriptionLength - token.length) + token,
    ActivityDate: task.dueDate,
    Priority: task.priority,
    Status: info.status,
  };
  if (info.keyField !== null && !keyInDescription) record[info.keyField] = task.key;
  if (task.ownerId) record['OwnerId'] = task.ownerId;
  const leadId = task.leadId ?? null;
  if (leadId) record['WhoId'] = leadId;
  else {
    if (task.contactId) record['WhoId'] = task.contactId;
    if (task.accountId) record['WhatId'] = task.accountId;
  }
  return record;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function outcome(task: TaskDraft, result: RecordResult): TaskOutcome {
  if (!result.ok) return { key: task.key, ok: false, error: result.error };
  const crmId = result.id ?? undefined;
  return { key: task.key, ok: true, ...(crmId ? { crmId } : {}), ...(result.created === false ? { alreadyExisted: true } : {}) };
}

/** Sends the calls one chunk at a time side by side (bounded by the api's concurrency); quota errors end the batch. */
async function send(api: SalesforceApi, call: Parameters<typeof sendCollection>[1], tasks: readonly TaskDraft[], records: readonly CollectionRecord[], timeoutMs: number, logger: Logger): Promise<TaskOutcome[]> {
  const parts = chunks(tasks.map((task, i) => ({ task, record: records[i] as CollectionRecord })), COLLECTION_LIMIT);
  const answers = await Promise.all(
    parts.map(async (part): Promise<TaskOutcome[]> => {
      try {
        const results = await sendCollection(api, call, part.map((p) => p.record), timeoutMs);
        return part.map((p, i) => outcome(p.task, results[i] ?? { ok: false, error: { class: 'retryable', code: 'NO_RESULT', message: 'no result' } }));
      } catch (error) {
        const failure = callFailure(error, `${call.method} ${call.path}`);
        if (failure.info.code === 'REQUEST_LIMIT_EXCEEDED') throw failure;
        logger.warn('Salesforce task call failed', { tasks: part.length, code: failure.info.code, class: failure.info.class, message: failure.info.message });
        const info: CrmErrorInfo = failure.info;
        return part.map((p): TaskOutcome => ({ key: p.task.key, ok: false, error: info }));
      }
    }),
  );
  return answers.flat();
}

/** Tasks the org already holds, by key, found by their Description tokens among the tasks with the same subjects. */
async function existingByToken(api: SalesforceApi, info: TaskObjectInfo, tasks: readonly TaskDraft[], records: readonly CollectionRecord[], timeoutMs: number): Promise<Map<string, string>> {
  const subjects = [...new Set(records.map((r) => String(r['Subject'])))];
  const found = new Map<string, string>();
  const select = `SELECT ${fieldName(info.schema, 'Id')}, ${fieldName(info.schema, 'Description')} FROM ${info.object} WHERE ${fieldName(info.schema, 'Subject')} IN `;
  // SOQL statements are limited to 100,000 characters; 50 subjects of at most 255 stay far below.
  for (const part of chunks(subjects, 50)) {
    const soql = `${select}(${part.map(stringLiteral).join(', ')})`;
    const result = await api.call((conn) => withDeadline(conn.query<{ Id: string; Description: string | null }>(soql).run({ autoFetch: true, maxFetch: 1_000_000 }), timeoutMs, `query ${info.object}`));
    if (!result.done) throw new Error(`the query for existing tasks stopped after ${result.records.length} of ${result.totalSize} records`);
    for (const row of result.records) {
      for (const task of tasks) if (!found.has(task.key) && row.Description?.includes(keyToken(task.key))) found.set(task.key, row.Id);
    }
  }
  return found;
}

export async function createSalesforceTasks(api: SalesforceApi, tasks: TaskDraft[], options: CreateTasksOptions): Promise<TaskOutcome[]> {
  if (tasks.length === 0) return [];
  const object = options.mapping.tasks?.object ?? DEFAULT_TASK_OBJECT;
  const keyField = options.mapping.tasks?.keyField ?? DEFAULT_TASK_KEY_FIELD;
  const timeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const info = await describeTaskObject(api, object, keyField);
  if (info.keyField !== null) {
    const records = tasks.map((t) => taskRecord(t, info, false));
    return send(api, upsertCall(info.object, info.keyField), tasks, records, timeoutMs, options.logger);
  }
  options.logger.warn(`${object}.${keyField} is not an External ID field the integration user can write: task keys go into the Description and are looked up before creating (run \`scoresync setup\` to create the field)`, { object, field: keyField });
  const records = tasks.map((t) => taskRecord(t, info, true));
  let existing: Map<string, string>;
  try {
    existing = await existingByToken(api, info, tasks, records, timeoutMs);
  } catch (error) {
    throw callFailure(error, `looking up existing ${object} records`);
  }
  const fresh = tasks.flatMap((task, i) => (existing.has(task.key) ? [] : [{ task, record: records[i] as CollectionRecord }]));
  const created = await send(api, CREATE_CALL, fresh.map((f) => f.task), fresh.map((f) => f.record), timeoutMs, options.logger);
  const byKey = new Map(created.map((o) => [o.key, o]));
  return tasks.map((task): TaskOutcome => {
    const crmId = existing.get(task.key);
    if (crmId !== undefined) return { key: task.key, ok: true, crmId, alreadyExisted: true };
    return byKey.get(task.key) ?? { key: task.key, ok: false, error: { class: 'retryable', code: 'NO_RESULT', message: 'no result' } };
  });
}
