/**
 * The admin API through real HTTP on a loopback port (supertest), on a small file-connector CRM: the token guards
 * every /api route, bad bodies get 400 with the problem, a held run lock is 409, a run is 202 then visible, and the
 * reports (plan, distributions, accounts) answer from what the runs stored.
 */
import nock from 'nock';
import request from 'supertest';
import { emptyCounts, type RunRecord } from '../../src/model/sync.js';
import type { RunningService } from '../../src/server/service.js';
import { RunLease, runLockName } from '../../src/sync/run-lease.js';
import { createLogger } from '../../src/log/logger.js';
import { normalizeDomain } from '../../src/model/domain.js';
import { AUTH, finishedRun, serve, serviceProject, type ServiceProject } from './service-harness.js';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());

const API_ROUTES: [string, string][] = [
  ['get', '/api/runs'],
  ['get', '/api/runs/abc'],
  ['post', '/api/runs'],
  ['get', '/api/schedules'],
  ['get', '/api/accounts?q=a'],
  ['get', '/api/accounts/file/001'],
  ['get', '/api/plan/abc'],
  ['get', '/api/distributions/file'],
  ['post', '/api/events'],
  ['get', '/api/no-such-route'],
];


async function startRun(service: RunningService, body: object): Promise<RunRecord> {
  const res = await request(service.url).post('/api/runs').set(AUTH).send(body);
  expect(res.status).toBe(202);
  return finishedRun(service.url, res.body.runId as string);
}

