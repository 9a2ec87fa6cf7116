/** Row ↔ object mapping shared by both back ends: they use the same column names (snake_case). */
import type { BuyingStage } from '../../model/scores.js';
import type { OutboxItem, OutboxPayload, OutboxStatus } from '../../model/sync.js';
import type { StageChange, TaskLedgerEntry } from '../store.js';
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
}

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
  };
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
