/**
 * `${VAR}` and `${VAR:-default}` in string values, resolved from the environment before validation, so secrets
 * live only in the environment. Every resolved value under a secret-looking key is registered for redaction.
 */
import { registerSecret } from '../log/redact.js';
import { formatYamlPath } from './display-path.js';
import { ConfigError, type ConfigProblem } from './errors.js';

/** Keys whose values are treated as secrets once interpolated (tokens, passwords, keys, URLs that may embed credentials). */
const SECRET_KEY = /(token|secret|password|passwd|key|url)/i;
/** Narrower, for values written literally: `keyField: sync_key` or a plain instance URL must stay readable in logs. */
const LITERAL_SECRET_KEY = /(token|secret|password|passwd)/i;

const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@/\s]+)@/i;
const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;
const VARIABLE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

/** Returns a copy of `data` with every reference replaced; all missing variables are reported together. */
export function interpolateEnv(data: unknown, file: string, env: NodeJS.ProcessEnv): unknown {
  const problems: ConfigProblem[] = [];
  const result = walk(data, [], { env, problems });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return result;
}

interface WalkContext {
  env: NodeJS.ProcessEnv;
  problems: ConfigProblem[];
}

function walk(value: unknown, path: PropertyKey[], ctx: WalkContext): unknown {
  if (typeof value === 'string') return interpolateString(value, path, ctx);
  if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index], ctx));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = walk(item, [...path, key], ctx);
    return out;
  }
  return value;
}

function interpolateString(text: string, path: PropertyKey[], ctx: WalkContext): string {
  if (!text.includes('${')) {
    if (looksSecret(path, LITERAL_SECRET_KEY)) registerSecret(text);
    registerUrlPassword(text);
    return text;
  }
  const substituted: string[] = [];
  const result = text.replace(REFERENCE, (match: string, inner: string | undefined) => {
    if (match === '$${') return '${';
    const replacement = resolveReference(inner ?? '', path, ctx);
    substituted.push(replacement);
    return replacement;
  });
  if (looksSecret(path)) {
    registerSecret(result);
    // A password embedded in a URL must be masked on its own too, wherever it shows up.
    for (const part of substituted) registerSecret(part);
  }
  registerUrlPassword(result);
  return result;
}

function resolveReference(inner: string, path: PropertyKey[], ctx: WalkContext): string {
  const where = formatYamlPath(path);
  const parsed = VARIABLE.exec(inner.trim());
  if (!parsed) {
    ctx.problems.push({
      path: where,
      problem: `"\${${inner}}" is not a valid environment variable reference`,
      allowed: 'Use ${NAME} or ${NAME:-default}, where NAME is letters, digits and underscores',
      fix: 'correct the reference, or write $${ for a literal "${"',
    });
    return '';
  }
  const name = parsed[1]!;
  const fallback = parsed[2];
  const value = ctx.env[name];
  if (value !== undefined && value !== '') return value;
  if (fallback !== undefined) return fallback;
  ctx.problems.push({
    path: where,
    problem: `environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}`,
    fix: `export ${name}=… before running ScoreSync${looksSecret(path) ? ' (secrets are only read from the environment)' : ''}, or write \${${name}:-default} to fall back to a default`,
  });
  return '';
}

/** A password written straight into a URL (postgres://user:pw@host) is masked even though the URL itself is not. */
function registerUrlPassword(text: string): void {
  const password = URL_PASSWORD.exec(text)?.[1];
  if (password === undefined) return;
  // Both forms: drivers may log the percent-encoded URL or the decoded password.
  registerSecret(password);
  registerSecret(decodeURIComponentSafe(password));
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function looksSecret(path: PropertyKey[], pattern: RegExp = SECRET_KEY): boolean {
  const key = path[path.length - 1];
  return typeof key === 'string' && pattern.test(key);
}
