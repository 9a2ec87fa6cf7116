/**
 * Each OAuth flow against the emulator over real HTTP, with every session revoked in the middle of a paged pull:
 * the connector logs in again with the same flow, replays the refused page and delivers every record once.
 */
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { createSalesforceConnector } from '../../connectors/salesforce/index.js';
import { silentLogger } from '../../src/log/logger.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce/index.js';
import { shippedMapping } from './read-helpers.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const mapping = shippedMapping();
let sf: SalesforceEmulator;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  sf = await startSalesforceEmulator({ seed: 4, pageSize: 5, app: { jwtPublicKey: publicKey }, org: { datagen: { accounts: 23, contactsPerAccount: 1, activitiesPerContact: 1 } } });
});
afterAll(async () => {
  await sf.stop();
  nock.enableNetConnect();
});

const flows: [string, () => NodeJS.ProcessEnv][] = [
  ['client credentials', () => sf.env()],
  ['JWT bearer', () => ({ SALESFORCE_LOGIN_URL: sf.url, SALESFORCE_CLIENT_ID: sf.credentials.clientId, SALESFORCE_USERNAME: sf.credentials.username, SALESFORCE_PRIVATE_KEY: privateKey })],
  ['refresh token', () => ({ SALESFORCE_LOGIN_URL: sf.url, SALESFORCE_CLIENT_ID: sf.credentials.clientId, SALESFORCE_CLIENT_SECRET: sf.credentials.clientSecret, SALESFORCE_REFRESH_TOKEN: sf.credentials.refreshToken })],
];

describe.each(flows)('%s', (_name, env) => {
  it('a session revoked in the middle of a paged pull is renewed and the page replayed', async () => {
    sf.resetCalls();
    sf.setFaultPlan({ seed: 1, faults: [{ kind: 'sessionExpired', on: { endpoint: 'query/more' }, nth: 2 }] });
    const connector = createSalesforceConnector({ mapping, settings: { mapping: 'x' }, logger: silentLogger() }, { env: env() });
    const ids: string[] = [];
    for await (const page of connector.pull('account', { since: null })) ids.push(...page.records.map((r) => r.id));
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    expect(sf.calls.list().filter((c) => c.status === 401)).toHaveLength(1);
    expect(sf.calls.count({ endpoint: 'oauth2/token' })).toBe(2);
  });
});
