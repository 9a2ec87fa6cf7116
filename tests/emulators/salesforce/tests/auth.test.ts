/** The token endpoint's three flows, session expiry, and jsforce's refresh-and-replay on 401. */
import { createSign, generateKeyPairSync } from 'node:crypto';
import jsforce from 'jsforce';
import { API_VERSION, connect, FIXED_NOW, withEmulator } from './helpers.js';
import type { SalesforceEmulator } from '../index.js';

const KEYS = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = KEYS.publicKey.export({ type: 'spki', format: 'pem' }).toString();

function jwt(claims: Record<string, unknown>, privateKey = KEYS.privateKey): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'RS256' })}.${part(claims)}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
}

async function token(emulator: SalesforceEmulator, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.url}/services/oauth2/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test('client credentials: the documented response, no refresh token; wrong secrets get the documented errors', async () => {
  await withEmulator({}, async (emulator) => {
    const { clientId, clientSecret } = emulator.credentials;
    const ok = await token(emulator, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body).sort()).toEqual(['access_token', 'id', 'instance_url', 'issued_at', 'scope', 'signature', 'token_format', 'token_type']);
    expect(ok.body).toMatchObject({ instance_url: emulator.url, token_type: 'Bearer', id: `${emulator.url}/id/${emulator.org.orgId}/${emulator.org.integrationUser.id}`, access_token: expect.stringMatching(/^00D\w{12}!/) });
    expect(await token(emulator, { grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong' })).toEqual({ status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } });
    expect((await token(emulator, { grant_type: 'client_credentials', client_id: 'other', client_secret: clientSecret })).body).toMatchObject({ error: 'invalid_client_id' });
    expect((await token(emulator, { grant_type: 'password' })).body).toMatchObject({ error: 'unsupported_grant_type' });
  });
});

test('JWT bearer: an RS256 assertion signed with the certificate key is exchanged; bad signature, audience, issuer or expiry are refused', async () => {
  await withEmulator({ clock: () => FIXED_NOW, app: { jwtPublicKey: PUBLIC_PEM } }, async (emulator) => {
    const exp = Math.floor(FIXED_NOW / 1000) + 180;
    const claims = { iss: emulator.credentials.clientId, sub: emulator.credentials.username, aud: 'https://login.salesforce.com', exp };
    const grant = (assertion: string): Promise<{ status: number; body: Record<string, unknown> }> => token(emulator, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    const ok = await grant(jwt(claims));
    expect(ok.status).toBe(200);
    expect(ok.body).not.toHaveProperty('refresh_token');
    expect(ok.body).toMatchObject({ token_type: 'Bearer', instance_url: emulator.url });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect((await grant(jwt(claims, other))).body).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
    expect((await grant(jwt({ ...claims, aud: 'https://example.com' }))).body).toEqual({ error: 'invalid_grant', error_description: 'audience is invalid' });
    expect((await grant(jwt({ ...claims, iss: 'someone-else' }))).body).toMatchObject({ error: 'invalid_client_id' });
    expect((await grant(jwt({ ...claims, exp: exp - 600 }))).body).toMatchObject({ error: 'invalid_grant', error_description: 'expired authorization code' });
    expect((await grant(jwt({ ...claims, sub: 'nobody@example.com' }))).body).toMatchObject({ error: 'invalid_grant' });
  });
});

test('a token past its lifetime answers 401 INVALID_SESSION_ID; jsforce refreshes with the refresh token and replays the call', async () => {
  let now = FIXED_NOW;
  await withEmulator({ clock: () => now, tokenTtlMs: 60_000, org: { setup: (org) => void org.insert('Account', { Name: 'Acme' }) } }, async (emulator) => {
    const conn = new jsforce.Connection({ version: API_VERSION, instanceUrl: emulator.url, oauth2: { clientId: emulator.credentials.clientId, clientSecret: emulator.credentials.clientSecret, loginUrl: emulator.url }, refreshToken: emulator.credentials.refreshToken });
    const refreshed: string[] = [];
    conn.on('refresh', (accessToken: string) => refreshed.push(accessToken));
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(1);
    now += 61_000;
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(1);
    expect(refreshed).toHaveLength(2);
    expect(emulator.calls.list().map((c) => `${c.endpoint} ${c.status}`)).toEqual(['query 401', 'oauth2/token 200', 'query 200', 'query 401', 'oauth2/token 200', 'query 200']);
  });
});

test('client credentials has no refresh token: a refreshFn delegate mints a new token after an expired session', async () => {
  await withEmulator({ org: { setup: (org) => void org.insert('Account', { Name: 'Acme' }) } }, async (emulator) => {
    const conn = await connect(emulator, {
      refreshFn: (c: { oauth2: { authenticate?: unknown } }, callback: (error: Error | null, accessToken?: string) => void) => {
        token(emulator, { grant_type: 'client_credentials', client_id: emulator.credentials.clientId, client_secret: emulator.credentials.clientSecret }).then(
          (res) => callback(null, String(res.body['access_token'])),
          (error: Error) => callback(error),
        );
        void c;
      },
    });
    emulator.expireSessions();
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(1);
    expect(emulator.calls.count('query')).toBe(2);
    const bare = await connect(emulator);
    emulator.expireSessions();
    const noDelegate = new jsforce.Connection({ version: API_VERSION, instanceUrl: emulator.url, accessToken: bare.accessToken ?? '' });
    await expect(noDelegate.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' });
  });
});
