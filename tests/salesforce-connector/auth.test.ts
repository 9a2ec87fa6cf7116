import { createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { connect, jwtAudience } from '../../connectors/salesforce/auth.js';
import { SalesforceConnectorError } from '../../connectors/salesforce/errors.js';
import { credentialsFromEnv, resolveSettings } from '../../connectors/salesforce/settings.js';
import { silentLogger } from '../../src/log/logger.js';
import { redactText } from '../../src/log/redact.js';

const LOGIN = 'https://acme.my.salesforce.com';
const INSTANCE = 'https://acme.my.salesforce.com';
const BASE = '/services/data/v62.0';
const token = (n: number) => ({ access_token: `00Dxx!tok${n}`, instance_url: INSTANCE, id: 'https://login.salesforce.com/id/00Dxx0000001/005xx0000001', token_type: 'Bearer', issued_at: '1700000000000', signature: 'sig' });
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function settingsFor(env: NodeJS.ProcessEnv) {
  return resolveSettings({ mapping: 'm.yaml' }, { SALESFORCE_LOGIN_URL: LOGIN, ...env });
}

/** Two queries; the second meets an expired session (401) once, so it must be renewed and replayed. */
function queryWith401(tokenPattern: RegExp) {
  return nock(INSTANCE)
    .get(`${BASE}/query`)
    .query(true)
    .reply(200, { totalSize: 1, done: true, records: [{ Id: '001A' }] })
    .get(`${BASE}/query`)
    .query(true)
    .reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }])
    .get(`${BASE}/query`)
    .matchHeader('authorization', tokenPattern)
    .query(true)
    .reply(200, { totalSize: 1, done: true, records: [{ Id: '001B' }] });
}

describe('credentials from the environment', () => {
  it('masks the secrets it reads (client secret, refresh token, private key) in any later log text', () => {
    credentialsFromEnv({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_CLIENT_SECRET: 'cs-never-logged-1' });
    credentialsFromEnv({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_REFRESH_TOKEN: 'rt-never-logged-2' });
    credentialsFromEnv({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_USERNAME: 'u', SALESFORCE_PRIVATE_KEY: privateKey });
    const line = redactText(`login failed: client_secret=cs-never-logged-1&refresh_token=rt-never-logged-2 key ${privateKey}`);
    expect(line).not.toContain('cs-never-logged-1');
    expect(line).not.toContain('rt-never-logged-2');
    expect(line).not.toContain(privateKey);
  });

  it('picks the flow from the variables set', () => {
    expect(credentialsFromEnv({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_CLIENT_SECRET: 's' }).flow).toBe('client_credentials');
    expect(credentialsFromEnv({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_USERNAME: 'u', SALESFORCE_PRIVATE_KEY: privateKey }).flow).toBe('jwt');
    expect(credentialsFromEnv({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_REFRESH_TOKEN: 'r' })).toEqual({ flow: 'refresh_token', clientId: 'id', clientSecret: null, refreshToken: 'r' });
  });

  it('reads the key from SALESFORCE_PRIVATE_KEY_FILE', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sf-key-'));
    writeFileSync(path.join(dir, 'key.pem'), privateKey);
    const credentials = credentialsFromEnv({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_USERNAME: 'u', SALESFORCE_PRIVATE_KEY_FILE: path.join(dir, 'key.pem') });
    expect(credentials).toMatchObject({ flow: 'jwt', privateKey });
  });

  it.each([
    [{}, /SALESFORCE_CLIENT_ID is not set/],
    [{ SALESFORCE_CLIENT_ID: 'id' }, /SALESFORCE_CLIENT_SECRET is not set/],
    [{ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_USERNAME: 'u' }, /JWT bearer flow needs SALESFORCE_PRIVATE_KEY/],
    [{ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_USERNAME: 'u', SALESFORCE_PRIVATE_KEY: 'k', SALESFORCE_REFRESH_TOKEN: 'r' }, /two flows at once/],
    [{ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_PRIVATE_KEY: 'k', SALESFORCE_PRIVATE_KEY_FILE: '/x' }, /keep only one/],
  ])('%j is refused with the variables to set', (env, message) => {
    let error: unknown;
    try {
      credentialsFromEnv(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SalesforceConnectorError);
    expect((error as Error).message).toMatch(message);
    expect((error as SalesforceConnectorError).info.class).toBe('config');
  });

  it('accepts https anywhere and http only on loopback', () => {
    expect(settingsFor({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_CLIENT_SECRET: 's', SALESFORCE_LOGIN_URL: 'http://127.0.0.1:4567' }).loginUrl).toBe('http://127.0.0.1:4567');
    expect(() => settingsFor({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_CLIENT_SECRET: 's', SALESFORCE_LOGIN_URL: 'http://acme.example.com' })).toThrow(/must use https/);
    expect(settingsFor({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_CLIENT_SECRET: 's' }).apiVersion).toBe('62.0');
  });
});

