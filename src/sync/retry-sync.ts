/**
 * `scoresync retry`: replay writes that wait — failed for good (after an admin fixed the cause in the CRM) or put off by
 * a retryable failure — now, and push them with everything else that is due. No pull, no scoring: the writes go out
 * as planned (a write whose values a later plan changed was superseded by that plan, so what waits is current).
 */
import type { RunRecord } from '../model/sync.js';
import type { EngineDeps } from './engine-deps.js';
import { pushPhase } from './push-phase.js';
import { recordPush } from './push-report.js';
import type { RunLease } from './run-lease.js';
import { withRunRecord } from './run-record.js';

export interface RetryOptions {
  /** Replay what failed in this run (full id). Default: the latest run that left writes waiting. */
  runId?: string;
  /** Replay every waiting write of the connector. */
  all?: boolean;
  /** The retry's own run id (default: a new UUID). */
  retryRunId?: string;
  lease?: RunLease;
}

export interface RetryResult {
  run: RunRecord;
  /** How many waiting writes were replayed. */
  replayed: number;
  /** Whose writes: the run replayed, or null for all (or when nothing waited). */
  fromRun: string | null;
  durationMs: number;
}

export async function retrySync(deps: EngineDeps, options: RetryOptions): Promise<RetryResult> {
  const spec = { mode: 'retry' as const, ...(options.retryRunId ? { runId: options.retryRunId } : {}), ...(options.lease ? { lease: options.lease } : {}) };
  return withRunRecord(deps, spec, async (scoped, run) => {
    const source = scoped.connector.name;
    await scoped.connector.prepareRun?.();
    const callsAtStart = scoped.connector.usage().calls;
    const fromRun = options.all ? null : (options.runId ?? (await scoped.store.waitingOutbox(source, {}, 1))[0]?.runId ?? null);
    const replayed = options.all || fromRun !== null ? await scoped.store.replayOutbox(source, fromRun === null ? {} : { runId: fromRun }) : 0;
    scoped.logger.info('replaying waiting writes', { replayed, fromRun: fromRun ?? 'all' });
    recordPush(scoped, run, await pushPhase(scoped, callsAtStart, { runId: run.id }));
    const waiting = await scoped.store.countWaitingOutbox(source);
    run.counts.writesWaiting = waiting.failed + waiting.retrying;
    run.counts.apiCalls = scoped.connector.usage().calls - callsAtStart;
    run.status = run.errors.length > 0 ? 'partial' : 'succeeded';
    run.finishedAt = scoped.now().toISOString();
    return { run, replayed, fromRun, durationMs: Date.parse(run.finishedAt) - Date.parse(run.startedAt) };
  });
}
