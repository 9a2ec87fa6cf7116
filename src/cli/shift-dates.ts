/**
 * The bundled example CRM was generated at a fixed anchor date. The demo copies it and moves every date by the
 * days since then, so recency, decay and surges look the same whenever someone runs it. Each value keeps its
 * own format (ISO date, ISO date-time, or US M/D/YYYY).
 */
import { DAY_MS } from '../scoring/time.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function shiftDateValue(value: string, days: number): string {
  const v = value.trim();
  if (v === '' || days === 0) return value;
  let m = ISO_DATE.exec(v);
  if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * DAY_MS).toISOString().slice(0, 10);
  if (ISO_DATETIME.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? value : new Date(t + days * DAY_MS).toISOString();
  }
  m = US_DATE.exec(v);
  if (m) {
    const d = new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2])) + days * DAY_MS);
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
  }
  return value;
}

/** Whole days from the anchor to `now` (UTC calendar days), so re-running on the same day shifts the same. */
export function daysSince(anchorIso: string, now: Date): number {
  const anchorDay = Math.floor(Date.parse(anchorIso) / DAY_MS);
  const today = Math.floor(now.getTime() / DAY_MS);
  return today - anchorDay;
}
