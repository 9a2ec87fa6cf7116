/** `--state <path|url>` on the command line replaces the state section of the config. */
import { resolve } from 'node:path';
import { registerSecret } from '../log/redact.js';
import { ConfigError } from './errors.js';
import type { StateConfig } from './schema.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const SQLITE_FILE = /\.(db|sqlite|sqlite3)$/i;

export function stateFromOverride(value: string, current: StateConfig, cwd: string): StateConfig {
  const trimmed = value.trim();
  if (trimmed === ':memory:') return { driver: 'sqlite', path: ':memory:' };
  if (POSTGRES_URL.test(trimmed)) {
    // The URL usually carries a password.
    registerSecret(trimmed);
    return { driver: 'postgres', url: trimmed, schema: current.driver === 'postgres' ? current.schema : 'scoresync' };
  }
  if (SQLITE_FILE.test(trimmed)) return { driver: 'sqlite', path: resolve(cwd, trimmed) };
  throw new ConfigError('command line', {
    path: '--state',
    problem: `"${trimmed}" is neither a SQLite file nor a Postgres URL`,
    allowed: 'Allowed: a file path ending in .db (SQLite), :memory:, or a postgres:// URL',
    fix: 'pass e.g. --state .scoresync/state.db or --state postgres://user@host:5432/scoresync (password in the URL from an environment variable)',
  });
}
