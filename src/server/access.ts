/**
 * Who may reach the admin API: the token comes from SCORESYNC_API_TOKEN; without one the service starts only when it
 * listens on loopback and the operator said so (--insecure-local). Refusals are UserErrors (exit 2) with the fix.
 */
import { UserError } from '../cli/user-error.js';
import { registerSecret } from '../log/redact.js';

export const MIN_TOKEN_LENGTH = 16;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The token the API requires, or null when it runs open on loopback. */
export function apiToken(env: NodeJS.ProcessEnv, host: string, insecureLocal: boolean): string | null {
  const token = env.SCORESYNC_API_TOKEN?.trim() ?? '';
  if (token !== '') {
    if (token.length < MIN_TOKEN_LENGTH) {
      throw new UserError(
        `SCORESYNC_API_TOKEN is ${token.length} characters; the admin API needs at least ${MIN_TOKEN_LENGTH}. Fix: export SCORESYNC_API_TOKEN="$(openssl rand -hex 32)".`,
      );
    }
    registerSecret(token);
    return token;
  }
  if (!insecureLocal) {
    throw new UserError(
      'SCORESYNC_API_TOKEN is not set: the admin API refuses to start without a token. Fix: export SCORESYNC_API_TOKEN="$(openssl rand -hex 32)" ' +
        'and send it as "Authorization: Bearer <token>", or, for a try-out on this machine only, add --insecure-local (with --host 127.0.0.1).',
    );
  }
  if (!isLoopback(host)) {
    throw new UserError(`--insecure-local only works on a loopback address, but --host is ${host}. Fix: set SCORESYNC_API_TOKEN, or use --host 127.0.0.1.`);
  }
  return null;
}

/** SCORESYNC_ALERT_WEBHOOK, checked to be an http(s) URL (its value is never printed: a Slack webhook URL is a secret). */
export function alertWebhook(env: NodeJS.ProcessEnv): string | null {
  const url = env.SCORESYNC_ALERT_WEBHOOK?.trim() ?? '';
  if (url === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError('SCORESYNC_ALERT_WEBHOOK is not a URL. Fix: set it to the webhook address, e.g. https://hooks.slack.com/services/…');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new UserError(`SCORESYNC_ALERT_WEBHOOK must be an http(s) URL, not ${parsed.protocol}. Fix: set it to the webhook address, e.g. https://hooks.slack.com/services/…`);
  }
  registerSecret(url);
  return url;
}
