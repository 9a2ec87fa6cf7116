/**
 * `scoresync serve` against the Salesforce emulator (loopback HTTP, the real jsforce client): a seeded org, ScoreSync's
 * own setup of the output fields, then the service (its RunManager and, for freshness, its Scheduler):
 *  1. a first run, then idle incremental runs (nothing changed in the org): API calls per run by endpoint, wall time;
 *  2. freshness: an activity is logged on one account in the org; the scheduled incremental run (a few-second cron for
 *     the bench, a 1-minute one in production) writes its new scores back: time from the change to the write, the
 *     calls that run cost.
 * Every figure is printed next to a floor measured in the same process (plain jsforce): a minimal change poll (one
 * `SELECT Id … WHERE SystemModstamp > t` per object the sync reads) and, for freshness, that poll plus one collection
 * write. The machine is shared, so the ratios are what to compare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import jsforce from 'jsforce';
import { createSalesforceApi } from '../connectors/salesforce/api.js';
import { setupSalesforceOutputs } from '../connectors/salesforce/setup-outputs.js';
import { loadConfig } from '../src/config/load-config.js';
import { silentLogger } from '../src/log/logger.js';
import type { RunRecord } from '../src/model/sync.js';
import { serviceJobRunner } from '../src/scheduler/job-runner.js';
import { Scheduler } from '../src/scheduler/scheduler.js';
import { startService, type RunningService } from '../src/server/service.js';
import { startSalesforceEmulator, type CallRecord, type SalesforceEmulator } from '../tests/emulators/salesforce/index.js';

const TOKEN = 'bench-token-0123456789abcdef';
/** The objects an incremental sync reads (mapped ones, contact roles, the three activity objects). */
const PULLED = ['Account', 'Contact', 'Lead', 'Opportunity', 'OpportunityContactRole', 'Task', 'Event', 'CampaignMember'];

const byEndpoint = (calls: readonly CallRecord[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const c of calls) if (c.apiCounted) counts[`${c.method} ${c.endpoint}`] = (counts[`${c.method} ${c.endpoint}`] ?? 0) + 1;
  return counts;
};
const total = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (r: RunRecord): number => Date.parse(r.finishedAt!) - Date.parse(r.startedAt);
const sleep = (n: number) => new Promise((done) => setTimeout(done, n));

async function login(emulator: SalesforceEmulator): Promise<jsforce.Connection> {
  const { clientId, clientSecret } = emulator.credentials;
  const conn = new jsforce.Connection({ version: '62.0', oauth2: { clientId, clientSecret, loginUrl: emulator.url } });
  await conn.authorize({ grant_type: 'client_credentials' });
  return conn;
}

/** The least a poller must do to learn whether anything changed: one query per object, nothing returned. */
async function minimalPoll(conn: jsforce.Connection, since: Date): Promise<number> {
  const t0 = performance.now();
  const stamp = since.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const object of PULLED) await conn.query(`SELECT Id FROM ${object} WHERE SystemModstamp > ${stamp}`);
  return performance.now() - t0;
}

function client(service: RunningService) {
  const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${service.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as T };
  }
  return {
    api,
    async run(): Promise<RunRecord> {
      const started = await api<{ runId: string }>('POST', '/api/runs', { connector: 'salesforce' });
      if (started.status !== 202) throw new Error(`POST /api/runs: ${started.status} ${JSON.stringify(started.body)}`);
      for (;;) {
        const r = await api<RunRecord>('GET', `/api/runs/${started.body.runId}`);
        if (r.body.finishedAt) return r.body;
        await sleep(20);
      }
    },
  };
}

