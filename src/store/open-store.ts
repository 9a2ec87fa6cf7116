/** The one way the engine gets a state store: the driver comes from config (`state.driver`). */
import { systemClock, type Clock } from './common/clock.js';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { StateStore } from './store.js';

export { StoreError } from './common/store-error.js';

/** `clock` stamps bookkeeping times (outbox created/updated); it defaults to the system clock. */
export type StoreOptions =
  | { driver: 'sqlite'; path: string; clock?: Clock }
  | { driver: 'postgres'; url: string; schema?: string; clock?: Clock };

export const DEFAULT_POSTGRES_SCHEMA = 'scoresync';

/** Opens the store and brings its schema up to date. Throws StoreError (naming the file or URL and the fix) when it cannot. */
export async function openStore(options: StoreOptions): Promise<StateStore> {
  const clock = options.clock ?? systemClock;
  if (options.driver === 'sqlite') return openSqliteStore(options.path, clock);
  return openPostgresStore(options.url, options.schema ?? DEFAULT_POSTGRES_SCHEMA, clock);
}
