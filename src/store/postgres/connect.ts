import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { errorText, maskUrl, StoreError } from '../common/store-error.js';

/** Lower-case identifiers only, so the name needs no quoting anywhere (search_path, CREATE SCHEMA, psql). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreError(
      `The Postgres schema name "${schema}" (state.schema) is not usable. Fix: use lower-case letters, digits and underscores, ` +
        'starting with a letter or underscore, at most 63 characters (e.g. scoresync).',
    );
  }
}

/** A pool whose connections all see the store's tables first (search_path), so statements need no schema prefix. */
export function createPool(url: string, schema: string): pg.Pool {
  checkSchemaName(schema);
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, connectionTimeoutMillis: 10_000, max: 5 });
  // An idle connection dropped by the server must not crash the process; the next query reports the problem.
  pool.on('error', () => undefined);
  return pool;
}

export function connectError(url: string, error: unknown): StoreError {
  const code = (error as { code?: unknown }).code;
  const fix =
    code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH'
      ? 'start Postgres, or correct the host and port in state.url'
      : code === '28P01' || code === '28000'
        ? 'check the user name and password in state.url (the password is best passed through an environment variable)'
        : code === '3D000'
          ? 'create the database (createdb <name>) or correct its name in state.url'
          : code === '42501'
            ? 'grant this user CREATE on the database, or create the schema for it'
            : 'check state.url and that the server accepts connections from this host';
  return new StoreError(`Cannot open the Postgres state store at ${maskUrl(url)}: ${errorText(error)}. Fix: ${fix}.`, { cause: error });
}

/** The connection of the store-level transaction this async call chain runs in, if any. */
const currentTransaction = new AsyncLocalStorage<pg.PoolClient>();

/**
 * A pool whose queries go to the store-level transaction's connection while one is open in this async context, so
 * the store's methods join `StateStore.transaction` without knowing about it.
 */
export function transactionAwarePool(pool: pg.Pool): pg.Pool {
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'query') {
        return (...args: unknown[]) => {
          const client = currentTransaction.getStore();
          return (client ?? target).query(...(args as Parameters<pg.Pool['query']>));
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** `StateStore.transaction` for Postgres: one connection, BEGIN … COMMIT, every store call inside routed to it. */
export async function storeTransaction<T>(pool: pg.Pool, body: () => Promise<T>): Promise<T> {
  if (currentTransaction.getStore()) return body();
  return inTransaction(pool, (client) => currentTransaction.run(client, body));
}

/** Runs `body` in one transaction on one connection (or inside the open store-level one); rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const outer = currentTransaction.getStore();
  if (outer) return body(outer);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await body(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
