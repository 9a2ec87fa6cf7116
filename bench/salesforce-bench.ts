/**
 * Salesforce benchmark: a seeded org of N accounts in the emulator (loopback HTTP, the real jsforce client), ScoreSync's
 * own setup, then a first sync and a no-change sync through the real engine and connector. Reports:
 * - write calls against the minimum (per object, Task included: ⌈changed records / 200⌉ collection calls, or one Bulk
 *   API 2.0 job above the Bulk threshold; a job counts as one write call, its polls and result reads are listed apart);
 * - read calls against the minimum pages (⌈records / 2,000⌉ for each object the sync reads);
 * - wall time of both syncs, and a floor measured in the same process: plain jsforce paging through the same objects
 *   and writing the same number of records in the fewest calls. The ratio sync / floor is what to compare between
 *   machines (the shared test machine's load moves both).
 *
 *   npm run build && node dist/bench/salesforce-bench.js --accounts 10000 [--activities 2] [--seed 7]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import jsforce from 'jsforce';
import { createSalesforceApi } from '../connectors/salesforce/api.js';
import { setupSalesforceOutputs } from '../connectors/salesforce/setup-outputs.js';
import { loadConfig } from '../src/config/load-config.js';
import { createConnector } from '../src/connector/registry.js';
import { silentLogger } from '../src/log/logger.js';
import { openStore } from '../src/store/open-store.js';
import type { StateStore } from '../src/store/store.js';
import type { EngineDeps } from '../src/sync/engine-deps.js';
import { runSync } from '../src/sync/run-sync.js';
import { startSalesforceEmulator, type CallRecord, type SalesforceEmulator } from '../tests/emulators/salesforce/index.js';
import { seconds } from './measure.js';
import { quietEngineDeps } from './quiet-engine-deps.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '10000' },
    activities: { type: 'string', default: '2' },
    seed: { type: 'string', default: '7' },
    /** Overrides the connector's batch size (what the engine hands it at once) to try the Bulk path; default: its own. */
    'write-batch-size': { type: 'string' },
  },
});
const ACCOUNTS = Number(values.accounts);
const COLLECTION = 200;
const PAGE = 2_000;

interface Counts {
  byEndpoint: Record<string, number>;
  writeCalls: number;
  bulkJobs: number;
  readCalls: number;
}

function countCalls(calls: readonly CallRecord[]): Counts {
  const byEndpoint: Record<string, number> = {};
  for (const c of calls) if (c.apiCounted) byEndpoint[`${c.method} ${c.endpoint}`] = (byEndpoint[`${c.method} ${c.endpoint}`] ?? 0) + 1;
  const n = (key: string): number => byEndpoint[key] ?? 0;
  const bulkJobs = n('POST bulk/ingest');
  return {
    byEndpoint,
    // A Bulk job counts as one write (the minimum counts it so); its polls and result reads are listed by endpoint.
    writeCalls: n('PATCH collections') + n('POST collections') + n('PATCH collections/upsert') + bulkJobs,
    bulkJobs,
    // Pages of data (REST pages, Bulk query jobs); the deletion checks (queryAll) are listed by endpoint.
    readCalls: n('GET query') + n('GET query/more') + n('POST bulk/query'),
  };
}

/** The fewest write calls for what the org received: per object, one Bulk job or ⌈records / 200⌉ collection calls. */
/**
 * The fewest write calls for what the org received, per object: one Bulk job when the object's records went through
 * Bulk API 2.0, else ⌈records / 200⌉ collection calls; and, for reference, the minimum had every object above the
 * Bulk threshold gone through one job.
 */
