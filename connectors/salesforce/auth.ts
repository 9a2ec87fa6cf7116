/**
 * Log in with the OAuth flow the environment names, and keep the session alive: a 401 in the middle of a run makes
 * jsforce call our refresh function and replay the request once (BEHAVIOR.md "Sessions"). Client credentials and JWT
 * bearer have no refresh token, so "refresh" there means minting a fresh token with the same grant.
 */
import { createSign } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import type { Logger } from '../../src/log/logger.js';
import { registerSecret } from '../../src/log/redact.js';
import { SalesforceConnectorError } from './errors.js';
import type { Credentials, SalesforceSettings } from './settings.js';

/** The token endpoint's answer (the fields we use; Salesforce sends more). */
export interface TokenResponse {
  access_token: string;
  instance_url: string;
  id: string;
}

/** JWTs may live at most 3 minutes (Salesforce's JWT bearer flow documentation). */
const JWT_LIFETIME_SECONDS = 180;

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

/** The `aud` claim: login.salesforce.com or test.salesforce.com, whatever My Domain logs in through; a local emulator names itself. */
export function jwtAudience(loginUrl: string): string {
  const host = new URL(loginUrl).hostname;
  if (host === '127.0.0.1' || host === 'localhost') return loginUrl;
  return host === 'test.salesforce.com' || host.includes('.sandbox.') ? 'https://test.salesforce.com' : 'https://login.salesforce.com';
}

/** An RS256-signed assertion for the JWT bearer flow (jsforce does not sign JWTs). */
export function signJwt(credentials: { clientId: string; username: string; privateKey: string }, audience: string, nowMs: number): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ iss: credentials.clientId, sub: credentials.username, aud: audience, exp: Math.floor(nowMs / 1000) + JWT_LIFETIME_SECONDS }));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${claims}`);
  let signature: string;
  try {
    signature = signer.sign(credentials.privateKey).toString('base64url');
  } catch {
    throw new SalesforceConnectorError(
      'SALESFORCE_PRIVATE_KEY is not a PEM RSA private key. Fix: set it to the key of the certificate uploaded to the connected app (-----BEGIN PRIVATE KEY----- …).',
      'config',
      'BAD_PRIVATE_KEY',
    );
  }
  return `${header}.${claims}.${signature}`;
}

function oauth2For(credentials: Credentials, loginUrl: string): OAuth2 {
  const clientSecret = credentials.flow === 'jwt' ? undefined : (credentials.clientSecret ?? undefined);
  return new OAuth2({ clientId: credentials.clientId, ...(clientSecret === undefined ? {} : { clientSecret }), loginUrl });
}

const FIX_BY_ERROR: Record<string, string> = {
  invalid_client_id: 'check SALESFORCE_CLIENT_ID: it must be the consumer key of the connected app',
  invalid_client: 'check SALESFORCE_CLIENT_SECRET: it must be the consumer secret of the connected app',
  invalid_grant:
    'for client credentials, set SALESFORCE_LOGIN_URL to your My Domain (https://<domain>.my.salesforce.com) and choose a "Run As" user; for JWT, check the user is pre-authorized and the certificate matches; for a refresh token, get a new one',
  unsupported_grant_type: 'enable the flow in the connected app (Client Credentials Flow, or a certificate for JWT)',
};

/** One token request with the flow's grant; a refusal becomes a message naming the flow and what to change. */
export async function requestToken(credentials: Credentials, loginUrl: string, now: () => number = Date.now): Promise<TokenResponse> {
  const oauth2 = oauth2For(credentials, loginUrl);
  try {
    let response: unknown;
    if (credentials.flow === 'client_credentials') response = await oauth2.requestToken({ grant_type: 'client_credentials' });
    else if (credentials.flow === 'refresh_token') response = await oauth2.refreshToken(credentials.refreshToken);
    else response = await oauth2.requestToken({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signJwt(credentials, jwtAudience(loginUrl), now()) });
    const token = response as TokenResponse;
    registerSecret(token.access_token);
    return token;
  } catch (error) {
    if (error instanceof SalesforceConnectorError) throw error;
    const e = error as { name?: string; message?: string; code?: string };
    const network = typeof e.code === 'string' ? ` (${e.code})` : '';
    const fix = FIX_BY_ERROR[e.name ?? ''] ?? `check SALESFORCE_LOGIN_URL (${loginUrl}) and the connected app's settings`;
    throw new SalesforceConnectorError(
      `Salesforce refused the ${credentials.flow.replace('_', ' ')} login at ${loginUrl}: ${e.name ?? 'error'}: ${e.message ?? String(error)}${network}. Fix: ${fix}.`,
      'config',
      'LOGIN_FAILED',
    );
  }
}

interface UserInfo {
  id: string;
  organizationId: string;
  url: string;
}

interface Establishable {
  _establish(options: { instanceUrl?: string; accessToken?: string; userInfo?: UserInfo }): void;
}

/** The identity URL `…/id/<orgId>/<userId>` names the integration user (setup assigns it the permission set). */
export function userInfoOf(token: TokenResponse): UserInfo | undefined {
  if (typeof token.id !== 'string') return undefined;
  const [organizationId, id] = token.id.split('/').slice(-2);
  return organizationId && id ? { id, organizationId, url: token.id } : undefined;
}

/**
 * A logged-in connection. The same token request renews the session on a 401 (jsforce's refresh delegate, which
 * replays the failed call once); the instance URL from settings, when given, wins over the token's.
 */
export async function connect(settings: SalesforceSettings, logger: Logger, now: () => number = Date.now): Promise<Connection> {
  const { credentials, loginUrl } = settings;
  const token = await requestToken(credentials, loginUrl, now);
  const conn = new Connection({
    version: settings.apiVersion,
    loginUrl,
    instanceUrl: settings.instanceUrl ?? token.instance_url,
    accessToken: token.access_token,
    refreshFn: (c, callback) => {
      logger.info('Salesforce session expired; logging in again', { flow: credentials.flow });
      requestToken(credentials, loginUrl, now).then(
        (fresh) => {
          const userInfo = userInfoOf(fresh);
          (c as unknown as Establishable)._establish({ instanceUrl: settings.instanceUrl ?? fresh.instance_url, accessToken: fresh.access_token, ...(userInfo ? { userInfo } : {}) });
          callback(null, fresh.access_token, fresh as never);
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  // Built from a token rather than through authorize(), the connection would not know who it is.
  const userInfo = userInfoOf(token);
  if (userInfo) conn.userInfo = userInfo;
  logger.debug('logged in to Salesforce', { flow: credentials.flow, instanceUrl: conn.instanceUrl, apiVersion: settings.apiVersion });
  return conn;
}
