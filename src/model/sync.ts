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

/**
 * One planned write. `pending` is waiting to be pushed (with `nextAttemptAt` set when a retryable failure put it off);
 * `failed` failed for good and waits to be replayed (`scoresync retry`, a mapping change, a change of its record);
 * `done` is history. `runId` is the run that planned it, or the last run that tried it and failed.
 */
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
  /** A retryable failure puts the next try off until then (null: due now). */
  nextAttemptAt: string | null;
  /** When the failures of this write began: retryable ones give up after `sync.retryForHours` from here. */
  firstFailedAt: string | null;
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

/** `abandoned`: the process died (killed, crashed) while it ran; a later run that took over the lock marked it. */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'partial' | 'abandoned';

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
  /** Contacts (opportunities) in the store whose account is not there: they cannot be scored. */
  orphanContacts: number;
  orphanOpportunities: number;
  /** Writes of this run that failed with a retryable error and stay queued for a later run. */
  writesDeferred: number;
  /** At the end of the run: writes waiting for a retry or a replay (failed for good), whichever run left them. */
  writesWaiting: number;
}

export interface RunRecord {
  id: string;
  connector: string;
  /** `retry`: `scoresync retry` replaying waiting writes (no pull, no scoring). */
  mode: 'run' | 'dry-run' | 'retry';
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  counts: RunCounts;
  errors: string[];
  /** What the run noticed but went on with: output fields the CRM lacks, orphaned records, replayed writes. */
  warnings?: string[];
  /** Records the run could not map (first 100), kept by `scoresync serve` for GET /api/runs/:id. */
  rejects?: { kind: string; location: string; field?: string; reason: string }[];
  /** The CRM's API budget as the connector last saw it at the end of the run (serve). */
  apiBudget?: { limit: number | null; remaining: number | null };
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
    orphanContacts: 0,
    orphanOpportunities: 0,
    writesDeferred: 0,
    writesWaiting: 0,
  };
}

/** A stored run as the current code reads it: counts added since it was written read as 0. */
export function normalizeRun(run: RunRecord): RunRecord {
  return { ...run, counts: { ...emptyCounts(), ...run.counts } };
}
