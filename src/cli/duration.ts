import { UserError } from './user-error.js';
import { DAY_MS } from '../scoring/time.js';


/** "90d" → 90; "12w" → 84; a bare number is days. */
export function parseDays(value: string, option: string): number {
  const m = /^(\d+)\s*([dw]?)$/i.exec(value.trim());
  if (!m) throw new UserError(`${option} ${value}: expected a number of days such as 90d or 12w.`);
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'w' ? 7 : 1);
  if (n <= 0) throw new UserError(`${option} ${value}: must be more than zero days.`);
  return n;
}

/** "90d" → now minus 90 days; "2026-06-30" → that date (UTC midnight). */
export function parseAsOf(value: string, now: Date): Date {
  if (/^\d+\s*[dw]?$/i.test(value.trim())) return new Date(now.getTime() - parseDays(value, '--as-of') * DAY_MS);
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UserError(`--as-of ${value}: expected a date (2026-06-30) or a number of days ago (90d).`);
  return new Date(t);
}
