/**
 * The one error type for bad configuration: config/scoresync.yaml, the scoring file and mapping files.
 * Its message is complete advice for a person (file, path, what is wrong, what is allowed, the fix), so the
 * CLI prints `message` alone and never a stack trace.
 */
import { redactText } from '../log/redact.js';

export interface ConfigProblem {
  /** Where in the file, e.g. `sync.overlapMinutes`, or `line 12, column 5` for a syntax error. */
  path: string;
  /** What is wrong, including the bad value. */
  problem: string;
  /** What would be accepted instead (omitted when the problem already says it). */
  allowed?: string;
  /** What to do about it. */
  fix: string;
}

export class ConfigError extends Error {
  /** The file (as shown to the user) that holds the problem(s). */
  readonly file: string;
  /** Path of the first problem. */
  readonly path: string;
  /** Fix of the first problem. */
  readonly fix: string;
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: ConfigProblem | readonly ConfigProblem[]) {
    const list = Array.isArray(problems) ? (problems as readonly ConfigProblem[]) : [problems as ConfigProblem];
    if (list.length === 0) throw new Error('ConfigError needs at least one problem');
    super(formatProblems(file, list));
    this.name = 'ConfigError';
    this.file = file;
    this.path = list[0]!.path;
    this.fix = list[0]!.fix;
    this.problems = list;
  }
}

/** `<file>: <path>: <problem>. <allowed>. Fix: <fix>.` — one line per problem, with a count first when there are several. */
export function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => formatProblem(file, p));
  const text = lines.length === 1 ? lines[0]! : [`${file}: ${lines.length} problems:`, ...lines].join('\n');
  // A value echoed back in a message may come from an environment secret.
  return redactText(text);
}

function formatProblem(file: string, p: ConfigProblem): string {
  const parts = [`${file}: ${p.path || '(top level)'}: ${sentence(p.problem)}`];
  if (p.allowed) parts.push(sentence(p.allowed));
  parts.push(`Fix: ${sentence(p.fix)}`);
  return parts.join(' ');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.?!]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
