import type Database from 'better-sqlite3';
import { distinct } from '../common/collections.js';
import { dedupeLedgerEntries } from '../common/ledger-entries.js';
import { taskOriginFromPayload, toLedgerEntry, type LedgerDbRow } from '../common/rows.js';
import type { StateStore, TaskLedgerEntry } from '../store.js';
import { selectIn } from './select-in.js';

type LedgerMethods = Pick<StateStore, 'getLedgerEntries' | 'planLedgerEntries' | 'markLedgerCreated'>;

export function sqliteLedger(db: Database.Database): LedgerMethods {
  const select = db.prepare(
    `SELECT l.key, l.rule, l.account_id, l.status, l.crm_id, l.planned_at, l.created_at
     FROM json_each(@ids) AS j CROSS JOIN task_ledger AS l ON l.key = j.value`,
  );
  // A planned key stays as first planned; only the step planned → created is taken, never back.
  const plan = db.prepare(`
    INSERT INTO task_ledger (key, rule, account_id, status, crm_id, planned_at, created_at)
    VALUES (@key, @rule, @accountId, @status, @crmId, @plannedAt, @createdAt)
    ON CONFLICT (key) DO UPDATE SET status = excluded.status, crm_id = excluded.crm_id, created_at = excluded.created_at
    WHERE task_ledger.status <> 'created' AND excluded.status = 'created'`);
  const markCreated = db.prepare("UPDATE task_ledger SET status = 'created', crm_id = @crmId, created_at = @at WHERE key = @key");
  // The GLOB term repeats the partial index's condition (schema version 4), which is what lets SQLite use that index.
  const plannedTask = db.prepare("SELECT payload FROM outbox WHERE dedupe_key = ? AND dedupe_key GLOB 'task:*' ORDER BY id DESC LIMIT 1").pluck();

  const writePlan = db.transaction((entries: TaskLedgerEntry[]) => {
    for (const entry of entries) plan.run(entry);
  });
  // A task created in the CRM must be remembered even if its ledger row was never written (a crash between
  // enqueue and plan): rebuild the row from the outbox copy of the task rather than lose the fact.
  const writeCreated = db.transaction((key: string, crmId: string | null, at: string) => {
    if (markCreated.run({ key, crmId, at }).changes > 0) return;
    const origin = taskOriginFromPayload(plannedTask.get(`task:${key}`) ?? null) ?? { rule: '', accountId: '' };
    plan.run({ key, ...origin, status: 'created', crmId, plannedAt: at, createdAt: at });
  });

  return {
    async getLedgerEntries(keys) {
      const rows = selectIn<LedgerDbRow>(select, {}, distinct(keys));
      return new Map(rows.map((r) => [r.key, toLedgerEntry(r)]));
    },
    async planLedgerEntries(entries) {
      writePlan.immediate(dedupeLedgerEntries(entries));
    },
    async markLedgerCreated(key, crmId, at) {
      writeCreated.immediate(key, crmId, at);
    },
  };
}
