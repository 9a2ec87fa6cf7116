/**
 * The Salesforce connector's settings: what config/scoresync.yaml says (already validated by the config schema) and
 * the credentials, which come only from the environment and are read only when this connector is created, so the
 * demo (file connector) never needs them. Which OAuth flow runs follows from which variables are set.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { SalesforceConnectorSchema } from '../../src/config/schema.js';
import { registerSecret } from '../../src/log/redact.js';
import { SalesforceConnectorError } from './errors.js';

export type SalesforceConfig = z.output<typeof SalesforceConnectorSchema>;

export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';

export type Credentials =
  | { flow: 'client_credentials'; clientId: string; clientSecret: string }
  | { flow: 'jwt'; clientId: string; username: string; privateKey: string }
  | { flow: 'refresh_token'; clientId: string; clientSecret: string | null; refreshToken: string };

export interface SalesforceSettings extends Omit<SalesforceConfig, 'loginUrl' | 'instanceUrl'> {
  loginUrl: string;
  instanceUrl: string | null;
  credentials: Credentials;
}

const FLOWS_HELP =
  'Set one of: SALESFORCE_CLIENT_ID + SALESFORCE_CLIENT_SECRET (client credentials), ' +
  'SALESFORCE_CLIENT_ID + SALESFORCE_USERNAME + SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE (JWT bearer), ' +
  'or SALESFORCE_CLIENT_ID + SALESFORCE_REFRESH_TOKEN [+ SALESFORCE_CLIENT_SECRET] (refresh token). See README "Connect Salesforce".';

function configError(message: string, code: string): SalesforceConnectorError {
  return new SalesforceConnectorError(message, 'config', code);
}

function read(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
}

/** A URL we will send credentials to: https anywhere, plain http only to this machine (a local emulator). */
export function checkUrl(value: string, setBy: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configError(`${setBy} is "${value}", which is not a URL. Fix: write e.g. https://acme.my.salesforce.com.`, 'BAD_URL');
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw configError(`${setBy} is "${value}": Salesforce URLs must use https (plain http only for 127.0.0.1). Fix: write https://….`, 'BAD_URL');
  }
  return value.replace(/\/+$/, '');
}

function privateKeyFrom(env: NodeJS.ProcessEnv): string | null {
  const inline = read(env, 'SALESFORCE_PRIVATE_KEY');
  const file = read(env, 'SALESFORCE_PRIVATE_KEY_FILE');
  if (inline !== null && file !== null) {
    throw configError('Both SALESFORCE_PRIVATE_KEY and SALESFORCE_PRIVATE_KEY_FILE are set. Fix: keep only one of them.', 'AMBIGUOUS_CREDENTIALS');
  }
  if (inline !== null) return inline.replace(/\\n/g, '\n'); // a key pasted into one line of an .env file
  if (file === null) return null;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw configError(`SALESFORCE_PRIVATE_KEY_FILE names ${file}, which cannot be read (${reason}). Fix: point it at the PEM private key of the connected app's certificate.`, 'NO_PRIVATE_KEY');
  }
}

/** The OAuth flow and its secrets, decided by which SALESFORCE_* variables are set; anything ambiguous is refused. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials {
  const clientId = read(env, 'SALESFORCE_CLIENT_ID');
  const clientSecret = read(env, 'SALESFORCE_CLIENT_SECRET');
  const username = read(env, 'SALESFORCE_USERNAME');
  const refreshToken = read(env, 'SALESFORCE_REFRESH_TOKEN');
  const privateKey = privateKeyFrom(env);
  // Masked in every later log line, whatever error text might quote them (a login failure's request body, say).
  for (const secret of [clientSecret, refreshToken, privateKey]) registerSecret(secret ?? undefined);
  if (clientId === null) {
    throw configError(`The Salesforce connector has no credentials: SALESFORCE_CLIENT_ID is not set. ${FLOWS_HELP}`, 'NO_CREDENTIALS');
  }
  const chosen = [privateKey !== null || username !== null ? 'jwt' : null, refreshToken !== null ? 'refresh_token' : null].filter((f) => f !== null);
  if (chosen.length > 1) {
    throw configError(
      `The SALESFORCE_* variables name two flows at once (JWT bearer: SALESFORCE_USERNAME/SALESFORCE_PRIVATE_KEY, and SALESFORCE_REFRESH_TOKEN). Fix: unset the variables of the flow you do not use. ${FLOWS_HELP}`,
      'AMBIGUOUS_CREDENTIALS',
    );
  }
  if (chosen[0] === 'jwt') {
    if (username === null || privateKey === null) {
      const missing = username === null ? 'SALESFORCE_USERNAME' : 'SALESFORCE_PRIVATE_KEY (or SALESFORCE_PRIVATE_KEY_FILE)';
      throw configError(`The JWT bearer flow needs ${missing} too. Fix: set it, or unset the other JWT variables. ${FLOWS_HELP}`, 'NO_CREDENTIALS');
    }
    return { flow: 'jwt', clientId, username, privateKey };
  }
  if (chosen[0] === 'refresh_token') return { flow: 'refresh_token', clientId, clientSecret, refreshToken: refreshToken ?? '' };
  if (clientSecret === null) {
    throw configError(`SALESFORCE_CLIENT_ID is set but no flow is complete: SALESFORCE_CLIENT_SECRET is not set. ${FLOWS_HELP}`, 'NO_CREDENTIALS');
  }
  return { flow: 'client_credentials', clientId, clientSecret };
}

/** Settings from config (the connector's section) plus the environment; config URLs win over the environment's. */
export function resolveSettings(raw: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): SalesforceSettings {
  const parsed = SalesforceConnectorSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `connectors.salesforce.${issue.path.join('.')}` : 'connectors.salesforce';
    throw configError(`${where} in config/scoresync.yaml: ${issue?.message ?? 'invalid'}. Fix: correct it (see docs/salesforce.md).`, 'BAD_SETTINGS');
  }
  const config = parsed.data;
  const loginUrl = config.loginUrl !== undefined ? checkUrl(config.loginUrl, 'connectors.salesforce.loginUrl') : checkUrl(read(env, 'SALESFORCE_LOGIN_URL') ?? DEFAULT_LOGIN_URL, 'SALESFORCE_LOGIN_URL');
  const instanceSetting = config.instanceUrl ?? read(env, 'SALESFORCE_INSTANCE_URL');
  const instanceUrl = instanceSetting === null ? null : checkUrl(instanceSetting, config.instanceUrl !== undefined ? 'connectors.salesforce.instanceUrl' : 'SALESFORCE_INSTANCE_URL');
  return { ...config, loginUrl, instanceUrl, credentials: credentialsFromEnv(env) };
}
