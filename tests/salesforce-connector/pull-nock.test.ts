/**
 * The read side at the HTTP level, with Salesforce's documented REST payloads answered by nock (no emulator): the
 * OAuth token, `sobjects/Account/describe`, `query` pages chained by `nextRecordsUrl` (`/services/data/vXX.X/query/
 * <locator>-<offset>`, which query.ts follows itself), and `queryAll` with `IsDeleted = true` for deletions. Three
 * engine pulls through the real connector into a real store: an incremental pull over several pages with a record
 * changed while the run pages is neither skipped nor duplicated, and a deleted record leaves the store.
 *
 * Payload sources: REST API Developer Guide "Query" / "QueryAll" (`{totalSize, done, nextRecordsUrl, records}`, each
 * record with `attributes {type, url}`, date-times as `2026-11-20T05:00:00.000+0000`), "sObject Describe", and
 * "OAuth 2.0 Client Credentials Flow" (token response).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { createSalesforceConnector } from '../../connectors/salesforce/index.js';
import type { MappingFile } from '../../src/config/mapping-types.js';
import { silentLogger } from '../../src/log/logger.js';
import { openStore } from '../../src/store/open-store.js';
import type { StateStore } from '../../src/store/store.js';
import type { EngineDeps } from '../../src/sync/engine-deps.js';
import { pullPhase } from '../../src/sync/pull-phase.js';
import { loadConfig } from '../../src/config/load-config.js';
import { NOW, shippedMapping } from './read-helpers.js';
import { quietEngineDeps } from '../../bench/quiet-engine-deps.js';

const HOST = 'https://pull-nock.my.salesforce.com';
const BASE = '/services/data/v62.0';
const ENV = { SALESFORCE_LOGIN_URL: HOST, SALESFORCE_CLIENT_ID: '3MVG9-pull-nock', SALESFORCE_CLIENT_SECRET: 'pull-nock-secret' };

const shipped = shippedMapping();
/** The shipped Account mapping alone: the proof is about paging, watermarks and deletions, not about every object. */
const mapping: MappingFile = { ...shipped, objects: { account: shipped.objects.account! } };
const scoringConfig = loadConfig('config/scoresync.yaml', { env: {} }).scoring;

/** `05:00` → Salesforce's date-time as the REST API writes it. */
const sfTime = (hhmm: string): string => `2026-11-20T${hhmm}:00.000+0000`;
const iso = (hhmm: string): string => `2026-11-20T${hhmm}:00.000Z`;

const ID = { A: '001000000000001AAA', B: '001000000000002AAA', C: '001000000000003AAA', D: '001000000000004AAA', E: '001000000000005AAA', F: '001000000000006AAA', G: '001000000000007AAA' };

function account(id: string, name: string, stamp: string): Record<string, unknown> {
  return {
    attributes: { type: 'Account', url: `${BASE}/sobjects/Account/${id}` },
    Id: id,
    SystemModstamp: sfTime(stamp),
    Name: name,
    Website: `www.${name.toLowerCase().replace(/[^a-z]+/g, '')}.com`,
    Industry: 'Software',
    NumberOfEmployees: 250,
    AnnualRevenue: 12_000_000,
    BillingCountry: 'Germany',
    OwnerId: '005000000000001AAA',
  };
}

function field(name: string, type: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, label: name, type, length: type === 'string' || type === 'url' ? 255 : 0, nillable: name !== 'Id', createable: false, updateable: false, custom: false, externalId: false, picklistValues: [], restrictedPicklist: false, ...extra };
}

/** The documented describe shape, with the fields the Account mapping reads (no ScoreSync_* outputs: none are read). */
const DESCRIBE = {
  name: 'Account',
  label: 'Account',
  keyPrefix: '001',
  queryable: true,
  createable: true,
  updateable: true,
  childRelationships: [],
  fields: [
    field('Id', 'id'),
    field('IsDeleted', 'boolean'),
    field('Name', 'string', { createable: true, updateable: true, nillable: false }),
    field('Website', 'url', { createable: true, updateable: true }),
    field('Industry', 'picklist', { createable: true, updateable: true }),
    field('NumberOfEmployees', 'int', { createable: true, updateable: true }),
    field('AnnualRevenue', 'currency', { createable: true, updateable: true }),
    field('BillingCountry', 'string', { createable: true, updateable: true }),
    field('OwnerId', 'reference', { createable: true, updateable: true, referenceTo: ['User'] }),
    field('SystemModstamp', 'datetime'),
  ],
};

