/**
 * What every run (sync, dry run, retry) does around its work: take the connector's run lock (a refused attempt leaves
 * no trace in the run history), mark runs whose process died as abandoned, keep a `running` record while it works,
 * and record how it ended. A simulated kill (tests) leaves the record as a real kill would.
 */
import { randomUUID } from 'node:crypto';
import { emptyCounts, type RunRecord } from '../model/sync.js';
import type { EngineDeps } from './engine-deps.js';
import { fault, SimulatedCrash } from './faults.js';
import { RunLease, runLockName } from './run-lease.js';
import { stopAware } from './run-stop.js';

export interface RunSpec {
  runId?: string;
  mode: RunRecord['mode'];
  /** A lock the caller already holds (serve mode): neither taken nor released here. */
  lease?: RunLease;
  /** Fires to stop the run at its next batch boundary (serve's graceful shutdown). */
  stop?: AbortSignal;
}

export async function withRunRecord<T extends { run: RunRecord }>(
  deps: EngineDeps,
  spec: RunSpec,
  body: (deps: EngineDeps, run: RunRecord) => Promise<T>,
): Promise<T> {
  const runId = spec.runId ?? randomUUID();
  const logger = deps.logger.child({ runId });
  const lease = spec.lease ?? (await acquireRunLease(deps, runId, logger));
  const run: RunRecord = {
    id: runId,
    connector: deps.connector.name,
    mode: spec.mode,
    status: 'running',
    startedAt: deps.now().toISOString(),
    finishedAt: null,
    counts: emptyCounts(),
    errors: [],
    warnings: [],
  };
  const scoped: EngineDeps = { ...deps, logger, lease: stopAware(lease, spec.stop) };
  try {
    await markAbandoned(scoped, run, lease);
    await deps.store.saveRun(run);
    fault(deps.faults, 'afterLock');
    const result = await body(scoped, run);
    await deps.store.saveRun(result.run);
    return result;
  } catch (error) {
    if (error instanceof SimulatedCrash) throw error;
    run.status = 'failed';
    run.finishedAt = deps.now().toISOString();
    run.errors.push(error instanceof Error ? error.message : String(error));
    // The store may be what failed (a full disk): the error that says so matters more than this record.
    await deps.store.saveRun(run).catch(() => undefined);
    throw error;
  } finally {
    if (!spec.lease) await lease.release().catch((error: unknown) => logger.warn('could not release the run lock', { error: String(error) }));
  }
}

function acquireRunLease(deps: EngineDeps, runId: string, logger: EngineDeps['logger']): Promise<RunLease> {
  return RunLease.acquire({
    store: deps.store,
    name: runLockName(deps.connector.name),
    owner: runId,
    leaseMs: deps.settings.lockLeaseSeconds * 1000,
    renewMs: deps.settings.lockRenewSeconds * 1000,
    now: deps.now,
    logger,
  });
}

/** Runs still `running` belong to processes that died: only the lock holder runs, and that is this run now. */
async function markAbandoned(deps: EngineDeps, run: RunRecord, lease: RunLease): Promise<void> {
  const how = lease.takenFrom ? `took the lock over from it because ${lease.takeOverReason ?? 'its lease expired'}` : 'found the lock free';
  const reason =
    `abandoned: its process stopped before the run finished (killed or crashed); run ${run.id} ${how}. ` +
    'What it had planned stays queued and is written by the runs after it.';
  const abandoned = await deps.store.abandonRuns(deps.connector.name, run.id, run.startedAt, reason);
  for (const id of abandoned) {
    deps.logger.warn('an earlier run was killed before it finished; marked abandoned', { abandonedRun: id });
    run.warnings?.push(`run ${id} was killed before it finished (marked abandoned); its planned writes are resumed by this run`);
  }
}
