import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Connection } from 'jsforce';
import nock from 'nock';
import { classifyBulkError, classifyCallError, classifyStatusCode, SalesforceConnectorError } from '../../connectors/salesforce/errors.js';

describe('classifyStatusCode (per-record results)', () => {
  it.each([
    ['UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record', 'retryable'],
    ['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid', 'retryable'],
    ['CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', 'ScoreTrigger: execution of AfterUpdate caused by: UNABLE_TO_LOCK_ROW', 'retryable'],
    ['CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', 'ScoreTrigger: execution of AfterUpdate caused by: System.NullPointerException', 'record'],
    ['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'bad value for restricted picklist field: Tier 9', 'config'],
    ['INVALID_FIELD_FOR_INSERT_UPDATE', 'Unable to create/update fields: ScoreSync_Fit__c', 'config'],
    ['INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', 'config'],
    ['STRING_TOO_LONG', 'Reasons: data value too large', 'config'],
    ['ENTITY_IS_DELETED', 'entity is deleted', 'record'],
    ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Website is required for Tier 1', 'record'],
    ['MALFORMED_ID', 'malformed id 001XYZ', 'record'],
    ['SOMETHING_NEW_IN_WINTER_27', 'who knows', 'record'],
  ])('%s (%s) → %s', (code, message, expected) => {
    expect(classifyStatusCode(code, message).class).toBe(expected);
  });

  it('keeps the code, the message and the first named field', () => {
    expect(classifyStatusCode('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'bad value', ['', 'ScoreSync_Tier__c'])).toEqual({
      class: 'config',
      code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'bad value',
      field: 'ScoreSync_Tier__c',
    });
  });
});

describe('classifyBulkError (sf__Error cells)', () => {
  it.each([
    ['UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--', 'retryable', 'UNABLE_TO_LOCK_ROW', undefined],
    ['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:bad value for restricted picklist field: X:ScoreSync_Tier__c', 'config', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'ScoreSync_Tier__c'],
    ['ENTITY_IS_DELETED:entity is deleted:', 'record', 'ENTITY_IS_DELETED', undefined],
    ['something went wrong', 'record', 'UNKNOWN_ERROR', undefined],
  ])('%s → %s %s', (cell, expectedClass, expectedCode, expectedField) => {
    const info = classifyBulkError(cell);
    expect([info.class, info.code, info.field === '--' ? undefined : info.field]).toEqual([expectedClass, expectedCode, expectedField]);
  });
});

describe('classifyCallError (a call that threw)', () => {
  const INSTANCE = 'https://acme.my.salesforce.com';
  const conn = () => new Connection({ instanceUrl: INSTANCE, accessToken: 'token', version: '62.0' });
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  async function thrownBy(status: number, body: unknown): Promise<unknown> {
    nock(INSTANCE).patch('/services/data/v62.0/composite/sobjects').reply(status, body as nock.Body);
    try {
      await conn().sobject('Account').update([{ Id: '001000000000001AAA', Name: 'x' }], { allOrNone: false });
    } catch (error) {
      return error;
    }
    throw new Error('expected the call to fail');
  }

  it.each([
    [403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], 'retryable', 'REQUEST_LIMIT_EXCEEDED'],
    [401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }], 'config', 'INVALID_SESSION_ID'],
    [400, [{ message: "No such column 'Fit__c' on sobject of type Account", errorCode: 'INVALID_FIELD' }], 'config', 'INVALID_FIELD'],
    [503, 'Service Unavailable', 'retryable', 'ERROR_HTTP_503'],
    [500, [{ message: 'An unexpected error occurred', errorCode: 'UNKNOWN_EXCEPTION' }], 'record', 'UNKNOWN_EXCEPTION'],
  ])('HTTP %i %j → %s %s', async (status, body, expectedClass, expectedCode) => {
    const info = classifyCallError(await thrownBy(status, body));
    expect([info.class, info.code]).toEqual([expectedClass, expectedCode]);
  });

  // nock's replyWithError leaves jsforce 3.10.16's PATCH promise pending forever (docs/dev-notes.md), so a real
  // loopback server drops the connection instead.
  it('treats a dropped connection as retryable', async () => {
    const server = createServer((req, _res) => {
      req.resume();
      req.on('end', () => req.socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    nock.enableNetConnect('127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const local = new Connection({ instanceUrl: `http://127.0.0.1:${port}`, accessToken: 'token', version: '62.0' });
      const thrown = await local
        .sobject('Account')
        .update([{ Id: '001000000000001AAA', Name: 'x' }], { allOrNone: false })
        .then(() => null, (error: unknown) => error);
      expect(classifyCallError(thrown)).toMatchObject({ class: 'retryable', code: 'ECONNRESET' });
    } finally {
      nock.disableNetConnect();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('passes our own classified errors through unchanged', () => {
    const own = new SalesforceConnectorError('The mapping names Account.Foo__c, which does not exist.', 'config', 'MISSING_FIELD', 'Foo__c');
    expect(classifyCallError(own)).toBe(own.info);
  });
});
