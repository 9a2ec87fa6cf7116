import type pg from 'pg';
import { chunk, distinct } from '../common/collections.js';
import { dedupeLedgerEntries } from '../common/ledger-entries.js';
import { taskOriginFromPayload, toLedgerEntry, type LedgerDbRow } from '../common/rows.js';
import type { StateStore, TaskLedgerEntry } from '../store.js';
import { inTransaction } from './connect.js';

type LedgerMethods = Pick<StateStore, 'getLedgerEntries' | 'planLedgerEntries' | 'markLedgerCreated'>;

const ROWS_PER_STATEMENT = 1000;

// A planned key stays as first planned; only the step planned → created is taken, never back.
const PLAN = `
  INSERT INTO task_ledger (key, rule, account_id, status, crm_id, planned_at, created_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
  ON CONFLICT (key) DO UPDATE SET status = EXCLUDED.status, crm_id = EXCLUDED.crm_id, created_at = EXCLUDED.created_at
  WHERE task_ledger.status <> 'created' AND EXCLUDED.status = 'created'`;

function planParams(entries: TaskLedgerEntry[]): unknown[] {
  return [
    entries.map((e) => e.key),
    entries.map((e) => e.rule),
    entries.map((e) => e.accountId),
    entries.map((e) => e.status),
    entries.map((e) => e.crmId),
    entries.map((e) => e.plannedAt),
    entries.map((e) => e.createdAt),
  ];
}

export function postgresLedger(pool: pg.Pool): LedgerMethods {
  return {
    async getLedgerEntries(keys) {
      const entries = new Map<string, TaskLedgerEntry>();
      for (const part of chunk(distinct(keys))) {
        const result = await pool.query<LedgerDbRow>(
          'SELECT key, rule, account_id, status, crm_id, planned_at, created_at FROM task_ledger WHERE key = ANY($1::text[])',
          [part],
        );
        for (const row of result.rows) entries.set(row.key, toLedgerEntry(row));
      }
      return entries;
    },
    async planLedgerEntries(entries) {
      const unique = dedupeLedgerEntries(entries);
      await inTransaction(pool, async (client) => {
        for (const part of chunk(unique, ROWS_PER_STATEMENT)) await client.query(PLAN, planParams(part));
      });
    },
    // A task created in the CRM must be remembered even if its ledger row was never written (a crash between
    // enqueue and plan): rebuild the row from the outbox copy of the task rather than lose the fact.
    async markLedgerCreated(key, crmId, at) {
      await inTransaction(pool, async (client) => {
        const updated = await client.query("UPDATE task_ledger SET status = 'created', crm_id = $2, created_at = $3 WHERE key = $1", [key, crmId, at]);
        if ((updated.rowCount ?? 0) > 0) return;
        const planned = await client.query<{ payload: unknown }>('SELECT payload FROM outbox WHERE dedupe_key = $1 ORDER BY id DESC LIMIT 1', [
          `task:${key}`,
        ]);
        const origin = taskOriginFromPayload(planned.rows[0]?.payload ?? null) ?? { rule: '', accountId: '' };
        const entry: TaskLedgerEntry = { key, ...origin, status: 'created', crmId, plannedAt: at, createdAt: at };
        await client.query(PLAN, planParams([entry]));
      });
    },
  };
}
