/** The one way the engine gets a state store: the driver comes from config (`state.driver`). */
import { resolve } from 'node:path';
import { systemClock, type Clock } from './common/clock.js';
import { maskUrl } from './common/store-error.js';
import { guardStore } from './common/store-failure.js';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { StateStore } from './store.js';

export { StoreError } from './common/store-error.js';

/** `clock` stamps bookkeeping times (outbox created/updated); it defaults to the system clock. */
export type StoreOptions =
  | { driver: 'sqlite'; path: string; clock?: Clock }
  | { driver: 'postgres'; url: string; schema?: string; clock?: Clock };

export const DEFAULT_POSTGRES_SCHEMA = 'scoresync';

/**
 * Opens the store and brings its schema up to date. Throws StoreError (naming the file or URL and the fix) when it
 * cannot, and so does every method of the store it returns when the store fails under it (a full disk, a read-only
 * folder, a server gone).
 */
export async function openStore(options: StoreOptions): Promise<StateStore> {
  const clock = options.clock ?? systemClock;
  if (options.driver === 'sqlite') {
    const path = options.path === ':memory:' ? ':memory:' : resolve(options.path);
    return guardStore(openSqliteStore(options.path, clock), { driver: 'sqlite', path });
  }
  const schema = options.schema ?? DEFAULT_POSTGRES_SCHEMA;
  return guardStore(await openPostgresStore(options.url, schema, clock), { driver: 'postgres', shown: `${maskUrl(options.url)} (schema ${schema})` });
}