function minimumWrites(emulator: SalesforceEmulator, fromSeq: number, bulkThreshold: number): { minimum: number; bulkMinimum: number; records: Record<string, number> } {
  const perObject = new Map<string, { ids: Set<string>; bulk: boolean }>();
  for (const w of emulator.org.writes()) {
    if (w.seq <= fromSeq || w.via === 'org') continue;
    const entry = perObject.get(w.object) ?? { ids: new Set<string>(), bulk: false };
    entry.ids.add(w.id);
    entry.bulk ||= w.via === 'bulk';
    perObject.set(w.object, entry);
  }
  let minimum = 0;
  let bulkMinimum = 0;
  const records: Record<string, number> = {};
  for (const [object, { ids, bulk }] of perObject) {
    records[object] = ids.size;
    minimum += bulk ? 1 : Math.ceil(ids.size / COLLECTION);
    bulkMinimum += ids.size > bulkThreshold ? 1 : Math.ceil(ids.size / COLLECTION);
  }
  return { minimum, bulkMinimum, records };
}

/** The objects a sync reads: the mapped ones, opportunity contact roles and the activity objects. */
const PULLED = ['Account', 'Contact', 'Lead', 'Opportunity', 'OpportunityContactRole', 'Task', 'Event', 'CampaignMember'];

/** The fewest reads that hold every record of the pulled objects: one Bulk query job above the threshold, else ⌈rows / 2,000⌉ pages. */
function minimumReads(emulator: SalesforceEmulator, bulkQueryThreshold: number): number {
  return PULLED.reduce((sum, object) => {
    const rows = emulator.org.count(object);
    return sum + (rows > bulkQueryThreshold ? 1 : Math.max(1, Math.ceil(rows / PAGE)));
  }, 0);
}

async function floor(emulator: SalesforceEmulator, objects: readonly string[], writes: number): Promise<number> {
  const conn = new jsforce.Connection({ version: '62.0', oauth2: { clientId: emulator.credentials.clientId, clientSecret: emulator.credentials.clientSecret, loginUrl: emulator.url } });
  await conn.authorize({ grant_type: 'client_credentials' });
  const t0 = performance.now();
  for (const object of objects) await conn.query(`SELECT Id FROM ${object}`).run({ autoFetch: true, maxFetch: 10_000_000 });
  const accounts = emulator.org.list('Account').slice(0, writes);
  const calls: Promise<unknown>[] = [];
  for (let i = 0; i < accounts.length; i += COLLECTION) {
    const records = accounts.slice(i, i + COLLECTION).map((a) => ({ attributes: { type: 'Account' }, id: a['Id'], Name: a['Name'] }));
    calls.push(conn.request({ method: 'PATCH', url: '/composite/sobjects', body: JSON.stringify({ allOrNone: false, records }), headers: { 'Content-Type': 'application/json' } }));
    if (calls.length >= 4) await Promise.all(calls.splice(0));
  }
  await Promise.all(calls);
  return performance.now() - t0;
}

function engineDeps(store: StateStore, now: Date): EngineDeps {
  const loaded = loadConfig('config/scoresync.yaml', {});
  const mapping = loaded.mappings['salesforce'];
  if (mapping === undefined) throw new Error('config/scoresync.yaml has no salesforce connector');
  const settings = { ...(loaded.config.connectors.salesforce as Record<string, unknown>) };
  const own = createConnector('salesforce', { mapping, settings, logger: silentLogger() });
  const override = values['write-batch-size'];
  const connector = override === undefined ? own : (Object.assign(Object.create(own) as typeof own, { writeBatchSize: Number(override) }) as typeof own);
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return quietEngineDeps({ store, connector, mapping, scoringConfig: loaded.scoring, settings: { scoreWorkers: 1 }, now: () => now, sleep });
}

