/**
 * When a write that failed with a retryable error is tried again. Within a run: passes 1 s, 2 s, 4 s … apart (lock
 * contention and rate-limit windows clear). Across runs: put off by as long as it has been failing, from 1 minute up
 * to an hour (1, 2, 4 … 60 min), so an hours-long outage costs a few tries an hour, not one per run per record.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** In-run pause before retry pass `pass + 1`: 1 s, 2 s, 4 s … capped at 60 s. */
export function backoffMs(pass: number): number {
  return Math.min(60_000, 1000 * 2 ** (pass - 1));
}

/** The earliest a later run tries again, after a failure at `now` of a write failing since `firstFailedAt` (null: just now). */
export function retryAt(now: Date, firstFailedAt: string | null): string {
  const failingFor = firstFailedAt === null ? 0 : now.getTime() - Date.parse(firstFailedAt);
  return new Date(now.getTime() + Math.min(HOUR_MS, Math.max(MINUTE_MS, failingFor))).toISOString();
}
