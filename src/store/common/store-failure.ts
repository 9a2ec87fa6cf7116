/**
 * The state store failing under a run (a full disk, a read-only folder, a server gone) is not an "unexpected error":
 * it says which store, what happened and what to do, and exits 2. Every store method's errors pass through here;
 * errors that are not the store's own (a SimulatedCrash, a bug) pass unchanged.
 */
import { dirname } from 'node:path';
import type { StateStore } from '../store.js';
import { errorText, isErrorLike, StoreError } from './store-error.js';

/** Where the store lives, as messages name it. */
export type StoreLocation = { driver: 'sqlite'; path: string } | { driver: 'postgres'; shown: string };

const RESUME = 'This run stopped; everything it stored before stays, and the next run resumes from there.';

function sqliteAdvice(code: string, path: string): string | null {
  const folder = dirname(path);
  if (code === 'SQLITE_FULL') return `the disk is full. Fix: free space on the disk holding ${folder} (see df -h ${folder}), or set state.path to a disk with room`;
  if (code.startsWith('SQLITE_READONLY')) {
    return `the file or its folder is read-only for this user. Fix: make ${path} and ${folder} writable (its -wal and -shm files too), or set state.path to a writable place`;
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return `a write to the disk failed (a full disk, a file size limit or a failing disk). Fix: check the disk holding ${folder} (df -h ${folder}, dmesg), then run again`;
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return `the file cannot be opened any more (was its folder removed?). Fix: make sure ${folder} exists and is writable`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return 'another process kept the file locked for more than 10 s. Fix: check what else uses the file (a second scheduler, a backup tool, an open sqlite3 shell), then run again';
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return `the file is damaged. Fix: restore ${path} from a backup, or move it away to start a new store`;
  return null;
}

const POSTGRES: Readonly<Record<string, string>> = {
  '53100': "the database server's disk is full. Fix: free space on the Postgres server (or ask its administrator), then run again",
  '53000': 'the database server ran out of resources. Fix: check the Postgres server (connections, memory, disk), then run again',
  '53200': 'the database server ran out of memory. Fix: check the Postgres server, then run again',
  '53300': 'the database server has no free connections. Fix: raise max_connections or stop idle clients, then run again',
  '25006': 'the database is read-only (a standby, or default_transaction_read_only). Fix: point state.url at the primary server',
  '57P01': 'the database server was shut down. Fix: start it, then run again',
  '57P02': 'the database server crashed. Fix: check it, then run again',
  '57P03': 'the database server is starting up or shutting down. Fix: run again when it accepts connections',
  ECONNREFUSED: 'the database server refused the connection. Fix: start Postgres, or correct the host and port in state.url',
  ECONNRESET: 'the connection to the database server broke. Fix: check the server and the network, then run again',
  ETIMEDOUT: 'the database server did not answer. Fix: check the server and the network, then run again',
};

/** A StoreError naming the store and the fix, or null when the error is not a known store failure. */
export function storeFailure(error: unknown, where: StoreLocation): StoreError | null {
  if (error instanceof StoreError || !isErrorLike(error)) return null;
  const code = error.code;
  if (typeof code !== 'string') return null;
  const advice = where.driver === 'sqlite' ? sqliteAdvice(code, where.path) : (POSTGRES[code] ?? null);
  if (advice === null) return null;
  const store = where.driver === 'sqlite' ? `The state store ${where.path}` : `The Postgres state store ${where.shown}`;
  return new StoreError(`${store} failed: ${errorText(error)}: ${advice}. ${RESUME}`, { cause: error });
}

/** The store with every method's failures translated by `storeFailure`. */
export function guardStore(store: StateStore, where: StoreLocation): StateStore {
  const translate = (error: unknown): never => {
    throw storeFailure(error, where) ?? error;
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result instanceof Promise ? result.catch(translate) : result;
        } catch (error) {
          return translate(error);
        }
      };
    },
  });
}