async function main(): Promise<void> {
  const seedStart = performance.now();
  const emulator = await startSalesforceEmulator({ seed: Number(values.seed), org: { datagen: { accounts: ACCOUNTS, activitiesPerContact: Number(values.activities) } }, dailyLimit: 1_000_000 });
  const seededSeconds = seconds(performance.now() - seedStart);
  Object.assign(process.env, emulator.env());
  const dir = mkdtempSync(join(tmpdir(), 'scoresync-sf-bench-'));
  const store = await openStore({ driver: 'sqlite', path: join(dir, 'state.db') });
  try {
    const now = new Date();
    // ScoreSync's own setup creates and grants the output fields (on a connection that knows its user, see report).
    const setupConn = new jsforce.Connection({ version: '62.0', oauth2: { clientId: emulator.credentials.clientId, clientSecret: emulator.credentials.clientSecret, loginUrl: emulator.url } });
    await setupConn.authorize({ grant_type: 'client_credentials' });
    const mapping = engineDeps(store, now).mapping;
    const actions = await setupSalesforceOutputs(createSalesforceApi(setupConn, { concurrency: 1 }), mapping, { dryRun: false, logger: silentLogger() });
    const sfSettings = loadConfig('config/scoresync.yaml', {}).config.connectors.salesforce as { bulkWriteThreshold?: number; bulkQueryThreshold?: number };
    const bulkThreshold = sfSettings.bulkWriteThreshold ?? 2_000;
    const bulkQueryThreshold = sfSettings.bulkQueryThreshold ?? 50_000;

    emulator.resetCalls();
    const readMin = minimumReads(emulator, bulkQueryThreshold);
    const writesBefore = emulator.org.writes().at(-1)?.seq ?? 0;
    const t0 = performance.now();
    const first = await runSync(engineDeps(store, now), { full: false, dryRun: false });
    const firstMs = performance.now() - t0;
    const firstCalls = emulator.calls.list();
    const firstCounts = countCalls(firstCalls);
    const writeMin = minimumWrites(emulator, writesBefore, bulkThreshold);

    emulator.resetCalls();
    const writesAfterFirst = emulator.org.writes().at(-1)?.seq ?? 0;
    const t1 = performance.now();
    // Nothing changed in the org and no time passed for the scores (time decay would legitimately move some).
    const second = await runSync(engineDeps(store, now), { full: false, dryRun: false });
    const secondMs = performance.now() - t1;
    const secondCounts = countCalls(emulator.calls.list());
    const secondWriteLog = emulator.org.writes().filter((w) => w.seq > writesAfterFirst && w.via !== 'org');
    const secondWrites = secondWriteLog.length;
    if (process.env['BENCH_DEBUG']) console.error(JSON.stringify(secondWriteLog.slice(0, 8), null, 1));

    const recordsWritten = Object.values(writeMin.records).reduce((a, b) => a + b, 0);
    const floorMs = await floor(emulator, PULLED, recordsWritten);
    const result = {
      accounts: ACCOUNTS,
      writeBatchSize: engineDeps(store, now).connector.writeBatchSize,
      seeded: { seconds: seededSeconds, counts: emulator.seedCounts },
      setup: { created: actions.filter((a) => a.action === 'created').length },
      firstSync: {
        status: first.run.status,
        seconds: seconds(firstMs),
        recordsWritten: first.run.counts.recordsWritten,
        tasksCreated: first.run.counts.tasksCreated,
        writeCalls: firstCounts.writeCalls,
        writeMinimum: writeMin.minimum,
        writeRatio: Math.round((firstCounts.writeCalls / Math.max(1, writeMin.minimum)) * 1000) / 1000,
        writeMinimumIfBulkAboveThreshold: writeMin.bulkMinimum,
        bulkJobs: firstCounts.bulkJobs,
        recordsByObject: writeMin.records,
        readCalls: firstCounts.readCalls,
        readMinimum: readMin,
        readRatio: Math.round((firstCounts.readCalls / Math.max(1, readMin)) * 1000) / 1000,
        apiCalls: first.run.counts.apiCalls,
        byEndpoint: firstCounts.byEndpoint,
      },
      noChangeSync: {
        status: second.run.status,
        seconds: seconds(secondMs),
        writeCalls: secondCounts.writeCalls,
        recordsWrittenInOrg: secondWrites,
        readCalls: secondCounts.readCalls,
        byEndpoint: secondCounts.byEndpoint,
      },
      floor: { seconds: seconds(floorMs), what: `plain jsforce: every page of ${PULLED.join(', ')} (SELECT Id) and ${recordsWritten} records in ⌈n/200⌉ collection calls, 4 at a time` },
      firstSyncOverFloor: Math.round((firstMs / floorMs) * 10) / 10,
    };
    console.log(JSON.stringify(result, null, 2));
    if (first.run.status === 'failed') process.exitCode = 1;
  } finally {
    await store.close();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
