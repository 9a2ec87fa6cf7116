/**
 * The scheduler of `scoresync serve`: one node-cron task per configured job, in the configured time zone. A tick
 * claims its slot (tick-claim.ts: once across instances), then starts the run through the run manager, which takes
 * the connector's run lock: a tick while a run of the connector is going is skipped, never queued. Ticks missed while
 * the process was down or stalled are not replayed: node-cron reports a stalled tick as missed, and a process that
 * starts only schedules from now on.
 */
import { createTask, type ScheduledTask, type TaskContext } from 'node-cron';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../store/store.js';
import { RunLockedError } from '../sync/run-lease.js';
import type { ScheduledJob } from './jobs.js';
import { claimTick } from './tick-claim.js';

/** What a job does when its tick is won: start a run (returns its id) or do its work (returns a summary). */
export interface JobRunner {
  run(job: ScheduledJob, trigger: string): Promise<{ runId?: string; summary: string }>;
}

export type TickOutcome =
  | { outcome: 'started'; runId?: string; summary: string }
  | { outcome: 'claimed-elsewhere' }
  | { outcome: 'busy'; reason: string }
  | { outcome: 'failed'; reason: string };

export interface JobStatus {
  name: string;
  connector: string;
  kind: ScheduledJob['kind'];
  cron: string;
  timezone: string;
  folder?: string;
  nextRun: string | null;
  /** The last tick this instance saw, and what came of it. */
  lastTick: ({ at: string } & TickOutcome) | null;
}

export interface SchedulerOptions {
  jobs: ScheduledJob[];
  timezone: string;
  store: StateStore;
  instanceId: string;
  runner: JobRunner;
  logger: Logger;
  now: () => Date;
}

export class Scheduler {
  private readonly tasks = new Map<string, ScheduledTask>();
  private readonly lastTicks = new Map<string, { at: string } & TickOutcome>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    const { jobs, timezone, logger } = this.options;
    for (const job of jobs) {
      const task = createTask(job.cron, (context: TaskContext) => this.onTick(job, context.date), { timezone, name: job.name, noOverlap: true });
      task.on('execution:missed', (context) => logger.warn('a scheduled tick was missed (the process was busy or suspended); it is not replayed', { job: job.name, slot: context.date.toISOString() }));
      task.on('execution:overlap', () => logger.info('tick skipped: the previous tick of this job is still running', { job: job.name }));
      void task.start();
      this.tasks.set(job.name, task);
    }
    logger.info('scheduler started', { jobs: jobs.map((j) => `${j.name} "${j.cron}"`), timezone });
  }

  /** Stops ticking; resolves when the ticks in flight have started (or skipped) their work. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const task of this.tasks.values()) await task.destroy();
    this.tasks.clear();
    await Promise.all([...this.inFlight]);
  }

  status(): JobStatus[] {
    return this.options.jobs.map((job) => {
      const next = this.tasks.get(job.name)?.getNextRun() ?? null;
      return {
        name: job.name,
        connector: job.connector,
        kind: job.kind,
        cron: job.cron,
        timezone: this.options.timezone,
        ...(job.folder !== undefined ? { folder: job.folder } : {}),
        nextRun: next ? next.toISOString() : null,
        lastTick: this.lastTicks.get(job.name) ?? null,
      };
    });
  }

  /** One tick of `job` for the slot `slot` (node-cron's scheduled time): claim it, then run it. */
  async tick(job: ScheduledJob, slot: Date, nextSlot: Date | null): Promise<TickOutcome> {
    const { store, instanceId, runner, logger, now } = this.options;
    const at = new Date(Math.floor(slot.getTime() / 1000) * 1000);
    let outcome: TickOutcome;
    try {
      if (!(await claimTick(store, job.name, instanceId, at, nextSlot, now()))) {
        outcome = { outcome: 'claimed-elsewhere' };
      } else {
        const result = await runner.run(job, `schedule:${job.name}`);
        outcome = { outcome: 'started', ...result };
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      outcome = error instanceof RunLockedError ? { outcome: 'busy', reason } : { outcome: 'failed', reason };
    }
    const level = outcome.outcome === 'failed' ? 'error' : outcome.outcome === 'started' ? 'info' : 'debug';
    logger[level]('scheduled tick', { job: job.name, slot: at.toISOString(), ...outcome });
    this.lastTicks.set(job.name, { at: at.toISOString(), ...outcome });
    return outcome;
  }

  private async onTick(job: ScheduledJob, slot: Date): Promise<void> {
    if (this.stopped) return;
    const work = this.tick(job, slot, this.tasks.get(job.name)?.getNextRun() ?? null);
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }
}
