/**
 * The Task upsert as Salesforce documents it (nock): PATCH /composite/sobjects/Task/ScoreSync_Key__c with
 * `allOrNone: false` and the key on every record; `created: false` in the answer means the task was already there.
 */
import nock from 'nock';
import { Connection } from 'jsforce';
import { createSalesforceApi } from '../../connectors/salesforce/api.js';
import { createSalesforceTasks } from '../../connectors/salesforce/create-tasks.js';
import { memoryLogger } from './write-helpers.js';

const INSTANCE = 'https://tasks-payload.my.salesforce.com';
const BASE = '/services/data/v62.0';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const field = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'string', length: 255, createable: true, updateable: true, externalId: false, picklistValues: [], ...extra });

test('the upsert body and the per-record created flag', async () => {
  let body: unknown = null;
  nock(INSTANCE)
    .get(`${BASE}/sobjects/Task/describe`)
    .reply(200, {
      name: 'Task',
      queryable: true,
      childRelationships: [],
      fields: [
        field('Id', { type: 'id', createable: false, updateable: false }),
        field('Subject'),
        field('Description', { type: 'textarea', length: 32000 }),
        field('Status', { type: 'picklist', picklistValues: [{ value: 'Open', active: true, defaultValue: true }, { value: 'Completed', active: true, defaultValue: false }] }),
        field('ScoreSync_Key__c', { length: 80, externalId: true, unique: true }),
      ],
    })
    .patch(`${BASE}/composite/sobjects/Task/ScoreSync_Key__c`, (b: unknown) => {
      body = b;
      return true;
    })
    .reply(200, [
      { id: '00T000000000001AAA', success: true, created: true, errors: [] },
      { id: '00T000000000002AAA', success: true, created: false, errors: [] },
    ]);
  const api = createSalesforceApi(new Connection({ instanceUrl: INSTANCE, accessToken: 'token', version: '62.0' }), { concurrency: 1 });
  const base = { rule: 'r', body: 'why', dueDate: '2026-12-01', priority: 'High' as const, ownerId: '005000000000001AAA', subject: 'Call' };

  const outcomes = await createSalesforceTasks(
    api,
    [
      { ...base, key: 'k1', accountId: '001000000000001AAA', contactId: '003000000000001AAA', leadId: null },
      { ...base, key: 'k2', accountId: '001000000000001AAA', contactId: null, leadId: '00Q000000000001AAA' },
    ],
    { mapping: { connector: 'salesforce', objects: {} }, logger: memoryLogger() },
  );

  expect(body).toEqual({
    allOrNone: false,
    records: [
      { attributes: { type: 'Task' }, ScoreSync_Key__c: 'k1', Subject: 'Call', Description: 'why', ActivityDate: '2026-12-01', Priority: 'High', Status: 'Open', OwnerId: '005000000000001AAA', WhoId: '003000000000001AAA', WhatId: '001000000000001AAA' },
      { attributes: { type: 'Task' }, ScoreSync_Key__c: 'k2', Subject: 'Call', Description: 'why', ActivityDate: '2026-12-01', Priority: 'High', Status: 'Open', OwnerId: '005000000000001AAA', WhoId: '00Q000000000001AAA' },
    ],
  });
  expect(outcomes).toEqual([
    { key: 'k1', ok: true, crmId: '00T000000000001AAA' },
    { key: 'k2', ok: true, crmId: '00T000000000002AAA', alreadyExisted: true },
  ]);
});
