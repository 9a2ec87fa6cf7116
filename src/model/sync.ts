import type { WritableKind } from './records.js';
import type { TaskDraft } from './tasks.js';

/** One output field that should change in the CRM. `oldValue` is what the CRM held when we read it. */
export interface FieldChange {
  output: string;
  crmField: string;
  oldValue: string | null;
  newValue: string | null;
}

/** All changes for one record, written as one item of a batch. */
export interface FieldUpdate {
  kind: WritableKind;
  recordId: string;
  changes: FieldChange[];
  /** Lower runs first: qualification and stage changes before score drift. */
  priority: number;
}

export type OutboxStatus = 'pending' | 'done' | 'failed';

/**
 * One planned write. Field updates travel per scored account: the account's record and its contacts' records in one
 * item (a first sync plans ~11 records per account; one outbox row each made the row count the cost of planning).
 * Each update is still written and settled on its own: a partly written item keeps only what is left.
 * A lead's update travels alone, with `leadId` set (and `accountId` its matched account, or ''): it is keyed by the
 * lead, so a newer plan replaces it whichever account the lead is matched to by then.
 */
export type OutboxPayload = { type: 'fields'; accountId: string; leadId?: string; updates: FieldUpdate[] } | { type: 'task'; task: TaskDraft };

export interface OutboxItem {
  id: number;
  runId: string;
  connector: string;
  payload: OutboxPayload;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

/** How a connector reports each record of a batch write. Matched by record id or task key, never by position. */
export interface WriteOutcome {
  recordId: string;
  ok: boolean;
  error?: CrmErrorInfo;
}

export interface TaskOutcome {
  key: string;
  ok: boolean;
  crmId?: string;
  /** True when the CRM already had a task with this key (created by an earlier, interrupted run). */
  alreadyExisted?: boolean;
  error?: CrmErrorInfo;
}

export type ErrorClass = 'retryable' | 'config' | 'record';

export interface CrmErrorInfo {
  class: ErrorClass;
  code: string;
  message: string;
  field?: string;
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'partial';

export interface RunCounts {
  pulled: number;
  rejected: number;
  scoredAccounts: number;
  scoredContacts: number;
  scoredLeads: number;
  fieldsChanged: number;
  recordsWritten: number;
  writeFailures: number;
  tasksPlanned: number;
  tasksCreated: number;
  apiCalls: number;
}

export interface RunRecord {
  id: string;
  connector: string;
  mode: 'run' | 'dry-run';
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  counts: RunCounts;
  errors: string[];
}

export function emptyCounts(): RunCounts {
  return {
    pulled: 0,
    rejected: 0,
    scoredAccounts: 0,
    scoredContacts: 0,
    scoredLeads: 0,
    fieldsChanged: 0,
    recordsWritten: 0,
    writeFailures: 0,
    tasksPlanned: 0,
    tasksCreated: 0,
    apiCalls: 0,
  };
}
