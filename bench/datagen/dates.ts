/** Date helpers for generated records: canonical dates are ISO-8601 UTC strings. */
export const DAY_MS = 86_400_000;

export function isoAt(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}

/** YYYY-MM-DD of an instant (UTC). */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** US M/D/YYYY, the format CRM exports from US-locale spreadsheets use. */
export function usDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

/** Midnight UTC of the day holding `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