describe('connect', () => {
  it('client credentials: logs in, and a 401 mid-run mints a new token and replays the call', async () => {
    const login = nock(LOGIN)
      .post('/services/oauth2/token', (body: Record<string, string>) => body.grant_type === 'client_credentials' && body.client_id === 'id' && body.client_secret === 's')
      .reply(200, token(1))
      .post('/services/oauth2/token', (body: Record<string, string>) => body.grant_type === 'client_credentials')
      .reply(200, token(2));
    const api = queryWith401(/tok2/);
    const conn = await connect(settingsFor({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_CLIENT_SECRET: 's' }), silentLogger());
    expect((await conn.query('SELECT Id FROM Account')).records[0]?.Id).toBe('001A');
    expect((await conn.query('SELECT Id FROM Account')).records[0]?.Id).toBe('001B');
    expect(conn.accessToken).toBe('00Dxx!tok2');
    expect(conn.userInfo).toEqual({ id: '005xx0000001', organizationId: '00Dxx0000001', url: 'https://login.salesforce.com/id/00Dxx0000001/005xx0000001' });
    expect(login.isDone() && api.isDone()).toBe(true);
  });

  it('JWT bearer: signs an RS256 assertion Salesforce can verify, and re-signs on a 401', async () => {
    const assertions: string[] = [];
    const login = nock(LOGIN)
      .post('/services/oauth2/token', (body: Record<string, string>) => {
        if (body.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || typeof body.assertion !== 'string') return false;
        assertions.push(body.assertion);
        return true;
      })
      .times(2)
      .reply(200, () => token(assertions.length));
    const api = queryWith401(/tok2/);
    const conn = await connect(settingsFor({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_USERNAME: 'int@acme.com', SALESFORCE_PRIVATE_KEY: privateKey }), silentLogger(), () => 1_700_000_000_000);
    await conn.query('SELECT Id FROM Account');
    await conn.query('SELECT Id FROM Account');
    expect(login.isDone() && api.isDone()).toBe(true);
    const [header, claims, signature] = (assertions[0] ?? '').split('.');
    expect(JSON.parse(Buffer.from(claims ?? '', 'base64url').toString())).toEqual({ iss: 'id', sub: 'int@acme.com', aud: 'https://login.salesforce.com', exp: 1_700_000_180 });
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${header}.${claims}`);
    expect(verifier.verify(publicKey, Buffer.from(signature ?? '', 'base64url'))).toBe(true);
  });

  it('refresh token: exchanges it at login and again on a 401', async () => {
    const login = nock(LOGIN)
      .post('/services/oauth2/token', (body: Record<string, string>) => body.grant_type === 'refresh_token' && body.refresh_token === 'r1' && body.client_id === 'id')
      .times(2)
      .reply(200, (() => {
        let n = 0;
        return () => token(++n);
      })());
    const api = queryWith401(/tok2/);
    const conn = await connect(settingsFor({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_REFRESH_TOKEN: 'r1' }), silentLogger());
    await conn.query('SELECT Id FROM Account');
    await conn.query('SELECT Id FROM Account');
    expect(login.isDone() && api.isDone()).toBe(true);
  });

  it('a refused login names the flow and the fix', async () => {
    nock(LOGIN).post('/services/oauth2/token').reply(400, { error: 'invalid_client', error_description: 'invalid client credentials' });
    await expect(connect(settingsFor({ SALESFORCE_CLIENT_ID: 'id', SALESFORCE_CLIENT_SECRET: 'wrong' }), silentLogger())).rejects.toThrow(
      /refused the client credentials login at https:\/\/acme\.my\.salesforce\.com: invalid_client: invalid client credentials\. Fix: check SALESFORCE_CLIENT_SECRET/,
    );
  });

  it('the JWT audience is login or test.salesforce.com, or a local emulator itself', () => {
    expect(jwtAudience('https://acme.my.salesforce.com')).toBe('https://login.salesforce.com');
    expect(jwtAudience('https://test.salesforce.com')).toBe('https://test.salesforce.com');
    expect(jwtAudience('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
  });
});
