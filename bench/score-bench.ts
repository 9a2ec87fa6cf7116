/**
 * Scoring benchmark: generate a seeded CRM straight into a SQLite state store, then train and score every
 * account through the real engine phases (models → score → plan → outbox), measuring time and peak memory.
 *
 *   npm run build
 *   node dist/bench/score-bench.js --accounts 100000 --contacts 10 --activities 5 [--leads 2]
 *
 * The ingest and the scoring run in separate processes, so the peak RSS reported for scoring is scoring's own.
 * With --steady the first score pass is followed by a push of its plan (to a stand-in CRM that accepts everything)
 * and a second full rescore one day later: the daily job in its steady state, where the plan is a small diff. Each
 * of those runs in a process of its own too.
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
import type { Account, Activity, Contact, IntentSignal, Lead, Opportunity } from '../src/model/records.js';
import { openStore } from '../src/store/open-store.js';
import type { StateStore } from '../src/store/store.js';
import type { EngineDeps } from '../src/sync/engine-deps.js';
import { mb, seconds } from './measure.js';
import { measurePush } from './push-pass.js';
import { measureScorePass } from './score-pass.js';
import { timedStore } from './timed-store.js';
import { DEFAULT_SYNC_SETTINGS } from '../src/sync/settings.js';
import { quietEngineDeps } from './quiet-engine-deps.js';

const NOW = new Date('2026-11-20T12:00:00Z');
/** The steady-state pass runs as the next daily job would: one day after the first sync. */
const NEXT_DAY = new Date(NOW.getTime() + 24 * 3_600_000);
const FLUSH = 5_000;

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    contacts: { type: 'string', default: '10' },
    activities: { type: 'string', default: '5' },
    /** Average leads per account (matching it, converted, or from companies outside the CRM); 0 = none. */
    leads: { type: 'string', default: '0' },
    db: { type: 'string' },
    phase: { type: 'string', default: 'all' },
    keep: { type: 'boolean', default: false },
    steady: { type: 'boolean', default: false },
    workers: { type: 'string', default: String(DEFAULT_SYNC_SETTINGS.scoreWorkers) },
  },
});
const accounts = Number(values.accounts);
const dbPath = resolve(values.db ?? join('bench', 'out', `bench-${accounts}.db`));

/** The state file plus its write-ahead log, as it stands after the phase. */
function dbSize(): string {
  return mb([dbPath, `${dbPath}-wal`].reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0));
}

async function ingest(store: StateStore): Promise<Record<string, number>> {
  const buffers = { account: [] as Account[], contact: [] as Contact[], lead: [] as Lead[], opportunity: [] as Opportunity[], activity: [] as Activity[] };
  const intent: IntentSignal[] = [];
  const counts = { account: 0, contact: 0, lead: 0, opportunity: 0, activity: 0, intent: 0 };
  const flush = async (force: boolean): Promise<void> => {
    for (const kind of ['account', 'contact', 'lead', 'opportunity', 'activity'] as const) {
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
    leadsPerAccount: Number(values.leads),
  })) {
    const leads = [...bundle.leads, ...bundle.otherLeads.map((l) => l.lead)];
    const leadActivities = bundle.otherLeads.flatMap((l) => l.activities);
    buffers.account.push(bundle.account);
    buffers.contact.push(...bundle.contacts);
    buffers.lead.push(...leads);
    buffers.opportunity.push(...bundle.opportunities);
    buffers.activity.push(...bundle.activities, ...leadActivities);
    counts.lead += leads.length;
    intent.push(...bundle.intent);
    counts.account++;
    counts.contact += bundle.contacts.length;
    counts.opportunity += bundle.opportunities.length;
    counts.activity += bundle.activities.length + leadActivities.length;
    counts.intent += bundle.intent.length;
    await flush(false);
  }
  await flush(true);
  return counts;
}

async function timedIngest(store: StateStore): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const counts = await ingest(store);
  return { seconds: seconds(performance.now() - t0), ...counts };
}

/** The engine's dependencies as a real run has them, on the benchmark's store and clock. */
function engineDeps(store: StateStore, connectorDir: string): EngineDeps {
  const loaded = loadConfig('config/scoresync.yaml', { statePath: dbPath });
  const mapping = loaded.mappings.file!;
  // The store's records are keyed by the 'file' source, so deps.connector.name must stay 'file'.
  const connector = createConnector('file', { mapping, settings: { dataDir: connectorDir }, logger: silentLogger() });
  const storeOptions = { driver: 'sqlite' as const, path: dbPath };
  return quietEngineDeps({ store, connector, mapping, scoringConfig: loaded.scoring, settings: { scoreWorkers: Number(values.workers) }, now: () => NOW, storeOptions });
}

/**
 * 'score' is a first sync on a fresh store (its CRM values are empty, so every field is planned); 'push' drains that
 * plan into the stand-in CRM; 'score-steady' is the next day's full rescore, which diffs against what the push stored.
 */
async function measureStep(phase: string, plainStore: StateStore): Promise<Record<string, unknown>> {
  if (phase === 'ingest') return timedIngest(plainStore);
  const spent = new Map<string, number>();
  const connectorDir = mkdtempSync(join(tmpdir(), 'scoresync-bench-'));
  try {
    const deps = engineDeps(timedStore(plainStore, spent), connectorDir);
    if (phase === 'score') return await measureScorePass(deps, spent);
    if (phase === 'push') return await measurePush(deps, spent);
    if (phase === 'score-steady') return await measureScorePass({ ...deps, now: () => NEXT_DAY }, spent);
    throw new Error(`unknown phase "${phase}": use ingest, score, push or score-steady`);
  } finally {
    rmSync(connectorDir, { recursive: true, force: true });
  }
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
    const out = await measureStep(phase, store);
    await store.close();
    console.log(JSON.stringify({ phase, ...out, peakRssProcess: mb(process.resourceUsage().maxRSS * 1024), dbSize: dbSize() }));
  } finally {
    await store.close();
  }
}

/** Runs one phase in a process of its own, so the peak RSS it reports is that phase's alone. */
function child(phase: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const args = childArgs(process.argv.slice(2));
    const proc = fork(fileURLToPath(import.meta.url), [...args, '--phase', phase], { stdio: 'inherit' });
    proc.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${phase} phase exited with ${code}`))));
  });
}

/** The command line minus `--phase X` / `--phase=X`, and minus `--steady`: only this process runs the steady steps. */
function childArgs(args: string[]): string[] {
  return args.filter((arg, i) => !arg.startsWith('--phase') && args[i - 1] !== '--phase' && arg !== '--steady');
}

if (values.phase === 'all') {
  if (!existsSync(dbPath) || !values.keep) await child('ingest');
  await child('score');
} else {
  await runPhase(values.phase);
}
// The steady state follows the first sync: push its plan, then rescore everything a day later, each in its own process
// (a real install pushes in the scoring process, but the next day's run is a new one).
if (values.steady && (values.phase === 'all' || values.phase === 'score')) {
  await child('push');
  await child('score-steady');
}
