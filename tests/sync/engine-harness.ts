/** Builds a real engine (SQLite store, file connector, real scoring) over a temp copy of the example CRM. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { loadConfig } from '../../src/config/load-config.js';
import { createConnector } from '../../src/connector/registry.js';
import { silentLogger } from '../../src/log/logger.js';
import { withTaskForEveryAccount } from '../../bench/task-for-every-account.js';
import { openStore } from '../../src/store/open-store.js';
import type { StateStore } from '../../src/store/store.js';
import type { EngineDeps } from '../../src/sync/engine-deps.js';
import type { FaultHooks } from '../../src/sync/faults.js';
import { quietEngineDeps } from '../../bench/quiet-engine-deps.js';

/** The example CRM was generated with this "now"; scoring at the same instant needs no date shifting. */
export const EXAMPLE_NOW = new Date('2026-11-20T12:00:00Z');

export interface Harness {
  dir: string;
  dataDir: string;
  statePath: string;
  store: StateStore;
  deps(faults?: FaultHooks, now?: Date): EngineDeps;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Only the first N accounts of the example CRM (with their contacts, opportunities and activities): small and fast. */
  accounts?: number;
  /** Add a playbook that gives every account a task on its first scoring (tests that need tasks to lose). */
  taskForEveryAccount?: boolean;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'scoresync-engine-'));
  const dataDir = join(dir, 'crm');
  if (options.accounts === undefined) cpSync('examples/crm', dataDir, { recursive: true });
  else copyExampleSubset(dataDir, options.accounts);
  const statePath = join(dir, 'state.db');
  const loaded = loadConfig('config/scoresync.yaml', { dataDir, statePath });
  const store = await openStore({ driver: 'sqlite', path: statePath });
  const mapping = loaded.mappings.file!;
  const settings = { ...(loaded.config.connectors.file as Record<string, unknown>) };
  return {
    dir,
    dataDir,
    statePath,
    store,
    deps(faults, now = EXAMPLE_NOW) {
      // A fresh connector per run, as a new process would have.
      const connector = createConnector('file', { mapping, settings, logger: silentLogger() });
      const scoringConfig = options.taskForEveryAccount ? withTaskForEveryAccount(loaded.scoring) : loaded.scoring;
      return quietEngineDeps({ store, connector, mapping, scoringConfig, settings: { maxAttempts: 2 }, now: () => now, faults });
    },
    close: () => store.close(),
  };
}

/** A fresh harness for every test of the calling `describe` block, closed after it; `use` receives each one. */
export function harnessPerTest(use: (h: Harness) => void, options: HarnessOptions = {}): void {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await createHarness(options);
    use(current);
  });
  afterEach(async () => {
    await current?.close();
  });
}

export function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

export function tryReadCsv(path: string): Record<string, string>[] {
  try {
    return readCsv(path);
  } catch {
    return [];
  }
}

/** The example CRM cut down to its first `accounts` accounts and every record that belongs to them. */
export function copyExampleSubset(dataDir: string, accounts: number): void {
  mkdirSync(dataDir, { recursive: true });
  const read = (name: string) => readCsv(join('examples/crm', name));
  const write = (name: string, rows: Record<string, string>[], header: string[]) =>
    writeFileSync(join(dataDir, name), stringify(rows, { header: true, columns: header }));
  const headerOf = (name: string) => readFileSync(join('examples/crm', name), 'utf8').split('\n', 1)[0]?.split(',') ?? [];
  const kept = read('accounts.csv').slice(0, accounts);
  const accountIds = new Set(kept.map((a) => a.id));
  const contacts = read('contacts.csv').filter((c) => accountIds.has(c.account_id ?? ''));
  const contactIds = new Set(contacts.map((c) => c.id));
  write('accounts.csv', kept, headerOf('accounts.csv'));
  write('contacts.csv', contacts, headerOf('contacts.csv'));
  write('opportunities.csv', read('opportunities.csv').filter((o) => accountIds.has(o.account_id ?? '')), headerOf('opportunities.csv'));
  const activities = read('activities.csv').filter((a) => accountIds.has(a.account_id ?? '') || contactIds.has(a.contact_id ?? ''));
  write('activities.csv', activities, headerOf('activities.csv'));
}
