/** Date arithmetic in one place: every ISO string is parsed once with Date.parse, and days are UTC days. */
export const DAY_MS = 86_400_000;

/** Milliseconds since epoch, or NaN for a missing or unparsable date (callers skip those). */
export function parseMs(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : NaN;
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function daysBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / DAY_MS;
}

/** Weight of a signal `ageDays` old with the given half-life: 1 today, 0.5 after one half-life. */
export function decayFactor(ageDays: number, halfLifeDays: number): number {
  return Math.pow(0.5, ageDays / halfLifeDays);
}

/** Index of the `periodDays`-long period that contains `ms`, counted from the epoch (stable across re-runs). */
export function periodIndex(ms: number, periodDays: number): number {
  return Math.floor(ms / DAY_MS / Math.max(periodDays, 1));
}
