import type pg from 'pg';
import type { StateStore } from '../store.js';

// One statement each: INSERT … ON CONFLICT takes the row lock, so of two clients racing for a free or expired lease
// exactly one sees its row returned. The row is taken only when free, expired or already ours.
const ACQUIRE = `
  INSERT INTO locks (name, owner, expires_at) VALUES ($1, $2, $3)
  ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
  WHERE locks.expires_at <= $4 OR locks.owner = EXCLUDED.owner
  RETURNING name`;

export function postgresLocks(pool: pg.Pool): Pick<StateStore, 'acquireLock' | 'renewLock' | 'releaseLock'> {
  return {
    async acquireLock(name, owner, ttlMs, now) {
      const result = await pool.query(ACQUIRE, [name, owner, new Date(now.getTime() + ttlMs).toISOString(), now.toISOString()]);
      return (result.rowCount ?? 0) > 0;
    },
    async renewLock(name, owner, ttlMs, now) {
      const result = await pool.query('UPDATE locks SET expires_at = $3 WHERE name = $1 AND owner = $2', [
        name,
        owner,
        new Date(now.getTime() + ttlMs).toISOString(),
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async releaseLock(name, owner) {
      await pool.query('DELETE FROM locks WHERE name = $1 AND owner = $2', [name, owner]);
    },
  };
}
