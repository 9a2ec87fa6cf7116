/**
 * Two `serve` processes (dist/) on one Postgres database (scoresync_service_test, created if missing): each scheduled
 * tick runs once across both, events posted to either instance are scored, and a run whose holder is SIGKILLed is
 * taken over (at once on the same machine: its pid is gone) and finished by the other instance.
 */
import nock from 'nock';
import pg from 'pg';
import request from 'supertest';
import { normalizeDomain } from '../../src/model/domain.js';
import { openStore } from '../../src/store/open-store.js';
import type { StateStore } from '../../src/store/store.js';
import { readCsv } from '../sync/engine-harness.js';
import { PG_URL, requirePostgres } from '../store/postgres-harness.js';
import { killChildren, listening, logLines, requireBuild, startServe, type Served } from './child-serve.js';
import { AUTH, finishedRun, serviceProject, TOKEN, until, type ServiceProject } from './service-harness.js';
import { join } from 'node:path';

const DATABASE = 'scoresync_service_test';
const DB_URL = PG_URL.replace(/\/[^/]+$/, `/${DATABASE}`);

beforeAll(async () => {
  requireBuild();
  await requirePostgres();
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());

/** This test owns the database: each case starts from an empty schema. */
async function resetSchema(): Promise<void> {
  const client = new pg.Client({ connectionString: DB_URL });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS scoresync CASCADE');
  } finally {
    await client.end();
  }
}

function instance(project: ServiceProject, extra: string[] = []): Promise<Served> {
  const env = { SCORESYNC_API_TOKEN: TOKEN, SCORESYNC_DATABASE_URL: DB_URL };
  return listening(startServe(['--config', project.config, '--data', project.data, 'serve', '--port', '0', ...extra], env));
}


describe('two serve instances on one Postgres', () => {
  let project: ServiceProject;
  let store: StateStore;
  beforeEach(async () => {
    await resetSchema();
    project = serviceProject(8);
  });
  afterEach(async () => {
    killChildren();
    await store?.close();
    project.cleanup();
  });

  it('each scheduled tick runs once across both; events posted to either are scored', async () => {
    project.addConfig(['schedules:', '  file:', '    incremental: "*/3 * * * * *"'].join('\n'));
    const [a, b] = await Promise.all([instance(project), instance(project)]);
    store = await openStore({ driver: 'postgres', url: DB_URL, schema: 'scoresync' });
    // Let the first runs score everything, then post one event to each instance.
    await until(async () => ((await store.listRuns(50)).some((r) => r.status === 'succeeded' && r.counts.scoredAccounts === 8) ? true : undefined), 200);
    const accounts = project.accounts();
    const event = (i: number) => ({ events: [{ id: `e${i}`, type: 'pricing_visit', occurredAt: new Date(Date.now() - 60_000).toISOString(), domain: normalizeDomain(accounts[i]!.website) }] });
    expect((await request(a.url).post('/api/events').set(AUTH).send(event(1))).body.markedAccounts).toBe(1);
    expect((await request(b.url).post('/api/events').set(AUTH).send(event(2))).body.markedAccounts).toBe(1);
    // Later scheduled runs (on either instance) score both and clear the marks: one run, or one each when a tick fell
    // between the two posts (a slow machine). Wait for those runs to finish, not only for the marks to clear.
    const eventRuns = await until(async () => {
      if ((await store.rescoreMarks('file')).length > 0) return undefined;
      const history = await store.listRuns(50);
      if (history.some((r) => r.status === 'running')) return undefined;
      const firstFull = history.filter((r) => r.counts.scoredAccounts === 8).map((r) => r.startedAt).sort()[0] ?? '';
      const scored = history.filter((r) => r.startedAt > firstFull && r.counts.scoredAccounts > 0);
      return scored.reduce((sum, r) => sum + r.counts.scoredAccounts, 0) >= 2 ? scored : undefined;
    }, 200);
    expect(eventRuns.map((r) => r.status).filter((s) => s !== 'succeeded')).toEqual([]);
    expect(eventRuns.reduce((sum, r) => sum + r.counts.scoredAccounts, 0)).toBe(2);

    // Let a few more ticks pass, then compare what each instance did per slot.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    const ticks = [...logLines(a, 'scheduled tick'), ...logLines(b, 'scheduled tick')];
    const bySlot = new Map<string, string[]>();
    for (const t of ticks) bySlot.set(t.slot as string, [...(bySlot.get(t.slot as string) ?? []), t.outcome as string]);
    expect(bySlot.size).toBeGreaterThanOrEqual(3);
    for (const [slot, outcomes] of bySlot) {
      // Once, or not at all when the previous tick's run still held the connector's lock (then both report "busy").
      expect({ slot, twice: outcomes.filter((o) => o === 'started').length > 1 }).toEqual({ slot, twice: false });
    }
    const started = ticks.filter((t) => t.outcome === 'started').length;
    expect(started).toBeGreaterThanOrEqual(3);
    const runs = (await store.listRuns(500)).filter((r) => r.mode === 'run');
    expect(runs).toHaveLength(started);
    expect(runs.filter((r) => r.status === 'failed' || r.status === 'abandoned')).toEqual([]);
  });

  it('a run whose holder is SIGKILLed is taken over by the other instance and finished, nothing lost or duplicated', async () => {
    project.editConfig('scoreBatchSize: 500', 'scoreBatchSize: 2');
    project.editConfig('scoreWorkers: 2', 'scoreWorkers: 1');
    const [a, b] = await Promise.all([instance(project, ['--no-scheduler']), instance(project, ['--no-scheduler'])]);
    store = await openStore({ driver: 'postgres', url: DB_URL, schema: 'scoresync' });
    const started = await request(a.url).post('/api/runs').set(AUTH).send({});
    expect(started.status).toBe(202);
    const busy = await request(b.url).post('/api/runs').set(AUTH).send({});
    expect(busy.status).toBe(409);
    await until(async () => (a.stderr().includes('"phase":"score accounts"') || a.stderr().includes('"phase":"train models"') ? true : undefined), 5);
    a.child.kill('SIGKILL');
    await a.exit;

    const takeover = await request(b.url).post('/api/runs').set(AUTH).send({});
    expect(takeover.status).toBe(202);
    const done = await finishedRun(b.url, takeover.body.runId as string);
    expect(done.status).toBe('succeeded');
    expect(done.warnings?.join(' ')).toContain(`run ${started.body.runId as string} was killed before it finished`);
    expect((await store.getRun(started.body.runId as string))?.status).toBe('abandoned');

    const rows = readCsv(join(project.data, 'accounts.csv'));
    expect(rows.filter((r) => r.fit_score === '')).toEqual([]);
    const tasks = readCsv(join(project.data, 'tasks.csv'));
    expect(new Set(tasks.map((t) => t.sync_key)).size).toBe(tasks.length);
    expect(await store.countPendingOutbox('file')).toBe(0);
  });
});
