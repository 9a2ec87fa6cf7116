/** How Salesforce writes dates and times: REST JSON uses `2025-01-31T09:30:00.000+0000`, Bulk CSV `...000Z`. */

export type Clock = () => number;

export function systemClock(): Clock {
  return () => Date.now();
}

/** Salesforce stores audit timestamps to the second, so records written in the same second share a SystemModstamp. */
export function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** The stored form of a date-time string that is already ISO-8601 UTC with milliseconds (the common case), else null. */
export function restFormOfIso(text: string): string | null {
  if (!STORED.test(text)) return null;
  return text.endsWith('Z') ? `${text.slice(0, 23)}+0000` : text;
}

export function restDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function bulkDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const STORED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(?:\+0000|Z)$/;

/** Parses the date-time forms the API accepts on input; null when it is not one. */
export function parseDateTime(text: string): number | null {
  if (STORED.test(text)) {
    const ms = Date.parse(`${text.slice(0, 23)}Z`);
    if (!Number.isNaN(ms)) return ms;
  }
  const match = DATE_TIME.exec(text);
  if (match === null) return null;
  const zone = match[8] ?? 'Z';
  const normalizedZone = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${match[7] ?? ''}${normalizedZone}`);
  return Number.isNaN(ms) || !sameCalendarDay(match, ms, normalizedZone) ? null : ms;
}

export function isValidDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && isoDay(ms) === text;
}

/** Rejects 2025-02-30 and friends, which Date.parse silently rolls over. */
function sameCalendarDay(match: RegExpExecArray, ms: number, zone: string): boolean {
  if (zone !== 'Z') return true;
  return isoDay(ms) === `${match[1]}-${match[2]}-${match[3]}`;
}
