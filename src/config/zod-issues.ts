/**
 * Turns zod issues into ConfigProblems that read like advice: the YAML path, the bad value, what is allowed
 * (enums listed, known keys listed) and a fix ("did you mean …?" for near-miss keys and values).
 */
import { z } from 'zod';
import { formatYamlPath, valueAt } from './display-path.js';
import { ConfigError, type ConfigProblem } from './errors.js';
import { closestMatch, listValues } from './suggest.js';

/**
 * Fixes for specific paths, used instead of the generic advice when a value has the wrong type or range.
 * Keys are YAML paths where `*` matches one segment, e.g. `connectors.*.mapping`.
 */
export type FixHints = Readonly<Record<string, string>>;

/** What a schema refinement puts in `params` of a custom issue (its `message` is the problem). */
export interface ProblemParams {
  allowed?: string;
  fix: string;
}

/** Validates `data` against `schema`; every problem found is reported in one ConfigError naming `file`. */
export function parseWithSchema<S extends z.ZodType>(schema: S, data: unknown, file: string, hints: FixHints = {}): z.output<S> {
  const knownKeys = new Map<string, string[]>();
  const result = schema.safeParse(data, {
    // The only moment zod exposes the object schema behind an unknown key, so its known keys are kept here.
    error: (issue) => {
      if (issue.code === 'unrecognized_keys' && issue.inst instanceof z.ZodObject) {
        knownKeys.set(pathKey(issue.path ?? []), Object.keys(issue.inst.shape as Record<string, unknown>));
      }
      return undefined;
    },
  });
  if (result.success) return result.data;
  throw new ConfigError(file, issuesToProblems(result.error.issues, { data, knownKeys, hints }));
}

interface IssueContext {
  data: unknown;
  knownKeys: ReadonlyMap<string, string[]>;
  hints: FixHints;
}

function issuesToProblems(issues: readonly z.core.$ZodIssue[], ctx: IssueContext, prefix: PropertyKey[] = []): ConfigProblem[] {
  const problems = issues.flatMap((issue) => issueToProblems(issue, ctx, [...prefix, ...issue.path]));
  return dedupe(problems);
}

function issueToProblems(issue: z.core.$ZodIssue, ctx: IssueContext, path: PropertyKey[]): ConfigProblem[] {
  const where = formatYamlPath(path);
  const value = valueAt(ctx.data, path);
  const key = path[path.length - 1];
  const shown = describeValue(value, key);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) {
        return [{ path: where, problem: `is required but missing`, fix: hintFor(ctx, path) ?? `add ${String(key ?? 'it')}: <${expectedName(issue.expected)}>` }];
      }
      return [{ path: where, problem: `expected ${expectedName(issue.expected)}, got ${shown}`, fix: hintFor(ctx, path) ?? `write ${expectedName(issue.expected)} here` }];
    }
    case 'invalid_value':
      return [enumProblem(where, value, issue.values, hintFor(ctx, path))];
    case 'unrecognized_keys':
      return issue.keys.map((unknownKey) => unknownKeyProblem(unknownKey, path, ctx.knownKeys.get(pathKey(path)) ?? []));
    case 'too_small':
    case 'too_big':
      return [{ path: where, problem: `${rangeText(issue)}, got ${shown}`, fix: hintFor(ctx, path) ?? 'change the value to one inside the allowed range' }];
    case 'invalid_format':
      return [{ path: where, problem: `${shown} is not ${formatName(issue)}`, fix: hintFor(ctx, path) ?? `write ${formatName(issue)}` }];
    case 'invalid_union':
      return unionProblems(issue, ctx, path, value);
    case 'custom': {
      const params = issue.params as ProblemParams | undefined;
      // Refinements elsewhere may write "<problem>. Fix: <fix>" into the message itself.
      const [message = issue.message, inlineFix] = issue.message.split(/\.?\s+Fix:\s+/, 2);
      const fix = params?.fix ?? inlineFix ?? hintFor(ctx, path) ?? 'correct this value';
      const problem: ConfigProblem = { path: where, problem: message, fix };
      if (params?.allowed) problem.allowed = params.allowed;
      return [problem];
    }
    case 'invalid_key':
    case 'invalid_element':
      return issuesToProblems(issue.issues, ctx, path);
    default:
      return [{ path: where, problem: `${issue.message} (got ${shown})`, fix: hintFor(ctx, path) ?? 'correct this value' }];
  }
}

