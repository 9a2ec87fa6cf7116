/**
 * The scheduler: a tick runs once across instances sharing a store (tick claims), never beside a run of the same
 * connector (the run lease), the next slot runs again, ticks missed while stalled are not replayed in a burst, and
 * the intent job imports its folder.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { createLogger } from '../../src/log/logger.js';
import type { ScheduledJob } from '../../src/scheduler/jobs.js';
import { Scheduler, type JobRunner } from '../../src/scheduler/scheduler.js';
import type { RunningService } from '../../src/server/service.js';
import { openStore } from '../../src/store/open-store.js';
import type { StateStore } from '../../src/store/store.js';
import { RunLease, runLockName } from '../../src/sync/run-lease.js';
import request from 'supertest';
import { AUTH, ROOT, serve, serviceProject, until, type ServiceProject } from './service-harness.js';

const logger = createLogger({ silent: true });
const JOB: ScheduledJob = { name: 'file.incremental', connector: 'file', kind: 'incremental', cron: '* * * * *' };
const SLOT = new Date('2026-11-30T10:00:00Z');
const NEXT = new Date('2026-11-30T10:01:00Z');

function countingRunner(): JobRunner & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    async run(job, trigger) {
      runs.push(`${job.name} ${trigger}`);
      return { summary: 'ran' };
    },
  };
}

describe('scheduler ticks', () => {
  let store: StateStore;
  beforeEach(async () => {
    store = await openStore({ driver: 'sqlite', path: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  function scheduler(instanceId: string, runner: JobRunner, now: () => Date): Scheduler {
    return new Scheduler({ jobs: [JOB], timezone: 'UTC', store, instanceId, runner, logger, now });
  }

  it('two instances ticking for the same slot run it once; the next slot runs again', async () => {
    const runner = countingRunner();
    let now = new Date(SLOT.getTime() + 20);
    const a = scheduler('a', runner, () => now);
    const b = scheduler('b', runner, () => now);
    expect(await a.tick(JOB, SLOT, NEXT)).toMatchObject({ outcome: 'started' });
    now = new Date(SLOT.getTime() + 900); // b's clock and timer are a little late
    expect(await b.tick(JOB, SLOT, NEXT)).toEqual({ outcome: 'claimed-elsewhere' });
    expect(runner.runs).toHaveLength(1);

    now = new Date(NEXT.getTime() + 5);
    expect(await b.tick(JOB, NEXT, new Date(NEXT.getTime() + 60_000))).toMatchObject({ outcome: 'started' });
    expect(await a.tick(JOB, NEXT, new Date(NEXT.getTime() + 60_000))).toEqual({ outcome: 'claimed-elsewhere' });
    expect(runner.runs).toHaveLength(2);
    expect(b.status()[0]).toMatchObject({ name: 'file.incremental', cron: '* * * * *', timezone: 'UTC', lastTick: { at: NEXT.toISOString(), outcome: 'started' } });
  });

  it('reads cron expressions in the configured time zone', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T10:00:00Z') });
    try {
      const nightly: ScheduledJob = { name: 'file.full', connector: 'file', kind: 'full', cron: '0 2 * * *' };
      const s = new Scheduler({ jobs: [nightly], timezone: 'Europe/Berlin', store, instanceId: 'tz', runner: countingRunner(), logger, now: () => new Date() });
      s.start();
      // 02:00 in Berlin on 1 December (CET, UTC+1) is 01:00 UTC.
      expect(s.status()[0]).toMatchObject({ timezone: 'Europe/Berlin', nextRun: '2026-12-01T01:00:00.000Z', lastTick: null });
      await s.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('ticks missed while the process was stalled are not replayed in a burst', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T10:00:30Z') });
    try {
      const runner = countingRunner();
      const s = scheduler('solo', runner, () => new Date());
      s.start();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(runner.runs).toHaveLength(1);
      // The process is suspended for an hour (its timers did not fire), then resumes.
      jest.setSystemTime(new Date(Date.now() + 3_600_000));
      await jest.advanceTimersByTimeAsync(61_000);
      // One tick for the minute it resumed in (the 60 missed minutes are reported as missed, not run).
      expect(runner.runs).toHaveLength(2);
      expect(s.status()[0]!.nextRun).not.toBeNull();
      await s.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('scheduled jobs in a running service', () => {
  let project: ServiceProject;
  let service: RunningService;
  beforeAll(async () => {
    project = serviceProject(6);
    mkdirSync(join(project.dir, 'intent'));
    copyFileSync(join(ROOT, 'examples/intent.csv'), join(project.dir, 'intent/week-48.csv'));
    project.addConfig(['schedules:', '  file:', '    incremental: "0 0 1 1 *"', '    intent: { cron: "0 0 1 1 *", folder: ../intent }'].join('\n'));
    service = await serve(project, { scheduler: true });
  });
  afterAll(async () => {
    await service.close();
    project.cleanup();
  });

  it('a tick while a run of the connector holds the lock is skipped, never queued', async () => {
    const scheduler = service.scheduler!;
    const { store } = service.context;
    const lease = await RunLease.acquire({ store, name: runLockName('file'), owner: 'manual-run', leaseMs: 60_000, renewMs: 20_000, now: () => new Date(), logger });
    try {
      const outcome = await scheduler.tick({ ...JOB, cron: '0 0 1 1 *' }, new Date(), null);
      expect(outcome).toMatchObject({ outcome: 'busy', reason: expect.stringContaining('manual-run') });
    } finally {
      await lease.release();
    }
    expect(service.runs.activeRuns()).toEqual([]);
    // (The skipped tick used up its slot; the next slot of the job is another job's tick here, to not wait a minute.)
    const started = await scheduler.tick({ ...JOB, name: 'file.next-slot', cron: '0 0 1 1 *' }, new Date(), null);
    expect(started).toMatchObject({ outcome: 'started', runId: expect.any(String) });
    const run = await until(async () => {
      const r = await store.getRun((started as { runId: string }).runId);
      return r?.status === 'running' ? undefined : (r ?? undefined);
    });
    expect(run.status).toBe('succeeded');
  });

  it('the intent job imports every CSV of its folder and makes the next run rescore every account', async () => {
    const { store } = service.context;
    await store.setWatermark('file', 'rescore-all', new Date().toISOString());
    const outcome = await service.scheduler!.tick({ name: 'file.intent', connector: 'file', kind: 'intent', cron: '0 0 1 1 *', folder: join(project.dir, 'intent') }, new Date(), null);
    expect(outcome).toMatchObject({ outcome: 'started', summary: expect.stringMatching(/imported 1 intent file\(s\).*intent rows stored/) });
    expect(await store.getWatermark('file', 'rescore-all')).toBe(new Date(0).toISOString());
    const res = await request(service.url).get('/api/schedules').set(AUTH);
    expect(res.body.timezone).toBe('UTC');
    expect(res.body.jobs.map((j: { name: string }) => j.name)).toEqual(['file.incremental', 'file.intent']);
    expect(res.body.jobs[0]).toMatchObject({ cron: '0 0 1 1 *', nextRun: expect.stringMatching(/^20\d\d-01-01T00:00:00/), lastRun: { status: 'succeeded' } });
    expect(res.body.jobs[1]).toMatchObject({ kind: 'intent', lastTick: { outcome: 'started' }, lastRun: null });
  });
});
