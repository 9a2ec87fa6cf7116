/**
 * `scoresync serve` as a real process (dist/; run `npm run build` first) on a loopback port with the file connector:
 * it refuses to start without a token, triggers a run over HTTP, polls it, serves /metrics, and on SIGTERM mid-run
 * stops after the current batch and exits 0; the next start finishes the work with nothing lost or duplicated.
 */
import { join } from 'node:path';
import nock from 'nock';
import request from 'supertest';
import { readCsv } from '../sync/engine-harness.js';
import { killChildren, listening, requireBuild, startServe, type Served } from './child-serve.js';
import { AUTH, finishedRun, serviceProject, until, type ServiceProject } from './service-harness.js';

beforeAll(() => {
  requireBuild();
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());

function start(project: ServiceProject, extra: string[] = [], env?: NodeJS.ProcessEnv): Served {
  return startServe([...project.args, 'serve', '--port', '0', ...extra], env);
}


describe('serve as a process', () => {
  let project: ServiceProject;
  beforeEach(() => {
    project = serviceProject(300);
    project.addConfig(['service:', '  shutdownGraceSeconds: 20'].join('\n'));
  });
  afterEach(() => {
    killChildren();
    project.cleanup();
  });

  it('refuses to start without a token, and --insecure-local off loopback, with exit 2 and the fix', async () => {
    const noToken = start(project, [], {});
    expect(await noToken.exit).toBe(2);
    expect(noToken.stderr()).toMatch(/^scoresync: SCORESYNC_API_TOKEN is not set.*Fix: export SCORESYNC_API_TOKEN=/);
    const open = start(project, ['--insecure-local', '--host', '0.0.0.0'], {});
    expect(await open.exit).toBe(2);
    expect(open.stderr()).toContain('--insecure-local only works on a loopback address');
    const local = await listening(start(project, ['--insecure-local'], {}));
    expect((await request(local.url).get('/api/runs')).status).toBe(200);
    local.child.kill('SIGTERM');
    expect(await local.exit).toBe(0);
  });

  it('runs over HTTP, serves metrics, stops mid-run on SIGTERM with exit 0, and the next start finishes the work once', async () => {
    const sizes = readFileSizes(project);
    // Small batches: a SIGTERM finds the run between two of them.
    project.editConfig('scoreBatchSize: 500', 'scoreBatchSize: 10');
    project.editConfig('scoreWorkers: 2', 'scoreWorkers: 1');
    const first = await listening(start(project));
    const res = await request(first.url).post('/api/runs').set(AUTH).send({});
    expect(res.status).toBe(202);
    // Mid-run: once it has started scoring (its first batch is in progress or done).
    await until(async () => (first.stderr().includes('"phase finished","phase":"train models"') || first.stderr().includes('"phase":"train models"') ? true : undefined), 5);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(first.stderr()).toContain('"message":"stopped"');

    const second = await listening(start(project));
    const stopped = await finishedRun(second.url, res.body.runId as string);
    expect(stopped.status).toBe('failed');
    expect(stopped.errors[0]).toMatch(/stopped between batches: the service is shutting down/);
    const resumed = await request(second.url).post('/api/runs').set(AUTH).send({});
    const done = await finishedRun(second.url, resumed.body.runId as string);
    expect(done.status).toBe('succeeded');
    // Whatever the stopped run had not scored or written, this one did (a stop after scoring leaves only writes).
    expect(done.counts.recordsWritten + stopped.counts.recordsWritten).toBeGreaterThan(0);

    // Nothing lost: every account carries its scores. Nothing duplicated: one task per key, one row per account.
    const accounts = readCsv(join(project.data, 'accounts.csv'));
    expect(accounts).toHaveLength(sizes.accounts);
    expect(accounts.filter((a) => a.fit_score === '' || a.buying_stage === '')).toEqual([]);
    const tasks = readCsv(join(project.data, 'tasks.csv'));
    expect(new Set(tasks.map((t) => t.sync_key)).size).toBe(tasks.length);
    expect(tasks.length).toBe(stopped.counts.tasksCreated + done.counts.tasksCreated);

    const metrics = await request(second.url).get('/metrics');
    expect(metrics.text).toMatch(/scoresync_runs_total\{connector="file",mode="run",status="succeeded"\} 1/);
    expect(metrics.text).toContain(`scoresync_records_scored_total{connector="file",kind="account"} ${done.counts.scoredAccounts}`);
    expect(metrics.text).toMatch(/scoresync_outbox_depth\{connector="file"\} 0/);
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
  });
});

function readFileSizes(project: ServiceProject): { accounts: number } {
  return { accounts: project.accounts().length };
}
