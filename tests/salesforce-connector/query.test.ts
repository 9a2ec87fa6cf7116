/**
 * Paging that never truncates silently: REST pages checked against totalSize (nock, the documented payloads), and a
 * Bulk API 2.0 query whose results span several locator pages (the emulator, where jsforce's own reader crashes).
 */
import { Connection } from 'jsforce';
import nock from 'nock';
import { createSalesforceApi } from '../../connectors/salesforce/api.js';
import { BUILT_IN_RULES } from '../../connectors/salesforce/activities.js';
import { connect } from '../../connectors/salesforce/auth.js';
import { pullKind } from '../../connectors/salesforce/pull.js';
import { bulkPages, restPages } from '../../connectors/salesforce/query.js';
import { createSchemas } from '../../connectors/salesforce/schemas.js';
import { resolveSettings } from '../../connectors/salesforce/settings.js';
import { silentLogger } from '../../src/log/logger.js';
import { startSalesforceEmulator } from '../emulators/salesforce/index.js';
import { shippedMapping } from './read-helpers.js';

const INSTANCE = 'https://acme.my.salesforce.com';
const BASE = '/services/data/v62.0';

function api() {
  return createSalesforceApi(new Connection({ instanceUrl: INSTANCE, accessToken: 'token', version: '62.0' }), { concurrency: 1 });
}

async function drain(pages: AsyncIterable<unknown[]>): Promise<unknown[]> {
  const rows: unknown[] = [];
  for await (const page of pages) rows.push(...page);
  return rows;
}

describe('REST pages', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('follows nextRecordsUrl to the last page (queryAll included) and flattens parent fields', async () => {
    nock(INSTANCE)
      .get(`${BASE}/queryAll`)
      .query({ q: 'SELECT Id, Campaign.Type FROM CampaignMember' })
      .reply(200, { totalSize: 3, done: false, nextRecordsUrl: `${BASE}/query/01gA-2`, records: [{ attributes: { type: 'CampaignMember' }, Id: '00v1', Campaign: { attributes: { type: 'Campaign' }, Type: 'Webinar' } }, { Id: '00v2', Campaign: null }] })
      .get(`${BASE}/query/01gA-2`)
      .reply(200, { totalSize: 3, done: true, records: [{ Id: '00v3', Campaign: { Type: 'Conference' } }] });
    const rows = await drain(restPages(api(), 'SELECT Id, Campaign.Type FROM CampaignMember', { all: true }));
    expect(rows).toEqual([{ Id: '00v1', 'Campaign.Type': 'Webinar' }, { Id: '00v2', Campaign: null }, { Id: '00v3', 'Campaign.Type': 'Conference' }]);
  });

  it('refuses to end short: fewer rows than totalSize is an error, never a silent truncation', async () => {
    nock(INSTANCE).get(`${BASE}/query`).query(true).reply(200, { totalSize: 5, done: true, records: [{ Id: '001A' }] });
    await expect(drain(restPages(api(), 'SELECT Id FROM Account'))).rejects.toMatchObject({ info: { class: 'retryable', code: 'INCOMPLETE_QUERY' } });
  });

  it('a page that says more follow but names no next page is an error', async () => {
    nock(INSTANCE).get(`${BASE}/query`).query(true).reply(200, { totalSize: 5, done: false, records: [{ Id: '001A' }] });
    await expect(drain(restPages(api(), 'SELECT Id FROM Account'))).rejects.toThrow(/did not deliver every record/);
  });
});

describe('Bulk API 2.0 query', () => {
  it('reads every result page by Sforce-Locator, and a large full pull takes this path', async () => {
    nock.enableNetConnect('127.0.0.1');
    const sf = await startSalesforceEmulator({ seed: 3, bulk: { resultPageSize: 4, pollsToComplete: 2 }, org: { datagen: { accounts: 10, contactsPerAccount: 1, activitiesPerContact: 1 } } });
    try {
      const settings = resolveSettings({ mapping: 'x' }, sf.env());
      const sfApi = createSalesforceApi(await connect(settings, silentLogger()), { concurrency: 2 });
      const rows = await drain(bulkPages(sfApi, 'SELECT Id, Name FROM Account ORDER BY Id', { timeoutMs: 60_000, sleep: () => Promise.resolve() }));
      expect(rows).toHaveLength(10);
      expect(sf.calls.count('GET bulk/query/results')).toBe(3);

      const mapping = shippedMapping();
      const context = { api: sfApi, schemas: createSchemas(sfApi), logger: silentLogger(), bulkQueryThreshold: 5, bulkTimeoutMs: 60_000, activityRules: BUILT_IN_RULES, integrationUserId: null };
      const records = [];
      for await (const page of pullKind(context, 'account', mapping.objects.account!, { since: null })) records.push(...page.records);
      expect(records).toHaveLength(10);
      expect(records.every((r) => typeof r.employees === 'number' || r.employees === null)).toBe(true);
      expect(sf.calls.count('POST bulk/query')).toBe(2);
    } finally {
      await sf.stop();
      nock.enableNetConnect();
    }
  });
});
