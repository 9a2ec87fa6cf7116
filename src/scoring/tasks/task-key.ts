/** Deterministic task keys and due dates: the same (rule, account, window) always gives the same key. */
import { DAY_MS, isoDay, periodIndex } from '../time.js';

export function taskKey(ruleId: string, accountId: string, window: string): string {
  return `${ruleId}:${accountId}:${window}`;
}

/** A task about one lead: keyed by the lead, not its account, so a lead whose match moves never gets the same task twice. */
export function leadTaskKey(ruleId: string, leadId: string, window: string): string {
  return `${ruleId}:lead:${leadId}:${window}`;
}

/** The cooldown period that contains `nowMs`: a re-run in the same period yields the same window. */
export function periodWindow(nowMs: number, cooldownDays: number): string {
  return `p${periodIndex(nowMs, cooldownDays)}`;
}

export function dueDate(nowMs: number, dueInDays: number): string {
  return isoDay(nowMs + dueInDays * DAY_MS);
}

export function inCooldown(lastAt: string | undefined, nowMs: number, cooldownDays: number): boolean {
  if (lastAt === undefined) return false;
  const lastMs = Date.parse(lastAt);
  return !Number.isNaN(lastMs) && nowMs - lastMs < cooldownDays * DAY_MS;
}

/** Fills {placeholders}; an empty value never leaves "()" or doubled spaces behind in a subject. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template
    .replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole)
    .replace(/\s*\(\s*\)/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}
