import { Connection } from 'jsforce';
import nock from 'nock';
import { createSalesforceApi, parseLimitInfo } from '../../connectors/salesforce/api.js';

const INSTANCE = 'https://acme.my.salesforce.com';
const BASE = '/services/data/v62.0';

function connection(): Connection {
  return new Connection({ instanceUrl: INSTANCE, accessToken: 'token', version: '62.0' });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('parseLimitInfo', () => {
  it.each([
    ['api-usage=18/15000', { used: 18, limit: 15000 }],
    ['api-usage=18/15000; api-bursts=1/750', { used: 18, limit: 15000 }],
    [['api-usage=7/100'], { used: 7, limit: 100 }],
    ['per-app-api-usage=1/2(appName=x)', null],
    [undefined, null],
    ['api-usage=abc/100', null],
  ])('%j → %j', (header, expected) => {
    expect(parseLimitInfo(header)).toEqual(expected);
  });
});

describe('createSalesforceApi', () => {
  it('counts every HTTP call of a paged query and keeps the org usage from the last response', async () => {
    nock(INSTANCE)
      .get(`${BASE}/query`)
      .query(true)
      .reply(200, { totalSize: 2, done: false, nextRecordsUrl: `${BASE}/query/01g-1`, records: [{ Id: '001A' }] }, { 'Sforce-Limit-Info': 'api-usage=10/15000' })
      .get(`${BASE}/query/01g-1`)
      .reply(200, { totalSize: 2, done: true, records: [{ Id: '001B' }] }, { 'Sforce-Limit-Info': 'api-usage=11/15000' });
    const api = createSalesforceApi(connection(), { concurrency: 2 });

    const result = await api.call((conn) => conn.query('SELECT Id FROM Account').run({ autoFetch: true, maxFetch: 10 }));

    expect(result.records.map((r) => (r as { Id: string }).Id)).toEqual(['001A', '001B']);
    expect(api.usage()).toEqual({ calls: 2, limit: 15000, remaining: 14989 });
  });

  it('counts a failed call and leaves the org usage unknown when no response carried it', async () => {
    nock(INSTANCE).get(`${BASE}/sobjects/Account/describe`).reply(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    const api = createSalesforceApi(connection(), { concurrency: 1 });

    await expect(api.call((conn) => conn.describe('Account'))).rejects.toThrow('The requested resource does not exist');
    expect(api.usage()).toEqual({ calls: 1, limit: null, remaining: null });
  });

  it('runs at most `concurrency` operations at once', async () => {
    const api = createSalesforceApi(connection(), { concurrency: 2 });
    let running = 0;
    let peak = 0;
    const waiting: (() => void)[] = [];
    const tasks = Array.from({ length: 5 }, () =>
      api.call(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => waiting.push(resolve));
        running -= 1;
      }),
    );
    for (let finished = 0; finished < 5; ) {
      await new Promise((resolve) => setImmediate(resolve));
      const next = waiting.shift();
      if (next) {
        next();
        finished += 1;
      }
    }
    await Promise.all(tasks);
    expect(peak).toBe(2);
  });
});
