import type Database from 'better-sqlite3';
import { StoreError } from '../common/store-error.js';
import { SQLITE_MIGRATIONS } from './schema.js';

const LATEST = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));

export function sqliteSchemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Brings the database up to `target` (default: the newest version), one transaction per migration.
 * BEGIN IMMEDIATE takes the write lock first, so two processes opening the same file apply each migration once.
 */
export function migrateSqlite(db: Database.Database, where: string, target: number = LATEST): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const current = sqliteSchemaVersion(db);
  if (current > LATEST) {
    throw new StoreError(
      `The state store ${where} has schema version ${current}, newer than this ScoreSync understands (${LATEST}). ` +
        'Fix: upgrade ScoreSync, or point state.path at another file.',
    );
  }
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const markApplied = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of SQLITE_MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      if (isApplied.get(migration.version)) return;
      db.exec(migration.sql);
      markApplied.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
