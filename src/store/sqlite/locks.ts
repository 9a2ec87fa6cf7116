import type Database from 'better-sqlite3';
import type { StateStore } from '../store.js';

/**
 * Lease locks. Each operation is one statement, which SQLite runs atomically under its write lock, so two
 * processes on the same file cannot both win: the upsert takes the row only when it is free, expired or already ours.
 */
export function sqliteLocks(db: Database.Database): Pick<StateStore, 'acquireLock' | 'renewLock' | 'releaseLock'> {
  const acquire = db.prepare(`
    INSERT INTO locks (name, owner, expires_at) VALUES (@name, @owner, @expiresAt)
    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
    WHERE locks.expires_at <= @now OR locks.owner = excluded.owner`);
  const renew = db.prepare('UPDATE locks SET expires_at = @expiresAt WHERE name = @name AND owner = @owner');
  const release = db.prepare('DELETE FROM locks WHERE name = ? AND owner = ?');

  return {
    async acquireLock(name, owner, ttlMs, now) {
      return acquire.run({ name, owner, expiresAt: new Date(now.getTime() + ttlMs).toISOString(), now: now.toISOString() }).changes > 0;
    },
    async renewLock(name, owner, ttlMs, now) {
      return renew.run({ name, owner, expiresAt: new Date(now.getTime() + ttlMs).toISOString() }).changes > 0;
    },
    async releaseLock(name, owner) {
      release.run(name, owner);
    },
  };
}