const LIMIT_INFO = { 'Sforce-Limit-Info': 'api-usage=40/15000' };

let store: StateStore;
const soql: { resource: string; q: string }[] = [];

function deps(): EngineDeps {
  // A fresh connector per run, as each `scoresync run` has: it logs in and describes again.
  const connector = createSalesforceConnector({ mapping, settings: { mapping: 'mappings/salesforce.yaml' }, logger: silentLogger() }, { env: ENV });
  return quietEngineDeps({ store, connector, mapping, scoringConfig, now: () => new Date(NOW) });
}

/** Token and describe for one run (a fresh connector logs in and describes once). */
function login(): void {
  nock(HOST)
    .post('/services/oauth2/token', (body: Record<string, string>) => body.grant_type === 'client_credentials' && body.client_id === ENV.SALESFORCE_CLIENT_ID)
    .reply(200, { access_token: '00Dxx0000001!pull-nock', signature: 'c2ln', scope: 'api', instance_url: HOST, id: `${HOST}/id/00Dxx0000001AAA/005000000000009AAA`, token_type: 'Bearer', issued_at: '1795168800000' })
    .get(`${BASE}/sobjects/Account/describe`)
    .reply(200, DESCRIBE, LIMIT_INFO);
}

/** One `GET /query?q=` (or `/queryAll`) whose SOQL passes `match`; the SOQL is recorded for the assertions. */
function query(resource: 'query' | 'queryAll', match: (q: string) => boolean, page: Record<string, unknown>): void {
  nock(HOST)
    .get(`${BASE}/${resource}`)
    .query((params) => {
      const q = String(params.q);
      if (!match(q)) return false;
      soql.push({ resource, q });
      return true;
    })
    .reply(200, page, LIMIT_INFO);
}

/** The page behind a `nextRecordsUrl`. */
function more(locator: string, page: Record<string, unknown>): void {
  nock(HOST).get(`${BASE}/query/${locator}`).reply(200, page, LIMIT_INFO);
}

const isCount = (q: string): boolean => q.startsWith('SELECT COUNT() FROM Account');
const isSelect = (q: string): boolean => !isCount(q) && q.includes(' FROM Account') && q.includes('ORDER BY SystemModstamp, Id');
const isDeletedIds = (q: string): boolean => q.startsWith('SELECT Id FROM Account WHERE IsDeleted = true');
const NONE = { totalSize: 0, done: true, records: [] };

async function names(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of await store.listAccountIds('salesforce')) out[id] = String((await store.getRecord('salesforce', 'account', id))?.name);
  return out;
}

beforeAll(async () => {
  nock.disableNetConnect();
  store = await openStore({ driver: 'sqlite', path: path.join(mkdtempSync(path.join(tmpdir(), 'sf-pull-nock-')), 'state.db') });
});

