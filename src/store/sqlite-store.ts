import { resolve } from 'node:path';
import type { Clock } from './common/clock.js';
import { errorText, StoreError } from './common/store-error.js';
import { sqliteBundles } from './sqlite/bundles.js';
import { sqliteHistory } from './sqlite/history.js';
import { sqliteLeads } from './sqlite/leads.js';
import { sqliteLedger } from './sqlite/ledger.js';
import { sqliteLocks } from './sqlite/locks.js';
import { migrateSqlite } from './sqlite/migrate.js';
import { openSqliteDatabase } from './sqlite/open-database.js';
import { sqliteOutbox } from './sqlite/outbox.js';
import { sqliteRecords } from './sqlite/records.js';
import { sqliteRetention } from './sqlite/retention.js';
import { sqliteScores } from './sqlite/scores.js';
import { sqliteService } from './sqlite/service.js';
import { sqliteWaiting } from './sqlite/waiting.js';
import type { StateStore } from './store.js';

/**
 * The default store: one SQLite file (WAL), upgraded to the current schema on open. Every write transaction is
 * BEGIN IMMEDIATE (`.immediate`), so a second process waits on busy_timeout instead of failing on a stale snapshot.
 */
export function openSqliteStore(path: string, clock: Clock): StateStore {
  const db = openSqliteDatabase(path);
  try {
    migrateSqlite(db, path === ':memory:' ? 'in memory' : `at ${resolve(path)}`);
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      `Cannot prepare the SQLite state store at ${resolve(path)}: ${errorText(error)}. Fix: make sure the file and its folder are writable by this user, ` +
        'or set state.path to another file.',
      { cause: error },
    );
  }
  return {
    driver: 'sqlite',
    async close() {
      if (!db.open) return;
      // Lets SQLite refresh its planner statistics for the tables this connection used (cheap; recommended on close).
      db.pragma('optimize');
      db.close();
    },
    async transaction(body) {
      // Methods inside open their own transactions, which better-sqlite3 turns into savepoints of this one.
      if (db.inTransaction) return body();
      db.prepare('BEGIN IMMEDIATE').run();
      try {
        const result = await body();
        db.prepare('COMMIT').run();
        return result;
      } catch (error) {
        if (db.inTransaction) db.prepare('ROLLBACK').run();
        throw error;
      }
    },
    ...sqliteRecords(db),
    ...sqliteBundles(db),
    ...sqliteLeads(db),
    ...sqliteScores(db),
    ...sqliteHistory(db),
    ...sqliteOutbox(db, clock),
    ...sqliteWaiting(db, clock),
    ...sqliteLedger(db),
    ...sqliteLocks(db),
    ...sqliteRetention(db),
    ...sqliteService(db),
  };
}