function enumProblem(where: string, value: unknown, allowed: readonly unknown[], hint: string | undefined): ConfigProblem {
  const suggestion = typeof value === 'string' ? closestMatch(value, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
  if (allowed.length === 1) {
    return { path: where, problem: `must be ${listValues(allowed)}, got ${describeValue(value, undefined)}`, fix: hint ?? `write ${listValues(allowed)}` };
  }
  return {
    path: where,
    problem: value === undefined ? 'is required but missing' : `${describeValue(value, undefined)} is not an allowed value`,
    allowed: `Allowed: ${listValues(allowed)}`,
    fix: suggestion !== undefined ? `did you mean "${suggestion}"?` : (hint ?? 'use one of the allowed values (they are case-sensitive)'),
  };
}

function unknownKeyProblem(unknownKey: string, parentPath: readonly PropertyKey[], known: readonly string[], otherwise?: string): ConfigProblem {
  const suggestion = closestMatch(unknownKey, known);
  const problem: ConfigProblem = {
    path: formatYamlPath([...parentPath, unknownKey]),
    problem: `unknown key "${unknownKey}"`,
    fix: suggestion !== undefined ? `did you mean "${suggestion}"? Rename the key` : (otherwise ?? 'remove it, or check its spelling and indentation'),
  };
  if (known.length > 0) problem.allowed = `Known keys here: ${known.join(', ')}`;
  return problem;
}

function unionProblems(issue: z.core.$ZodIssueInvalidUnion, ctx: IssueContext, path: PropertyKey[], value: unknown): ConfigProblem[] {
  if (issue.discriminator !== undefined || issue.errors.length === 0) {
    const options = 'options' in issue && issue.options ? issue.options : [];
    return [enumProblem(formatYamlPath(path), value, options, hintFor(ctx, path))];
  }
  // Prefer the branch whose type matched (its problems are about the content), else say which types are accepted.
  const typeMismatch = (branch: readonly z.core.$ZodIssue[]): boolean => branch.some((i) => i.code === 'invalid_type' && i.path.length === 0);
  const matchingBranches = issue.errors.filter((branch) => !typeMismatch(branch));
  const best = [...matchingBranches].sort((a, b) => a.length - b.length)[0];
  if (best) return issuesToProblems(best, ctx, path);
  const expected = issue.errors.flatMap((branch) => branch.flatMap((i) => (i.code === 'invalid_type' && i.path.length === 0 ? [expectedName(i.expected)] : [])));
  return [
    {
      path: formatYamlPath(path),
      problem: `expected ${[...new Set(expected)].join(' or ')}, got ${describeValue(value, path[path.length - 1])}`,
      fix: hintFor(ctx, path) ?? 'write one of the accepted forms',
    },
  ];
}

function rangeText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') return small && limit === 1 ? 'must not be empty' : `must be ${small ? 'at least' : 'at most'} ${limit} characters`;
  if (issue.origin === 'array') return `must have ${small ? 'at least' : 'at most'} ${limit} item(s)`;
  const inclusive = issue.inclusive !== false;
  if (small) return inclusive ? `must be at least ${limit}` : `must be greater than ${limit}`;
  return inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
}

/** Schemas name their regex formats in the message (e.g. 'a lowercase SQL identifier'); zod's own messages start with "Invalid". */
function formatName(issue: z.core.$ZodIssueInvalidStringFormat): string {
  if (issue.format === 'regex') return issue.message.startsWith('Invalid') ? `a value matching ${issue.pattern ?? 'the expected pattern'}` : issue.message;
  if (issue.format === 'url') return 'a valid URL (https://…)';
  return `a valid ${issue.format}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a map of settings (key: value lines)',
  record: 'a map of settings (key: value lines)',
  array: 'a list',
  null: 'null',
  date: 'a date',
};

function expectedName(expected: string): string {
  return EXPECTED_NAMES[expected] ?? expected;
}

const HIDDEN_KEY = /(token|secret|password|passwd)/i;

/** The bad value as it should appear in a message: quoted text, a short description of maps and lists, never a secret. */
export function describeValue(value: unknown, key: PropertyKey | undefined): string {
  if (typeof key === 'string' && HIDDEN_KEY.test(key) && value !== undefined && value !== null) return '(a value, hidden because it is a secret)';
  if (value === undefined) return 'nothing';
  if (value === null) return 'nothing (empty value)';
  if (typeof value === 'string') return value.length > 60 ? `${JSON.stringify(value.slice(0, 57))}…` : JSON.stringify(value);
  if (Array.isArray(value)) return `a list of ${value.length} item(s)`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty map' : `a map (${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''})`;
  }
  return String(value);
}

function hintFor(ctx: IssueContext, path: readonly PropertyKey[]): string | undefined {
  const segments = path.map(String);
  for (const [pattern, fix] of Object.entries(ctx.hints)) {
    const parts = pattern.split('.');
    if (parts.length === segments.length && parts.every((p, i) => p === '*' || p === segments[i])) return fix;
  }
  return undefined;
}

function pathKey(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map(String));
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
