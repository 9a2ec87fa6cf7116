/**
 * Scoring benchmark: generate a seeded CRM straight into a SQLite state store, then train and score every
 * account through the real engine phases (models → score → plan → outbox), measuring time and peak memory.
 *
 *   npm run build
 *   node dist/bench/score-bench.js --accounts 100000 --contacts 10 --activities 5
 *
 * The ingest and the scoring run in separate processes, so the peak RSS reported for scoring is scoring's own.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateAccounts } from './datagen/index.js';
import { loadConfig } from '../src/config/load-config.js';
import { createConnector } from '../src/connector/registry.js';
import { silentLogger } from '../src/log/logger.js';
import type { Account, Activity, Contact, IntentSignal, Opportunity } from '../src/model/records.js';
import { scoring } from '../src/scoring/index.js';
import { openStore } from '../src/store/open-store.js';
import type { StateStore } from '../src/store/store.js';
import { modelsPhase } from '../src/sync/models-phase.js';
import { silentProgress } from '../src/sync/progress.js';
import { scorePhase } from '../src/sync/score-phase.js';
import { DEFAULT_SYNC_SETTINGS } from '../src/sync/settings.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const FLUSH = 5_000;

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    contacts: { type: 'string', default: '10' },
    activities: { type: 'string', default: '5' },
    db: { type: 'string' },
    phase: { type: 'string', default: 'all' },
    keep: { type: 'boolean', default: false },
    workers: { type: 'string', default: String(DEFAULT_SYNC_SETTINGS.scoreWorkers) },
  },
});
const accounts = Number(values.accounts);
const dbPath = resolve(values.db ?? join('bench', 'out', `bench-${accounts}.db`));

function cpuSeconds(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
  return Math.round((to.user - from.user + to.system - from.system) / 100_000) / 10;
}

/** The state file plus its write-ahead log, as it stands after the phase. */
function dbSize(): string {
  return mb([dbPath, `${dbPath}-wal`].reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0));
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

async function ingest(store: StateStore): Promise<Record<string, number>> {
  const buffers = { account: [] as Account[], contact: [] as Contact[], opportunity: [] as Opportunity[], activity: [] as Activity[] };
  const intent: IntentSignal[] = [];
  const counts = { account: 0, contact: 0, opportunity: 0, activity: 0, intent: 0 };
  const flush = async (force: boolean): Promise<void> => {
    for (const kind of ['account', 'contact', 'opportunity', 'activity'] as const) {
      const buffer = buffers[kind];
      if (buffer.length >= FLUSH || (force && buffer.length > 0)) {
        await store.upsertRecords('file', kind, buffer.splice(0) as never[]);
      }
    }
    if (intent.length >= FLUSH || (force && intent.length > 0)) await store.upsertIntent(intent.splice(0));
  };
  for (const bundle of generateAccounts({
    seed: 7,
    accounts,
    now: NOW,
    contactsPerAccount: Number(values.contacts),
    activitiesPerContact: Number(values.activities),
  })) {
    buffers.account.push(bundle.account);
    buffers.contact.push(...bundle.contacts);
    buffers.opportunity.push(...bundle.opportunities);
    buffers.activity.push(...bundle.activities);
    intent.push(...bundle.intent);
    counts.account++;
    counts.contact += bundle.contacts.length;
    counts.opportunity += bundle.opportunities.length;
    counts.activity += bundle.activities.length;
    counts.intent += bundle.intent.length;
    await flush(false);
  }
  await flush(true);
  return counts;
}

/**
 * Wraps every store method to add up the wall time spent in it, so the output says how much of a pass is the store
 * (reads, score and plan persistence) and how much is scoring itself.
 */
function timedStore(store: StateStore, spent: Map<string, number>): StateStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return async (...args: unknown[]) => {
        const start = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          spent.set(name, (spent.get(name) ?? 0) + performance.now() - start);
        }
      };
    },
  });
}

async function score(plainStore: StateStore): Promise<Record<string, unknown>> {
  const spent = new Map<string, number>();
  const store = timedStore(plainStore, spent);
  const loaded = loadConfig('config/scoresync.yaml', { statePath: dbPath });
  const mapping = loaded.mappings.file!;
  const emptyDir = mkdtempSync(join(tmpdir(), 'scoresync-bench-'));
  const connector = createConnector('file', { mapping, settings: { dataDir: emptyDir }, logger: silentLogger() });
  const deps = {
    store,
    connector,
    mapping,
    scoring,
    scoringConfig: loaded.scoring,
    settings: { ...DEFAULT_SYNC_SETTINGS, scoreWorkers: Number(values.workers) },
    logger: silentLogger(),
    now: () => NOW,
    sleep: () => Promise.resolve(),
    progress: silentProgress,
    storeOptions: { driver: 'sqlite' as const, path: dbPath },
  };
  const options = { full: true, dryRun: false };
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const ids = await store.listAccountIds('file');
  const { models } = await modelsPhase(deps, options);
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const result = await scorePhase(deps, options, 'bench', ids, models);
  const t2 = performance.now();
  const cpu2 = process.cpuUsage();
  clearInterval(sampler);
  rmSync(emptyDir, { recursive: true, force: true });
  return {
    accounts: result.scoredAccounts,
    contacts: result.scoredContacts,
    fitMode: models.fitMode,
    trainSeconds: Math.round((t1 - t0) / 100) / 10,
    scoreAndPlanSeconds: Math.round((t2 - t1) / 100) / 10,
    // CPU time (user + system) next to wall time: on a shared machine wall time also counts waiting for a core.
    trainCpuSeconds: cpuSeconds(cpu0, cpu1),
    scoreAndPlanCpuSeconds: cpuSeconds(cpu1, cpu2),
    accountsPerSecond: Math.round(result.scoredAccounts / ((t2 - t1) / 1000)),
    fieldsChanged: result.fieldsChanged,
    tasksPlanned: result.tasksPlanned,
    peakRss: mb(Math.max(peak, process.resourceUsage().maxRSS * 1024)),
    storeSeconds: Object.fromEntries([...spent].filter(([, ms]) => ms >= 50).map(([name, ms]) => [name, Math.round(ms / 100) / 10])),
  };
}

async function runPhase(phase: string): Promise<void> {
  if (phase === 'ingest') {
    rmSync(dbPath, { force: true });
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
    mkdirSync(join(dbPath, '..'), { recursive: true });
  }
  const store = await openStore({ driver: 'sqlite', path: dbPath });
  try {
    const t0 = performance.now();
    const out = phase === 'ingest' ? await ingest(store) : await score(store);
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    await store.close();
    console.log(JSON.stringify({ phase, seconds, ...out, peakRssProcess: mb(process.resourceUsage().maxRSS * 1024), dbSize: dbSize() }));
  } finally {
    await store.close();
  }
}

function child(phase: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const args = process.argv.slice(2).filter((a) => !a.startsWith('--phase'));
    const proc = fork(fileURLToPath(import.meta.url), [...args, '--phase', phase], { stdio: 'inherit' });
    proc.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${phase} phase exited with ${code}`))));
  });
}

if (values.phase === 'all') {
  if (!existsSync(dbPath) || !values.keep) await child('ingest');
  await child('score');
} else {
  await runPhase(values.phase);
}