afterEach(() => {
  // Every interceptor a step set up was asked for: no page was skipped.
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

afterAll(async () => {
  await store?.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('Salesforce pull over documented REST payloads (nock)', () => {
  it('a first (full) pull follows nextRecordsUrl over three pages and stores every record once', async () => {
    login();
    query('query', isCount, { totalSize: 5, done: true, records: [] });
    query('query', isSelect, { totalSize: 5, done: false, nextRecordsUrl: `${BASE}/query/01gPULL0000001-2`, records: [account(ID.A, 'Alpha', '01:00'), account(ID.B, 'Beta', '02:00')] });
    more('01gPULL0000001-2', { totalSize: 5, done: false, nextRecordsUrl: `${BASE}/query/01gPULL0000001-4`, records: [account(ID.C, 'Gamma', '03:00'), account(ID.D, 'Delta', '04:00')] });
    more('01gPULL0000001-4', { totalSize: 5, done: true, records: [account(ID.E, 'Epsilon', '05:00')] });
    query('queryAll', isDeletedIds, NONE);

    const pulled = await pullPhase(deps(), { full: false, dryRun: false });

    expect(pulled.pulled).toBe(5);
    expect(pulled.stoppedForQuota).toBeNull();
    expect([...pulled.changedAccountIds].sort()).toEqual([ID.A, ID.B, ID.C, ID.D, ID.E]);
    expect(await names()).toEqual({ [ID.A]: 'Alpha', [ID.B]: 'Beta', [ID.C]: 'Gamma', [ID.D]: 'Delta', [ID.E]: 'Epsilon' });
    expect(await store.getWatermark('salesforce', 'account')).toBe(iso('05:00'));
    // A full pull reads every row (no SystemModstamp filter) in (SystemModstamp, Id) order.
    const select = soql.find((s) => s.resource === 'query' && isSelect(s.q))!;
    expect(select.q).not.toContain('WHERE');
    expect(select.q).toMatch(/ORDER BY SystemModstamp, Id$/);
  });

  it('an incremental pull over two pages, with a record changed while it pages: nothing skipped, nothing duplicated', async () => {
    soql.length = 0;
    login();
    // Since the last run C changed (03:00 → 06:00), F and G were created. The overlap window (10 min) re-reads E.
    query('query', isSelect, {
      totalSize: 4,
      done: false,
      nextRecordsUrl: `${BASE}/query/01gPULL0000002-2`,
      records: [account(ID.E, 'Epsilon', '05:00'), account(ID.C, 'Gamma Renamed', '06:00')],
    });
    // While the run reads page 2, someone edits C again (→ 09:00): the cursor still serves the snapshot the query
    // took, so the new version is not on this page; its newer stamp brings it with the next run.
    more('01gPULL0000002-2', { totalSize: 4, done: true, records: [account(ID.F, 'Phi', '07:00'), account(ID.G, 'Gimel', '08:00')] });
    query('queryAll', isDeletedIds, NONE);

    const pulled = await pullPhase(deps(), { full: false, dryRun: false });

    // The incremental SOQL asks from the watermark minus the overlap, in (SystemModstamp, Id) order.
    const select = soql.find((s) => s.resource === 'query')!;
    expect(select.q).toContain(`WHERE SystemModstamp >= ${iso('04:50')}`);
    expect(select.q).toMatch(/ORDER BY SystemModstamp, Id$/);
    expect(soql.find((s) => s.resource === 'queryAll')?.q).toBe(`SELECT Id FROM Account WHERE IsDeleted = true AND SystemModstamp >= ${iso('04:50')}`);
    // E came again through the overlap but is not new or changed: the store holds each account once.
    expect(pulled.pulled).toBe(4);
    expect([...pulled.changedAccountIds].sort()).toEqual([ID.C, ID.F, ID.G]);
    expect(Object.keys(await names())).toHaveLength(7);
    expect(await store.getWatermark('salesforce', 'account')).toBe(iso('08:00'));
    expect((await names())[ID.C]).toBe('Gamma Renamed');
  });

  it('the next run gets the change made during the last one, and drops the record deleted in Salesforce', async () => {
    soql.length = 0;
    login();
    query('query', isSelect, { totalSize: 2, done: true, records: [account(ID.G, 'Gimel', '08:00'), account(ID.C, 'Gamma Third', '09:00')] });
    // B went to the recycle bin at 09:30: queryAll returns it with IsDeleted = true.
    query('queryAll', isDeletedIds, { totalSize: 1, done: true, records: [{ attributes: { type: 'Account', url: `${BASE}/sobjects/Account/${ID.B}` }, Id: ID.B }] });

    const pulled = await pullPhase(deps(), { full: false, dryRun: false });

    expect(soql.find((s) => s.resource === 'query')?.q).toContain(`WHERE SystemModstamp >= ${iso('07:50')}`);
    expect([...pulled.changedAccountIds]).toEqual([ID.C]);
    expect(await store.getRecord('salesforce', 'account', ID.B)).toBeNull();
    expect(await names()).toEqual({ [ID.A]: 'Alpha', [ID.C]: 'Gamma Third', [ID.D]: 'Delta', [ID.E]: 'Epsilon', [ID.F]: 'Phi', [ID.G]: 'Gimel' });
    expect(await store.getWatermark('salesforce', 'account')).toBe(iso('09:00'));
  });
});
