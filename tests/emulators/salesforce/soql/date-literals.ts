/** SOQL's relative date literals (TODAY, LAST_N_DAYS:n, …) as [start, end) millisecond ranges in the org's zone (UTC). */

const DAY = 86_400_000;

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function startOfMonth(ms: number, shift: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + shift, 1);
}

function startOfWeek(ms: number): number {
  const day = startOfDay(ms);
  return day - new Date(day).getUTCDay() * DAY;
}

export function dateLiteralRange(name: string, n: number | null, nowMs: number): { start: number; end: number } {
  const today = startOfDay(nowMs);
  const count = n ?? 0;
  const year = new Date(nowMs).getUTCFullYear();
  switch (name) {
    case 'TODAY':
      return { start: today, end: today + DAY };
    case 'YESTERDAY':
      return { start: today - DAY, end: today };
    case 'TOMORROW':
      return { start: today + DAY, end: today + 2 * DAY };
    case 'LAST_N_DAYS':
      return { start: today - count * DAY, end: today + DAY };
    case 'LAST_90_DAYS':
      return { start: today - 90 * DAY, end: today + DAY };
    case 'NEXT_N_DAYS':
      return { start: today + DAY, end: today + (count + 1) * DAY };
    case 'NEXT_90_DAYS':
      return { start: today + DAY, end: today + 91 * DAY };
    case 'N_DAYS_AGO':
      return { start: today - count * DAY, end: today - count * DAY + DAY };
    case 'THIS_WEEK':
      return { start: startOfWeek(nowMs), end: startOfWeek(nowMs) + 7 * DAY };
    case 'LAST_WEEK':
      return { start: startOfWeek(nowMs) - 7 * DAY, end: startOfWeek(nowMs) };
    case 'NEXT_WEEK':
      return { start: startOfWeek(nowMs) + 7 * DAY, end: startOfWeek(nowMs) + 14 * DAY };
    case 'LAST_N_WEEKS':
      return { start: startOfWeek(nowMs) - count * 7 * DAY, end: startOfWeek(nowMs) };
    case 'THIS_MONTH':
      return { start: startOfMonth(nowMs, 0), end: startOfMonth(nowMs, 1) };
    case 'LAST_MONTH':
      return { start: startOfMonth(nowMs, -1), end: startOfMonth(nowMs, 0) };
    case 'NEXT_MONTH':
      return { start: startOfMonth(nowMs, 1), end: startOfMonth(nowMs, 2) };
    case 'LAST_N_MONTHS':
      return { start: startOfMonth(nowMs, -count), end: startOfMonth(nowMs, 0) };
    case 'THIS_YEAR':
      return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
    case 'LAST_YEAR':
      return { start: Date.UTC(year - 1, 0, 1), end: Date.UTC(year, 0, 1) };
    default:
      throw new Error(`unknown date literal ${name}`);
  }
}
