import type pg from 'pg';
import { lockValues, toLockInfo, type LockDbRow } from '../common/rows.js';
import type { StateStore } from '../store.js';

// One statement each: INSERT … ON CONFLICT takes the row lock, so of two clients racing for a free or expired lease
// exactly one sees its row returned. The row is taken only when free, expired or already ours.
const ACQUIRE = `
  INSERT INTO locks (name, owner, expires_at, host, host_key, pid, acquired_at, renewed_at) VALUES ($1, $2, $3, $5, $6, $7, $4, $4)
  ON CONFLICT (name) DO UPDATE SET
    acquired_at = CASE WHEN locks.owner = EXCLUDED.owner THEN locks.acquired_at ELSE EXCLUDED.acquired_at END,
    owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at, host = EXCLUDED.host, host_key = EXCLUDED.host_key,
    pid = EXCLUDED.pid, renewed_at = EXCLUDED.renewed_at
  WHERE locks.expires_at <= $4 OR locks.owner = EXCLUDED.owner
  RETURNING name`;
// Only from the named owner: if anyone else took the lock meanwhile, nothing happens.
const TAKE_OVER = `
  UPDATE locks SET owner = $3, expires_at = $4, host = $6, host_key = $7, pid = $8, acquired_at = $5, renewed_at = $5
  WHERE name = $1 AND owner = $2`;

export function postgresLocks(pool: pg.Pool): Pick<StateStore, 'acquireLock' | 'takeOverLock' | 'renewLock' | 'releaseLock' | 'getLock'> {
  return {
    async acquireLock(name, owner, ttlMs, now, holder) {
      const v = lockValues(owner, ttlMs, now, holder);
      const result = await pool.query(ACQUIRE, [name, v.owner, v.expiresAt, v.now, v.host, v.hostKey, v.pid]);
      return (result.rowCount ?? 0) > 0;
    },
    async takeOverLock(name, fromOwner, owner, ttlMs, now, holder) {
      const v = lockValues(owner, ttlMs, now, holder);
      const result = await pool.query(TAKE_OVER, [name, fromOwner, v.owner, v.expiresAt, v.now, v.host, v.hostKey, v.pid]);
      return (result.rowCount ?? 0) > 0;
    },
    async renewLock(name, owner, ttlMs, now) {
      const result = await pool.query('UPDATE locks SET expires_at = $3, renewed_at = $4 WHERE name = $1 AND owner = $2', [
        name,
        owner,
        new Date(now.getTime() + ttlMs).toISOString(),
        now.toISOString(),
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async releaseLock(name, owner) {
      await pool.query('DELETE FROM locks WHERE name = $1 AND owner = $2', [name, owner]);
    },
    async getLock(name) {
      const result = await pool.query<LockDbRow>('SELECT name, owner, expires_at, host, host_key, pid, acquired_at, renewed_at FROM locks WHERE name = $1', [name]);
      const row = result.rows[0];
      return row === undefined ? null : toLockInfo(row);
    },
  };
}
