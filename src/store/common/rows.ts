/** Row ↔ object mapping shared by both back ends: they use the same column names (snake_case). */
import type { BuyingStage } from '../../model/scores.js';
import type { OutboxItem, OutboxPayload, OutboxStatus, RunRecord } from '../../model/sync.js';
import type { LockHolder, LockInfo, StageChange, TaskLedgerEntry } from '../store.js';
import { parseJson } from './record-rows.js';

export interface OutboxDbRow {
  id: number | string;
  run_id: string;
  connector: string;
  payload: unknown;
  status: string;
  attempts: number | string;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  next_attempt_at: string | null;
  first_failed_at: string | null;
}

/** The outbox columns `toOutboxItem` reads, in both back ends. */
export const OUTBOX_COLUMNS = 'id, run_id, connector, payload, status, attempts, last_error, created_at, updated_at, next_attempt_at, first_failed_at';

export function toOutboxItem(row: OutboxDbRow): OutboxItem {
  return {
    // Postgres returns bigint columns as strings.
    id: Number(row.id),
    runId: row.run_id,
    connector: row.connector,
    payload: parseJson<OutboxPayload>(row.payload),
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    nextAttemptAt: row.next_attempt_at ?? null,
    firstFailedAt: row.first_failed_at ?? null,
  };
}

export interface LockDbRow {
  name: string;
  owner: string;
  expires_at: string;
  host: string | null;
  host_key: string | null;
  pid: number | string | null;
  acquired_at: string | null;
  renewed_at: string | null;
}

export function toLockInfo(row: LockDbRow): LockInfo {
  const info: LockInfo = { name: row.name, owner: row.owner, expiresAt: row.expires_at, acquiredAt: row.acquired_at, renewedAt: row.renewed_at };
  if (row.host !== null) info.host = row.host;
  if (row.host_key !== null) info.hostKey = row.host_key;
  if (row.pid !== null) info.pid = Number(row.pid);
  return info;
}

/** The lock row's values for an acquire or take-over: the holder, the lease and the times. */
export function lockValues(owner: string, ttlMs: number, now: Date, holder: LockHolder | undefined) {
  return {
    owner,
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    now: now.toISOString(),
    host: holder?.host ?? null,
    hostKey: holder?.hostKey ?? null,
    pid: holder?.pid ?? null,
  };
}

/** A stored run body with status `abandoned`, when it ended and why. */
export function abandoned(run: RunRecord, at: string, reason: string): RunRecord {
  return { ...run, status: 'abandoned', finishedAt: at, errors: [...run.errors, reason] };
}

export interface LedgerDbRow {
  key: string;
  rule: string;
  account_id: string;
  status: string;
  crm_id: string | null;
  planned_at: string;
  created_at: string | null;
}

export function toLedgerEntry(row: LedgerDbRow): TaskLedgerEntry {
  return {
    key: row.key,
    rule: row.rule,
    accountId: row.account_id,
    status: row.status === 'created' ? 'created' : 'planned',
    crmId: row.crm_id,
    plannedAt: row.planned_at,
    createdAt: row.created_at,
  };
}

export interface StageDbRow {
  account_id: string;
  from_stage: string | null;
  to_stage: string;
  changed_at: string;
  run_id: string;
}

export function toStageChange(row: StageDbRow): StageChange {
  return {
    accountId: row.account_id,
    fromStage: row.from_stage as BuyingStage | null,
    toStage: row.to_stage as BuyingStage,
    changedAt: row.changed_at,
    runId: row.run_id,
  };
}

/** Rule and account of a task payload from the outbox, to rebuild a ledger row that was never written. */
export function taskOriginFromPayload(payload: unknown): { rule: string; accountId: string } | null {
  const parsed = parseJson<OutboxPayload | null>(payload);
  return parsed && parsed.type === 'task' ? { rule: parsed.task.rule, accountId: parsed.task.accountId } : null;
}
