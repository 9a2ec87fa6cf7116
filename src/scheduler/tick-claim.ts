/**
 * One scheduled tick runs once across every instance sharing the store: the first instance to claim the tick's slot
 * in the store's lock table runs it, the others skip it. The claim is never released; it expires shortly before the
 * next slot, so a fast run that already released the connector's run lock is not run again by a slower instance.
 */
import type { LockHolder, StateStore } from '../store/store.js';

export function tickLockName(jobName: string): string {
  return `schedule:${jobName}`;
}

/** True when this instance won the slot. `nextSlot`: the job's following tick (bounds how long the claim holds). */
export async function claimTick(store: StateStore, jobName: string, instanceId: string, slot: Date, nextSlot: Date | null, now: Date, holder?: LockHolder): Promise<boolean> {
  const gap = nextSlot === null ? 60_000 : nextSlot.getTime() - slot.getTime();
  // 90% of the gap: expired before the next slot even if this instance's clock is a little ahead.
  const ttlMs = Math.max(1000, Math.floor(gap * 0.9) - (now.getTime() - slot.getTime()));
  return store.acquireLock(tickLockName(jobName), `${instanceId}@${slot.toISOString()}`, ttlMs, now, holder);
}
