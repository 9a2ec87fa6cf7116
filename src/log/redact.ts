/** Secrets come only from the environment and must never reach a log line, whatever shape they are logged in. */
const SECRET_KEY = /(token|secret|password|passwd|authorization|api[-_]?key|private[-_]?key|client[-_]?secret)/i;

const knownSecrets = new Set<string>();

/** Register a secret value (e.g. an env var read into config) so it is masked even inside free text. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) knownSecrets.add(value);
}

export function redactText(text: string): string {
  let out = text;
  for (const secret of knownSecrets) out = out.split(secret).join('***');
  return out.replace(/(Bearer\s+)[A-Za-z0-9._\-~+/=]+/g, '$1***');
}

export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Error) return redactText(value.message);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '***' : redactValue(v, depth + 1);
  return out;
}