export async function salesforceServeBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      accounts: { type: 'string', default: '1000' },
      activities: { type: 'string', default: '2' },
      seed: { type: 'string', default: '7' },
      idle: { type: 'string', default: '5' },
      /** The bench's schedule: every N seconds (production would use "* * * * *", every minute). */
      interval: { type: 'string', default: '5' },
    },
  });
  const accounts = Number(values.accounts);
  const interval = Number(values.interval);
  // The org's data is "as of" a day ago, so its stamps are older than the pull's overlap window, as in a live org.
  const emulator = await startSalesforceEmulator({
    seed: Number(values.seed),
    org: { datagen: { accounts, activitiesPerContact: Number(values.activities), now: new Date(Date.now() - 86_400_000) } },
    dailyLimit: 10_000_000,
  });
  const savedEnv = { ...process.env };
  Object.assign(process.env, emulator.env());
  const dir = mkdtempSync(join(tmpdir(), 'scoresync-serve-sf-bench-'));
  let service: RunningService | null = null;
  let scheduler: Scheduler | null = null;
  try {
    const config = resolve('config/scoresync.yaml');
    const mapping = loadConfig(config, { env: {} }).mappings['salesforce']!;
    const floorConn = await login(emulator);
    const setup = await setupSalesforceOutputs(createSalesforceApi(floorConn, { concurrency: 1 }), mapping, { dryRun: false, logger: silentLogger() });
    console.log(`org: ${JSON.stringify(emulator.seedCounts)}; setup created ${setup.filter((a) => a.action === 'created').length} output fields`);

    emulator.resetCalls();
    service = await startService(
      { config, state: join(dir, 'state.db'), logLevel: 'error', connector: 'salesforce' },
      { host: '127.0.0.1', port: 0, insecureLocal: false, scheduler: false, env: { SCORESYNC_API_TOKEN: TOKEN } },
    );
    const startCalls = byEndpoint(emulator.calls.list());
    console.log(`service start (login, connector check): ${total(startCalls)} calls ${JSON.stringify(startCalls)}`);
    const { run } = client(service);

    emulator.resetCalls();
    const first = await run();
    const firstCalls = byEndpoint(emulator.calls.list());
    console.log(`first run: ${first.status}, ${first.counts.scoredAccounts} accounts scored, ${first.counts.recordsWritten} records written, ` +
      `${first.counts.tasksCreated} tasks, ${first.counts.apiCalls} calls (emulator: ${total(firstCalls)}), ${(ms(first) / 1000).toFixed(1)} s`);

    // 1. Idle incremental runs, each next to a minimal poll measured just after it: first right after the first push,
    // then once reps' changes have moved every watermark past it (the steady state of a live org).
    const rep = String(emulator.org.list('User').find((u) => u['Id'] !== emulator.org.integrationUser.id)!['Id']);
    const idleRuns = async (label: string) => {
      const runs: { run: RunRecord; calls: Record<string, number>; floorMs: number }[] = [];
      for (let i = 0; i < Number(values.idle); i++) {
        emulator.resetCalls();
        const r = await run();
        const calls = byEndpoint(emulator.calls.list());
        runs.push({ run: r, calls, floorMs: await minimalPoll(floorConn, new Date(Date.now() - 60_000)) });
      }
      runs.forEach(({ run: r, calls, floorMs }, i) =>
        console.log(`${label} idle run ${i + 1}: ${total(calls)} calls ${JSON.stringify(calls)}, pulled ${r.counts.pulled}, scored ${r.counts.scoredAccounts}, ` +
          `written ${r.counts.recordsWritten}, ${ms(r)} ms (minimal poll: ${PULLED.length} calls, ${floorMs.toFixed(0)} ms)`));
      return runs;
    };
    await idleRuns('after the first push:');
    // A second later, reps edit one record of each kind and log a call (as another user: the emulator's org writes
    // otherwise count as the integration user's); one run reads them, and the idle runs after it are the steady state.
    await sleep(1100);
    for (const object of ['Account', 'Contact', 'Lead', 'Opportunity']) {
      const record = emulator.org.list(object).find((r) => r['IsConverted'] !== true)!;
      emulator.org.update(object, String(record['Id']), { Description: 'edited by a rep', LastModifiedById: rep });
    }
    const today = new Date().toISOString().slice(0, 10);
    emulator.org.insert('Task', { Subject: 'Call', Type: 'Call', TaskSubtype: 'Call', Status: 'Completed', Priority: 'Normal', ActivityDate: today, CreatedById: rep, LastModifiedById: rep });
    const edits = await run();
    console.log(`reps edit 4 records and log a call: the next run pulled ${edits.counts.pulled}, scored ${edits.counts.scoredAccounts}, wrote ${edits.counts.recordsWritten}, ${edits.counts.apiCalls} calls`);
    const idle = await idleRuns('steady:');
    if (process.env['BENCH_DEBUG']) {
      const recent = new Date(Date.now() - 15 * 60_000).toISOString();
      for (const object of PULLED) {
        const by: Record<string, number> = {};
        for (const r of emulator.org.list(object)) if (String(r['SystemModstamp']) >= recent) by[String(r['LastModifiedById'])] = (by[String(r['LastModifiedById'])] ?? 0) + 1;
        console.error(`${object} stamped in the last 15 min by LastModifiedById: ${JSON.stringify(by)} (integration user ${emulator.org.integrationUser.id})`);
      }
      console.error(emulator.calls.list().map((c) => decodeURIComponent(c.path)).join('\n'));
    }
    const steady = idle.slice(1);
    const perRun = steady.length > 0 ? median(steady.map((x) => total(x.calls))) : total(idle[0]!.calls);
    const idleMs = median(steady.map((x) => ms(x.run)));
    const floorMs = median(steady.map((x) => x.floorMs));
    console.log(`steady idle (runs 2..${idle.length}): median ${perRun} calls, ${idleMs} ms per run vs minimal poll ${PULLED.length} calls, ${floorMs.toFixed(0)} ms ` +
      `(×${(idleMs / floorMs).toFixed(1)}); a 1-minute schedule: ${(perRun * 1440).toLocaleString('en-US')} calls a day`);

    // 2. Freshness: the service's scheduler on an every-N-seconds cron; a demo is logged for the least engaged account.
    const { store } = service.context;
    scheduler = new Scheduler({
      jobs: [{ name: 'salesforce.incremental', connector: 'salesforce', kind: 'incremental', cron: `*/${interval} * * * * *` }],
      timezone: 'UTC',
      store,
      instanceId: service.context.instanceId,
      runner: serviceJobRunner(service.runs, store, service.context.instanceId, () => new Date()),
      logger: silentLogger(),
      now: () => new Date(),
    });
    scheduler.start();
    const target = emulator.org
      .list('Account')
      .filter((a) => typeof a['ScoreSync_EngagementScore__c'] === 'number')
      .sort((a, b) => Number(a['ScoreSync_EngagementScore__c']) - Number(b['ScoreSync_EngagementScore__c']))[0]!;
    const accountId = String(target['Id']);
    const contact = emulator.org.list('Contact').find((c) => c['AccountId'] === accountId);
    const before = { engagement: target['ScoreSync_EngagementScore__c'], stage: target['ScoreSync_BuyingStage__c'] };
    // Let one scheduled tick pass first, so the change lands at a random point of the interval, as a rep's would.
    await sleep(interval * 1000 + Math.round(interval * 500 * Math.random()));
    await waitIdle(service);
    const callsAtChange = emulator.calls.list().length;
    const changedAt = Date.now();
    const now = new Date().toISOString();
    emulator.org.insert('Event', { Subject: 'Demo', Type: 'Meeting', ActivityDateTime: now, StartDateTime: now, DurationInMinutes: 30, WhoId: contact?.['Id'] ?? null, WhatId: accountId, CreatedById: rep, LastModifiedById: rep });
    let after = emulator.org.get('Account', accountId)!;
    while (after['ScoreSync_EngagementScore__c'] === before.engagement) {
      if (Date.now() - changedAt > interval * 1000 * 3 + 120_000) throw new Error(`account ${accountId}: no new score written back within ${Date.now() - changedAt} ms`);
      await sleep(10);
      after = emulator.org.get('Account', accountId)!;
    }
    const freshMs = Date.now() - changedAt;
    await waitIdle(service);
    await scheduler.stop();
    const freshRun = (await store.listRuns(1))[0]!;
    const freshCalls = byEndpoint(emulator.calls.list().slice(callsAtChange));
    const t0 = performance.now();
    await minimalPoll(floorConn, new Date(changedAt - 1000));
    await floorConn.request({ method: 'PATCH', url: '/composite/sobjects', body: JSON.stringify({ allOrNone: false, records: [{ attributes: { type: 'Account' }, id: accountId, Name: after['Name'] }] }), headers: { 'Content-Type': 'application/json' } });
    const freshFloorMs = performance.now() - t0;
    console.log(`freshness: a demo logged on account ${accountId}: engagement ${String(before.engagement)} (${String(before.stage)}) -> ` +
      `${String(after['ScoreSync_EngagementScore__c'])} (${String(after['ScoreSync_BuyingStage__c'])}) written back ${freshMs} ms after the change ` +
      `by the scheduled run (every ${interval} s) of ${ms(freshRun)} ms: ${freshRun.counts.scoredAccounts} account(s) scored, ${freshRun.counts.recordsWritten} record(s) written, ` +
      `${total(freshCalls)} calls ${JSON.stringify(freshCalls)}; floor (poll + one collection write): ${PULLED.length + 1} calls, ${freshFloorMs.toFixed(0)} ms ` +
      `(the run ×${(ms(freshRun) / freshFloorMs).toFixed(1)})`);
  } finally {
    await scheduler?.stop();
    await service?.close();
    await emulator.stop();
    process.env = savedEnv;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Until no run of the service is in progress. */
async function waitIdle(service: RunningService): Promise<void> {
  while (service.runs.activeRuns().length > 0) await Promise.all(service.runs.activeRuns().map((r) => r.done));
}
