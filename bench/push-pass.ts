/**
 * Drains the outbox a score pass left through the real push phase, against the benchmark's stand-in CRM that accepts
 * every write (accept-all-connector.ts). Measures the push phase's own cost, which with no network is the store's
 * bookkeeping: reading the outbox, storing each record's CRM values, marking items done and tasks created.
 */
import type { EngineDeps } from '../src/sync/engine-deps.js';
import { pushPhase } from '../src/sync/push-phase.js';
import { createAcceptAllConnector } from './accept-all-connector.js';
import { cpuSeconds, mb, seconds, startPeakRss } from './measure.js';
import { takeStoreSeconds } from './timed-store.js';

/** `deps` is the benchmark's own; only its connector is replaced, by one with the same name (the store's source). */
export async function measurePush(deps: EngineDeps, spent: Map<string, number>): Promise<Record<string, unknown>> {
  const pushDeps: EngineDeps = { ...deps, connector: createAcceptAllConnector(deps.connector.name) };
  const pending = await deps.store.countPendingOutbox(deps.connector.name);
  spent.clear();
  const stopPeak = startPeakRss();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const pushed = await pushPhase(pushDeps, 0);
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const peak = stopPeak();
  const storeSeconds = takeStoreSeconds(spent);
  const left = await deps.store.countPendingOutbox(deps.connector.name);
  // A steady-state pass after a partial drain would measure leftovers, not a steady state.
  if (pushed.writeFailures > 0 || pushed.stoppedForBudget || left > 0) {
    throw new Error(`push did not drain the outbox: ${left} items left, ${pushed.writeFailures} failures: ${pushed.errors.slice(0, 3).join('; ')}`);
  }
  return {
    seconds: seconds(t1 - t0),
    cpuSeconds: cpuSeconds(cpu0, cpu1),
    outboxItems: pending,
    itemsPerSecond: Math.round(pending / ((t1 - t0) / 1000)),
    recordsWritten: pushed.recordsWritten,
    tasksCreated: pushed.tasksCreated,
    apiCalls: pushDeps.connector.usage().calls,
    peakRss: mb(peak),
    storeSeconds,
  };
}
