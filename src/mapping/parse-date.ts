/**
 * Date parsing for mapped fields. Everything becomes an ISO-8601 UTC string so records compare and sort as text.
 * Times without a zone are read as UTC: CSV exports rarely say their zone, and guessing the machine's zone would make
 * the same file map differently on different servers.
 */

export type DateParse = { ok: true; iso: string } | { ok: false; reason: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;
const EPOCH_MS_DIGITS = /^-?\d{12,14}$/;
const EPOCH_SECONDS_DIGITS = /^\d{9,11}$/;

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

const NOT_A_DATE = 'is not a date; expected ISO (2025-03-01 or 2025-03-01T14:30:00Z), US (3/1/2025 or 3/1/2025 14:30) or epoch milliseconds';

export function parseDate(raw: string | number): DateParse {
  if (typeof raw === 'number') return fromEpochNumber(raw);
  const text = raw.trim();
  if (EPOCH_MS_DIGITS.test(text)) return fromEpochNumber(Number(text));
  if (EPOCH_SECONDS_DIGITS.test(text)) {
    return { ok: false, reason: 'looks like epoch seconds; only epoch milliseconds are accepted (multiply by 1000)' };
  }
  const parts = isoParts(text) ?? usParts(text);
  if (parts === null) return { ok: false, reason: NOT_A_DATE };
  return fromParts(parts);
}

function fromEpochNumber(ms: number): DateParse {
  if (!Number.isInteger(ms)) return { ok: false, reason: 'is not a whole number of epoch milliseconds' };
  if (Math.abs(ms) < 1e11) {
    return { ok: false, reason: 'is too small for epoch milliseconds (epoch seconds? multiply by 1000)' };
  }
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1000 || year > 9999) return { ok: false, reason: 'is outside the years 1000-9999' };
  return { ok: true, iso: date.toISOString() };
}

function isoParts(text: string): DateParts | null {
  const m = ISO.exec(text);
  if (!m) return null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)),
    offsetMinutes: zoneOffsetMinutes(m[8]),
  };
}

function usParts(text: string): DateParts | null {
  const m = US.exec(text);
  if (!m) return null;
  let hour = Number(m[4] ?? 0);
  const meridiem = m[7]?.replace(/\./g, '').toLowerCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return {
    year: Number(m[3]),
    month: Number(m[1]),
    day: Number(m[2]),
    hour,
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: 0,
    offsetMinutes: 0,
  };
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function fromParts(p: DateParts): DateParse {
  if (p.year < 1000 || p.year > 9999) return { ok: false, reason: 'has a year outside 1000-9999' };
  if (p.month < 1 || p.month > 12) return { ok: false, reason: `has month ${p.month}, which does not exist` };
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return { ok: false, reason: 'has a time of day that does not exist' };
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  // Date.UTC rolls 2/30 over to 3/2; a date that does not come back unchanged does not exist.
  const check = new Date(local);
  if (p.day < 1 || check.getUTCMonth() !== p.month - 1 || check.getUTCDate() !== p.day) {
    return { ok: false, reason: `is not a real calendar date (${p.year}-${pad(p.month)}-${pad(p.day)} does not exist)` };
  }
  return { ok: true, iso: new Date(local - p.offsetMinutes * 60_000).toISOString() };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
