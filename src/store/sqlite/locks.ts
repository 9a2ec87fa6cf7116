import type Database from 'better-sqlite3';
import { lockValues, toLockInfo, type LockDbRow } from '../common/rows.js';
import type { StateStore } from '../store.js';

/**
 * Lease locks. Each operation is one statement, which SQLite runs atomically under its write lock, so two
 * processes on the same file cannot both win: the upsert takes the row only when it is free, expired or already ours,
 * and a take-over only from the named (dead) owner.
 */
export function sqliteLocks(db: Database.Database): Pick<StateStore, 'acquireLock' | 'takeOverLock' | 'renewLock' | 'releaseLock' | 'getLock'> {
  const acquire = db.prepare(`
    INSERT INTO locks (name, owner, expires_at, host, host_key, pid, acquired_at, renewed_at)
    VALUES (@name, @owner, @expiresAt, @host, @hostKey, @pid, @now, @now)
    ON CONFLICT (name) DO UPDATE SET
      acquired_at = CASE WHEN locks.owner = excluded.owner THEN locks.acquired_at ELSE excluded.acquired_at END,
      owner = excluded.owner, expires_at = excluded.expires_at, host = excluded.host, host_key = excluded.host_key,
      pid = excluded.pid, renewed_at = excluded.renewed_at
    WHERE locks.expires_at <= @now OR locks.owner = excluded.owner`);
  const takeOver = db.prepare(`
    UPDATE locks SET owner = @owner, expires_at = @expiresAt, host = @host, host_key = @hostKey, pid = @pid, acquired_at = @now, renewed_at = @now
    WHERE name = @name AND owner = @from`);
  const renew = db.prepare('UPDATE locks SET expires_at = @expiresAt, renewed_at = @now WHERE name = @name AND owner = @owner');
  const release = db.prepare('DELETE FROM locks WHERE name = ? AND owner = ?');
  const get = db.prepare('SELECT name, owner, expires_at, host, host_key, pid, acquired_at, renewed_at FROM locks WHERE name = ?');

  return {
    async acquireLock(name, owner, ttlMs, now, holder) {
      return acquire.run({ name, ...lockValues(owner, ttlMs, now, holder) }).changes > 0;
    },
    async takeOverLock(name, fromOwner, owner, ttlMs, now, holder) {
      return takeOver.run({ name, from: fromOwner, ...lockValues(owner, ttlMs, now, holder) }).changes > 0;
    },
    async renewLock(name, owner, ttlMs, now) {
      return renew.run({ name, owner, expiresAt: new Date(now.getTime() + ttlMs).toISOString(), now: now.toISOString() }).changes > 0;
    },
    async releaseLock(name, owner) {
      release.run(name, owner);
    },
    async getLock(name) {
      const row = get.get(name) as LockDbRow | undefined;
      return row === undefined ? null : toLockInfo(row);
    },
  };
}
