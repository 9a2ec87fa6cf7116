/** Connects tests to the local Postgres, and fails loudly with the fix when it is not running (never a silent skip). */
import pg from 'pg';

export const PG_URL = process.env.SCORESYNC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `Postgres for the store tests is not reachable at ${PG_URL} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ' +
        '(or point SCORESYNC_TEST_PG_URL at a server with a database you may create schemas in).',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

/** A schema name unique to this test process and counter, so parallel jest workers never share tables. */
export function uniqueSchema(label: string, counter: number): string {
  return `scoresync_test_${label}_${process.pid}_${counter}`;
}