describe('admin API', () => {
  let project: ServiceProject;
  let service: RunningService;
  beforeAll(async () => {
    project = serviceProject(8);
    service = await serve(project);
  });
  afterAll(async () => {
    await service.close();
    project.cleanup();
  });

  it.each(API_ROUTES)('%s %s needs the token: 401 without it and with a wrong one', async (method, path) => {
    const agent = request(service.url) as unknown as Record<string, (p: string) => request.Test>;
    for (const header of [undefined, 'Bearer wrong-token-0123456789', 'Basic dGVzdA==', `Bearer ${'x'.repeat(500)}`]) {
      const req = agent[method]!(path);
      const res = await (header ? req.set('Authorization', header) : req);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('health, readiness and metrics need no token; security headers are set', async () => {
    const health = await request(service.url).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['x-powered-by']).toBeUndefined();
    const ready = await request(service.url).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { accepting: 'ok', store: 'ok', config: 'ok' } });
    const metrics = await request(service.url).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('scoresync_outbox_depth{connector="file"}');
  });

  it('bad run requests are 400 with what is wrong', async () => {
    const cases: [object | string, RegExp][] = [
      [{ full: 'yes' }, /full: .*boolean/i],
      [{ connector: 'salesforce' }, /connector "salesforce" is not served by this instance \(served: file\)/],
      [{ dryrun: true }, /dryrun/],
      [[1, 2], /\(body\)/],
    ];
    for (const [body, message] of cases) {
      const res = await request(service.url).post('/api/runs').set(AUTH).send(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
      expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules/);
    }
    const malformed = await request(service.url).post('/api/runs').set(AUTH).set('Content-Type', 'application/json').send('{"full": tru');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ error: 'malformed_json', message: 'the request body is not valid JSON' });
    const huge = await request(service.url).post('/api/events').set(AUTH).set('Content-Type', 'application/json').send(JSON.stringify({ events: [], pad: 'x'.repeat(1100 * 1024) }));
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('body_too_large');
  });

  it('an unknown route is a JSON 404', async () => {
    const res = await request(service.url).get('/api/nothing').set(AUTH);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: 'no route GET /api/nothing' });
    expect((await request(service.url).get('/nothing')).body.error).toBe('not_found');
  });

  it('a run is 202 with its id, then visible in /api/runs with its counts; a second trigger while the lock is held is 409', async () => {
    const run = await startRun(service, {});
    expect(run.status).toBe('succeeded');
    expect(run.counts.scoredAccounts).toBe(8);
    expect(run.apiBudget).toEqual({ limit: null, remaining: null });
    expect(run.rejects).toEqual([]);
    const list = await request(service.url).get('/api/runs?limit=5').set(AUTH);
    expect(list.body.runs.map((r: RunRecord) => r.id)).toContain(run.id);

    // Another process (or instance) holds the connector's run lock.
    const { store } = service.context;
    const lease = await RunLease.acquire({ store, name: runLockName('file'), owner: 'other-instance-run', leaseMs: 60_000, renewMs: 20_000, now: () => new Date(), logger: createLogger({ silent: true }), holder: { host: 'elsewhere', hostKey: 'elsewhere/ns', pid: 1 } });
    try {
      const res = await request(service.url).post('/api/runs').set(AUTH).send({ connector: 'file' });
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('run_in_progress');
      expect(res.body.message).toContain('other-instance-run');
    } finally {
      await lease.release();
    }
  });

  it("takes over a lock whose holder on another machine stopped renewing it once its lease ran out, and marks that run abandoned", async () => {
    const { store } = service.context;
    const startedAt = new Date(Date.now() - 120_000).toISOString();
    await store.saveRun({ id: 'remote-run', connector: 'file', mode: 'run', status: 'running', startedAt, finishedAt: null, counts: emptyCounts(), errors: [] });
    const remote = { host: 'web-2', hostKey: 'web-2/pid:[4026531836]', pid: 4242 };
    expect(await store.acquireLock(runLockName('file'), 'remote-run', 30_000, new Date(Date.now() - 60_000), remote)).toBe(true);
    const run = await startRun(service, {});
    expect(run.status).toBe('succeeded');
    expect(run.warnings).toContain('run remote-run was killed before it finished (marked abandoned); its planned writes are resumed by this run');
    expect((await store.getRun('remote-run'))?.status).toBe('abandoned');
  });

  it('a dry run keeps its plan for GET /api/plan/:runId, a page at a time', async () => {
    const dry = await startRun(service, { dryRun: true, full: true });
    expect(dry.mode).toBe('dry-run');
    const first = await request(service.url).get(`/api/plan/${dry.id}?limit=3`).set(AUTH);
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(dry.counts.fieldsChanged + dry.counts.tasksPlanned);
    expect(first.body.items).toHaveLength(Math.min(3, first.body.total));
    if (first.body.total > 3) {
      expect(first.body.nextOffset).toBe(3);
      const second = await request(service.url).get(`/api/plan/${dry.id}?offset=3&limit=3`).set(AUTH);
      expect(second.body.items[0]).not.toEqual(first.body.items[0]);
    }
    const runs = await request(service.url).get('/api/runs').set(AUTH);
    const realRun = runs.body.runs.find((r: RunRecord) => r.mode === 'run');
    const notDry = await request(service.url).get(`/api/plan/${realRun.id}`).set(AUTH);
    expect(notDry.status).toBe(404);
    expect(notDry.body.message).toMatch(/not a dry run/);
    expect((await request(service.url).get('/api/plan/nope').set(AUTH)).body).toEqual({ error: 'not_found', message: 'no run with id nope' });
    expect((await request(service.url).get(`/api/plan/${dry.id}?limit=0`).set(AUTH)).status).toBe(400);
  });

  it('distributions count every scored account; accounts are found by name or domain with their scores and history', async () => {
    const dist = await request(service.url).get('/api/distributions/file').set(AUTH);
    expect(dist.status).toBe(200);
    expect(dist.body.accounts).toBe(8);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(dist.body.fitBucket)).toBe(8);
    expect(sum(dist.body.tier)).toBe(8);
    expect(dist.body.qualified.true + dist.body.qualified.false).toBe(8);
    expect(dist.body.histograms.fit.counts.reduce((a: number, b: number) => a + b, 0)).toBe(8);
    expect((await request(service.url).get('/api/distributions/hubspot').set(AUTH)).status).toBe(404);

    const account = project.accounts()[2]!;
    const byName = await request(service.url).get(`/api/accounts?q=${encodeURIComponent(account.name!.slice(0, 6).toUpperCase())}`).set(AUTH);
    expect(byName.body.accounts.map((a: { id: string }) => a.id)).toContain(account.id);
    const hit = byName.body.accounts.find((a: { id: string }) => a.id === account.id);
    expect(hit.score.fitBucket).toMatch(/Strong|Moderate|Weak/);
    const domain = normalizeDomain(account.website)!;
    const byDomain = await request(service.url).get(`/api/accounts?q=${domain}`).set(AUTH);
    expect(byDomain.body.accounts[0].id).toBe(account.id);
    expect((await request(service.url).get('/api/accounts?q=%25%25').set(AUTH)).body.accounts).toEqual([]);
    expect((await request(service.url).get('/api/accounts').set(AUTH)).status).toBe(400);

    const detail = await request(service.url).get(`/api/accounts/file/${account.id}`).set(AUTH);
    expect(detail.status).toBe(200);
    expect(detail.body.account.name).toBe(account.name);
    expect(detail.body.reasons).toEqual(expect.any(String));
    expect(detail.body.scoreHistory.length).toBeGreaterThan(0);
    expect(Array.isArray(detail.body.contacts)).toBe(true);
    expect(Array.isArray(detail.body.stageHistory)).toBe(true);
    expect((await request(service.url).get('/api/accounts/file/nope').set(AUTH)).status).toBe(404);
  });

  it('a second service on a port in use refuses to start with the fix', async () => {
    await expect(serve(project, { port: service.port })).rejects.toThrow(`port ${service.port} on 127.0.0.1 is already in use. Fix: stop what listens there, or pass --port with a free port.`);
  });

  it('GET /api/schedules lists no jobs when none are configured', async () => {
    const res = await request(service.url).get('/api/schedules').set(AUTH);
    expect(res.body).toEqual({ timezone: 'UTC', jobs: [] });
  });
});
