/** Builds a real engine (SQLite store, file connector, real scoring) over a temp copy of the example CRM. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../../src/config/load-config.js';
import { createConnector } from '../../src/connector/registry.js';
import { silentLogger } from '../../src/log/logger.js';
import { scoring } from '../../src/scoring/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { StateStore } from '../../src/store/store.js';
import type { EngineDeps } from '../../src/sync/engine-deps.js';
import type { FaultHooks } from '../../src/sync/faults.js';
import { silentProgress } from '../../src/sync/progress.js';
import { DEFAULT_SYNC_SETTINGS } from '../../src/sync/settings.js';

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

export async function createHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'scoresync-engine-'));
  const dataDir = join(dir, 'crm');
  cpSync('examples/crm', dataDir, { recursive: true });
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
      return {
        store,
        connector,
        mapping,
        scoring,
        scoringConfig: loaded.scoring,
        settings: { ...DEFAULT_SYNC_SETTINGS, maxAttempts: 2 },
        logger: silentLogger(),
        now: () => now,
        sleep: () => Promise.resolve(),
        progress: silentProgress,
        faults,
      };
    },
    close: () => store.close(),
  };
}

/** A fresh harness for every test of the calling `describe` block, closed after it; `use` receives each one. */
export function harnessPerTest(use: (h: Harness) => void): void {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await createHarness();
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
