import { maskUrl, StoreError } from './common/store-error.js';
import type { Clock } from './common/clock.js';
import { postgresBundles } from './postgres/bundles.js';
import { connectError, createPool, storeTransaction, transactionAwarePool } from './postgres/connect.js';
import { postgresHistory } from './postgres/history.js';
import { postgresLeads } from './postgres/leads.js';
import { postgresLedger } from './postgres/ledger.js';
import { postgresLocks } from './postgres/locks.js';
import { migratePostgres } from './postgres/migrate.js';
import { postgresOutbox } from './postgres/outbox.js';
import { postgresRecords } from './postgres/records.js';
import { postgresRetention } from './postgres/retention.js';
import { postgresScores } from './postgres/scores.js';
import { postgresService } from './postgres/service.js';
import { postgresWaiting } from './postgres/waiting.js';
import type { StateStore } from './store.js';

/** The store for multi-instance deployments: tables in `schema` (created if missing), upgraded on open. */
export async function openPostgresStore(url: string, schema: string, clock: Clock): Promise<StateStore> {
  const pool = createPool(url, schema);
  try {
    await migratePostgres(pool, schema, `${maskUrl(url)} (schema ${schema})`);
  } catch (error) {
    await pool.end();
    throw error instanceof StoreError ? error : connectError(url, error);
  }
  const db = transactionAwarePool(pool);
  return {
    driver: 'postgres',
    async close() {
      if (!pool.ended) await pool.end();
    },
    transaction: (body) => storeTransaction(pool, body),
    ...postgresRecords(db),
    ...postgresBundles(db),
    ...postgresLeads(db),
    ...postgresScores(db),
    ...postgresHistory(db),
    ...postgresOutbox(db, clock),
    ...postgresWaiting(db, clock),
    ...postgresLedger(db),
    ...postgresLocks(db),
    ...postgresRetention(db),
    ...postgresService(db),
  };
}
