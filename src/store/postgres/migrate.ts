import pg from 'pg';
import { StoreError } from '../common/store-error.js';
import { POSTGRES_MIGRATIONS } from './schema.js';

const LATEST = Math.max(...POSTGRES_MIGRATIONS.map((m) => m.version));

/**
 * Creates the schema if missing and applies each pending migration once, each in its own transaction.
 * A session advisory lock keyed by the schema name makes concurrent openers (two schedulers) wait for each other.
 */
export async function migratePostgres(pool: pg.Pool, schema: string, where: string, target: number = LATEST): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('scoresync:migrate:' || $1))", [schema]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
      const current = Number((await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0);
      if (current > LATEST) {
        throw new StoreError(
          `The state store ${where} has schema version ${current}, newer than this ScoreSync understands (${LATEST}). ` +
            'Fix: upgrade ScoreSync, or point state.schema at another schema.',
        );
      }
      for (const migration of POSTGRES_MIGRATIONS) {
        if (migration.version <= current || migration.version > target) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            new Date().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('scoresync:migrate:' || $1))", [schema]);
    }
  } finally {
    client.release();
  }
}
