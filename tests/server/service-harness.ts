/** A private project (config, mappings, a small CRM copy, its own SQLite file) and a running `serve` on a free loopback port. */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import type { RunRecord } from '../../src/model/sync.js';
import { startService, type RunningService, type ServeOptions } from '../../src/server/service.js';
import { addTaskForEveryAccount } from '../../bench/task-for-every-account.js';
import { copyExampleSubset, readCsv } from '../sync/engine-harness.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TOKEN = 'test-token-0123456789abcdef';
export const AUTH = { Authorization: `Bearer ${TOKEN}` };

export interface ServiceProject {
  dir: string;
  data: string;
  state: string;
  config: string;
  /** Global CLI options for this project (as `scoresync --config … --data … --state …`). */
  globals: { config: string; data: string; state: string; logLevel: 'error' };
  args: string[];
  /** Appends YAML to the config file (schedules, service settings). */
  addConfig(yaml: string): void;
  /** Replaces text in the config file (a setting of a section it already has). */
  editConfig(from: string, to: string): void;
  accounts(): Record<string, string>[];
  contacts(): Record<string, string>[];
  cleanup(): void;
}

export function serviceProject(accounts = 8, state?: string): ServiceProject {
  const dir = mkdtempSync(join(tmpdir(), 'scoresync-serve-'));
  cpSync(join(ROOT, 'config'), join(dir, 'config'), { recursive: true });
  cpSync(join(ROOT, 'mappings'), join(dir, 'mappings'), { recursive: true });
  // The shipped playbooks leave a few sampled accounts without a task; the tests need tasks to lose or duplicate.
  addTaskForEveryAccount(join(dir, 'config/scoring.yaml'));
  const data = join(dir, 'crm');
  copyExampleSubset(data, accounts);
  const statePath = state ?? join(dir, 'state.db');
  const config = join(dir, 'config/scoresync.yaml');
  return {
    dir,
    data,
    state: statePath,
    config,
    globals: { config, data, state: statePath, logLevel: 'error' },
    args: ['--config', config, '--data', data, '--state', statePath],
    addConfig: (yaml) => appendFileSync(config, `\n${yaml}\n`),
    editConfig(from, to) {
      const text = readFileSync(config, 'utf8');
      if (!text.includes(from)) throw new Error(`the config has no "${from}"`);
      writeFileSync(config, text.replace(from, to));
    },
    accounts: () => readCsv(join(data, 'accounts.csv')),
    contacts: () => readCsv(join(data, 'contacts.csv')),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function serve(project: ServiceProject, options: Partial<ServeOptions> = {}): Promise<RunningService> {
  return startService(project.globals, { host: '127.0.0.1', port: 0, insecureLocal: false, scheduler: false, env: { SCORESYNC_API_TOKEN: TOKEN }, ...options });
}

/** Polls until `check` returns a value (not undefined); a hang fails through the test timeout, not a race. */
export async function until<T>(check: () => Promise<T | undefined>, intervalMs = 50): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Polls `GET /api/runs/:id` on a service at `url` until the run has finished. */
export async function finishedRun(url: string, runId: string): Promise<RunRecord> {
  return until(async () => {
    const res = await request(url).get(`/api/runs/${runId}`).set(AUTH);
    return res.body.status !== 'running' && res.body.finishedAt ? (res.body as RunRecord) : undefined;
  });
}
