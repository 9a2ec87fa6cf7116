/**
 * The request writeFieldUpdates sends, checked against Salesforce's documented sObject Collections update payload with
 * nock (the documented response shape answers it): only the changed fields, `allOrNone: false`, `attributes.type`,
 * lowercase `id`, JSON null to clear. A failed record without an id is still matched by its position.
 */
import nock from 'nock';
import { Connection } from 'jsforce';
import { createSalesforceApi } from '../../connectors/salesforce/api.js';
import { writeFieldUpdates } from '../../connectors/salesforce/write-fields.js';
import { fieldUpdate, memoryLogger } from './write-helpers.js';

const INSTANCE = 'https://fields-payload.my.salesforce.com';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

test('PATCH /composite/sobjects carries only the changes; results are read per record (statusCode, not errorCode)', async () => {
  let body: unknown = null;
  nock(INSTANCE)
    .patch('/services/data/v62.0/composite/sobjects', (b: unknown) => {
      body = b;
      return true;
    })
    .reply(
      200,
      [
        { id: '001000000000001AAA', success: true, errors: [] },
        { success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Tier 1 needs a website', fields: [] }] },
      ],
      { 'Sforce-Limit-Info': 'api-usage=120/15000' },
    );
  const api = createSalesforceApi(new Connection({ instanceUrl: INSTANCE, accessToken: 'token', version: '62.0' }), { concurrency: 1 });

  const outcomes = await writeFieldUpdates(
    api,
    'Lead',
    [fieldUpdate('001000000000001AAA', { ScoreSync_Fit__c: '72', ScoreSync_Reasons__c: null }, 'lead'), fieldUpdate('001000000000002AAA', { ScoreSync_Tier__c: 'Tier 1' }, 'lead')],
    { bulkThreshold: 2_000, logger: memoryLogger() },
  );

  expect(body).toEqual({
    allOrNone: false,
    records: [
      { attributes: { type: 'Lead' }, id: '001000000000001AAA', ScoreSync_Fit__c: '72', ScoreSync_Reasons__c: null },
      { attributes: { type: 'Lead' }, id: '001000000000002AAA', ScoreSync_Tier__c: 'Tier 1' },
    ],
  });
  expect(outcomes).toEqual([
    { recordId: '001000000000001AAA', ok: true },
    { recordId: '001000000000002AAA', ok: false, error: { class: 'record', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Tier 1 needs a website' } },
  ]);
  expect(api.usage()).toEqual({ calls: 1, limit: 15000, remaining: 14880 });
});

test('403 REQUEST_LIMIT_EXCEEDED (the documented body) is thrown, not turned into record outcomes', async () => {
  nock(INSTANCE).patch('/services/data/v62.0/composite/sobjects').reply(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
  const api = createSalesforceApi(new Connection({ instanceUrl: INSTANCE, accessToken: 'token', version: '62.0' }), { concurrency: 1 });

  await expect(writeFieldUpdates(api, 'Account', [fieldUpdate('001000000000001AAA', { ScoreSync_Fit__c: '1' })], { bulkThreshold: 2_000, logger: memoryLogger() })).rejects.toMatchObject({
    name: 'SalesforceConnectorError',
    info: { code: 'REQUEST_LIMIT_EXCEEDED' },
  });
});
