/**
 * Rejected rows, summarised: one line per kind of problem with its count and the first few places it happened, so a
 * run with 500 bad rows says so in a handful of lines (log, summary and `runs --id`) instead of 500.
 */
import type { RejectReport } from './engine-deps.js';

const EXAMPLES = 3;

/** The problem without the row it happened on: the value shown in quotes after `value` and the location are dropped. */
function problemOf(r: RejectReport): string {
  return r.reason
    .replace(`${r.location}: `, '')
    .replace(/ value "(?:[^"\\]|\\.)*"/, '')
    .replace(/ at line \d+/g, '');
}

export interface RejectGroup {
  kind: string;
  field: string | null;
  problem: string;
  count: number;
  /** The first few locations, e.g. "accounts.csv line 12". */
  examples: string[];
  /** The first full reason, with its value: what to look for. */
  first: string;
}

export function groupRejects(rejects: readonly RejectReport[]): RejectGroup[] {
  const groups = new Map<string, RejectGroup>();
  for (const r of rejects) {
    const problem = problemOf(r);
    const key = `${r.kind}\u0000${r.field ?? ''}\u0000${problem}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { kind: r.kind, field: r.field ?? null, problem, count: 0, examples: [], first: r.reason }));
    group.count++;
    if (group.examples.length < EXAMPLES) group.examples.push(r.location);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

export function rejectLine(g: RejectGroup): string {
  const more = g.count > g.examples.length ? ` and ${g.count - g.examples.length} more` : '';
  const what = g.count === 1 ? g.first : g.problem;
  return `${g.count} ${g.kind} row(s) rejected${g.field ? ` (${g.field})` : ''}: ${what} — ${g.examples.join(', ')}${more}`;
}
