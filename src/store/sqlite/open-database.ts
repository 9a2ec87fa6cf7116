import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { errorText, StoreError } from '../common/store-error.js';

/** How long a writer waits for another process's transaction before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

/** Opens (creating if needed) the SQLite file with the pragmas every connection needs. Failures name the file and the fix. */
export function openSqliteDatabase(path: string): Database.Database {
  const inMemory = path === ':memory:';
  const shown = inMemory ? ':memory:' : resolve(path);
  if (!inMemory) {
    try {
      mkdirSync(dirname(shown), { recursive: true });
    } catch (error) {
      throw openError(shown, error, `make sure the folder ${dirname(shown)} can be created (no file in its place) and is writable`);
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    // journal_mode is the first statement that reads the file, so "not a database" surfaces here, inside the try.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db?.close();
    throw openError(shown, error, 'check that the path is a ScoreSync state file (or does not exist yet) and that this user may read and write it and its folder');
  }
}

function openError(path: string, error: unknown, fix: string): StoreError {
  return new StoreError(`Cannot open the SQLite state store at ${path}: ${errorText(error)}. Fix: ${fix}, or set state.path to another file.`, {
    cause: error,
  });
}
