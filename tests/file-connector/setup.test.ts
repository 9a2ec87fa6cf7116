import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createFileConnector } from '../../connectors/file/index.js';
import { ConnectorError } from '../../src/connector/connector.js';
import { silentLogger } from '../../src/log/logger.js';
import { dataFolder, fileConnector, pullAll, type DataFolder } from './helpers.js';
import { loadFileMapping } from './file-mapping.js';

let folder: DataFolder;
beforeEach(() => {
  folder = dataFolder();
});
afterEach(() => folder.remove());

const ACCOUNT_INPUTS = 'id,name,website,industry,employees,annual_revenue,country,technologies,owner_id,is_customer,tier_override,funding_stage,modified_at';
const ACCOUNT_OUTPUTS = Object.values(loadFileMapping().objects.account?.outputs ?? {}).map((o) => o.field);

describe('file connector validateMapping', () => {
  it('reports missing input columns as errors and missing output columns as fixable by setup', async () => {
    folder.write('accounts.csv', `${ACCOUNT_INPUTS.replace(',industry', '')},fit_score\nA1,Acme,,,,,,,,,,2025-01-01,\n`);
    folder.write('contacts.csv', 'id,account_id,email,first_name,last_name,title,department,seniority,owner_id,modified_at,persona,persona_score,persona_grade,engagement_score\n');
    const issues = await fileConnector(folder.dir).validateMapping();
    expect(issues.filter((i) => i.role === 'input')).toEqual([
      { object: 'accounts', field: 'industry', role: 'input', problem: expect.stringContaining('column "industry" (mapped to industry) is not in accounts.csv') as unknown, fix: expect.stringContaining('rename the column') as unknown },
    ]);
    const outputIssues = issues.filter((i) => i.role === 'output');
    expect(outputIssues.every((i) => i.fix.includes('scoresync setup'))).toBe(true);
    expect(outputIssues.map((i) => i.field).sort()).toEqual(ACCOUNT_OUTPUTS.filter((f) => f !== 'fit_score').sort());
  });

  it('reports a missing accounts file and an unreadable file, but not missing optional files', async () => {
    folder.write('contacts.json', '{ not json');
    const issues = await fileConnector(folder.dir).validateMapping();
    expect(issues).toEqual([
      { object: 'accounts', field: '(file)', role: 'input', problem: expect.stringContaining('no accounts.csv or accounts.json') as unknown, fix: expect.stringContaining('--data') as unknown },
      { object: 'contacts', field: '(file)', role: 'input', problem: expect.stringContaining('contacts.json line 1: not valid JSON') as unknown, fix: expect.any(String) as unknown },
    ]);
  });

  it('checks a CSV by its header alone: a data file is not read whole at the start of every run', async () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `A${i},Acme ${i},,,,,,,,,,,2025-01-01`).join('\n');
    // The body breaks off inside a quote near the end: only a full read would notice (pull does, with the line).
    folder.write('accounts.csv', `${ACCOUNT_INPUTS}\n${body}\nA-last,"never closed,,,,,,,,,,,2025-01-01\n`);
    const connector = fileConnector(folder.dir);
    const issues = await connector.validateMapping();
    expect(issues.filter((i) => i.role === 'input')).toEqual([]);
    expect(connector.usage().calls).toBe(1);
    await expect(pullAll(connector, 'account')).rejects.toThrow(/^accounts\.csv line 20002: a quoted value opens here and is never closed/);
  });

  it('reports a header that is still open at the end of the file, and an empty file, as input problems', async () => {
    folder.write('accounts.csv', 'id,"name,modified_at\n');
    folder.write('contacts.csv', '');
    const issues = await fileConnector(folder.dir).validateMapping();
    expect(issues).toEqual([
      { object: 'accounts', field: '(file)', role: 'input', problem: expect.stringMatching(/^accounts\.csv line 1: a quoted value opens here/) as unknown, fix: expect.any(String) as unknown },
      { object: 'contacts', field: '(file)', role: 'input', problem: 'contacts.csv is empty (not even a header line)', fix: expect.stringContaining('export contacts.csv again') as unknown },
    ]);
  });
});

describe('file connector setupOutputs', () => {
  it('lists what it would add on a dry run without touching the file, then adds empty columns', async () => {
    const original = `${ACCOUNT_INPUTS},fit_score\nA1,Acme,,,,,,,,,,,2025-01-01,12\n`;
    folder.write('accounts.csv', original);
    const connector = fileConnector(folder.dir);

    const planned = await connector.setupOutputs({ dryRun: true });
    expect(planned.find((a) => a.field === 'fit_score')).toEqual({ object: 'accounts', field: 'fit_score', action: 'exists', detail: 'column fit_score is in accounts.csv' });
    expect(planned.filter((a) => a.action === 'create').map((a) => a.field)).toEqual(ACCOUNT_OUTPUTS.filter((f) => f !== 'fit_score'));
    expect(readFileSync(path.join(folder.dir, 'accounts.csv'), 'utf8')).toBe(original);

    const done = await connector.setupOutputs({ dryRun: false });
    expect(done.filter((a) => a.action === 'created').map((a) => a.field)).toEqual(ACCOUNT_OUTPUTS.filter((f) => f !== 'fit_score'));
    const [header, row] = readFileSync(path.join(folder.dir, 'accounts.csv'), 'utf8').split('\n');
    expect(header).toBe([ACCOUNT_INPUTS, 'fit_score', ...ACCOUNT_OUTPUTS.filter((f) => f !== 'fit_score')].join(','));
    expect(row).toBe(`A1,Acme,,,,,,,,,,,2025-01-01,12${','.repeat(ACCOUNT_OUTPUTS.length - 1)}`);

    const again = await connector.setupOutputs({ dryRun: false });
    expect(again.every((a) => a.action === 'exists')).toBe(true);
    expect(await connector.validateMapping()).toEqual([]);
  });

  it('adds contact output columns to a JSON contacts file', async () => {
    folder.write('accounts.csv', `${ACCOUNT_INPUTS}\n`);
    folder.write('contacts.json', JSON.stringify([{ id: 'C1', email: 'a@b.co' }]));
    await fileConnector(folder.dir).setupOutputs({ dryRun: false });
    expect(JSON.parse(readFileSync(path.join(folder.dir, 'contacts.json'), 'utf8'))).toEqual([
      { id: 'C1', email: 'a@b.co', persona: null, persona_score: null, persona_grade: null, engagement_score: null },
    ]);
  });
});

describe('file connector and leads', () => {
  const LEAD_INPUTS = 'id,first_name,last_name,email,title,department,seniority,owner_id,company,website,industry,employees,annual_revenue,country,is_converted,converted_contact_id,converted_account_id,modified_at';
  const LEAD_OUTPUTS = Object.values(loadFileMapping().objects.lead?.outputs ?? {}).map((o) => o.field);

  it('pulls leads from leads.csv, with the website as a bare domain and conversion links', async () => {
    folder.write('leads.csv', `${LEAD_INPUTS}\nL1,Ann,Lee,Ann@Acme.com,CTO,,,U1,"Acme, Inc.",https://www.acme.com/about,Software,"1,200",,US,yes,C9,A9,2025-01-02\n`);
    const [page] = await pullAll(fileConnector(folder.dir), 'lead');
    expect(page?.rejects).toEqual([]);
    expect(page?.records).toEqual([
      {
        id: 'L1', source: 'file', email: 'ann@acme.com', firstName: 'Ann', lastName: 'Lee', title: 'CTO', department: null, seniority: null,
        ownerId: 'U1', company: 'Acme, Inc.', website: 'acme.com', industry: 'Software', employees: 1200, annualRevenue: null, country: 'US',
        isConverted: true, convertedContactId: 'C9', convertedAccountId: 'A9', features: {}, modifiedAt: '2025-01-02T00:00:00.000Z',
        crmValues: Object.fromEntries(Object.keys(loadFileMapping().objects.lead?.outputs ?? {}).map((o) => [o, null])),
      },
    ]);
  });

  it('has no leads without leads.csv, and validate does not ask for one', async () => {
    folder.write('accounts.csv', `${ACCOUNT_INPUTS}\n`);
    expect(await pullAll(fileConnector(folder.dir), 'lead')).toEqual([]);
    expect((await fileConnector(folder.dir).validateMapping()).filter((i) => i.object === 'leads')).toEqual([]);
  });

  it('writes lead outputs into leads.csv and setup adds their columns', async () => {
    folder.write('accounts.csv', `${ACCOUNT_INPUTS}\n`);
    folder.write('leads.csv', `${LEAD_INPUTS}\nL1,,,,,,,,,,,,,,false,,,2025-01-02\n`);
    const connector = fileConnector(folder.dir);
    const added = await connector.setupOutputs({ dryRun: false });
    expect(added.filter((a) => a.object === 'leads' && a.action === 'created').map((a) => a.field)).toEqual(LEAD_OUTPUTS);
    const outcome = await connector.writeFields('lead', [
      { kind: 'lead', recordId: 'L1', priority: 5, changes: [{ output: 'matchReason', crmField: 'match_reason', oldValue: null, newValue: 'email domain acme.com' }] },
    ]);
    expect(outcome).toEqual([{ recordId: 'L1', ok: true }]);
    const [header, row] = readFileSync(path.join(folder.dir, 'leads.csv'), 'utf8').split('\n');
    expect(header).toBe([LEAD_INPUTS, ...LEAD_OUTPUTS].join(','));
    expect(row?.split(',')[header!.split(',').indexOf('match_reason')]).toBe('email domain acme.com');
  });
});

describe('file connector check, usage and settings', () => {
  it('check passes for a readable folder and names the fix when the folder or accounts file is missing', async () => {
    await expect(fileConnector(path.join(folder.dir, 'nope')).check()).rejects.toThrow(/does not exist\. Fix: pass --data/);
    await expect(fileConnector(folder.dir).check()).rejects.toThrow(/No accounts file/);
    folder.write('accounts.csv', `${ACCOUNT_INPUTS}\n`);
    await expect(fileConnector(folder.dir).check()).resolves.toBeUndefined();
  });

  it('counts file reads and writes as calls, with no limit', async () => {
    folder.write('accounts.csv', `${ACCOUNT_INPUTS}\nA1,Acme,,,,,,,,,,,2025-01-01\n`);
    const connector = fileConnector(folder.dir);
    expect(connector.usage()).toEqual({ calls: 0, limit: null, remaining: null });
    await pullAll(connector, 'account');
    await pullAll(connector, 'contact');
    await connector.writeFields('account', [{ kind: 'account', recordId: 'A1', priority: 1, changes: [{ output: 'tier', crmField: 'tier', oldValue: null, newValue: 'Tier 2' }] }]);
    expect(connector.usage()).toEqual({ calls: 3, limit: null, remaining: null });
    await expect(connector.close()).resolves.toBeUndefined();
  });

  it('refuses to start without a data folder setting', () => {
    expect(() => createFileConnector({ mapping: loadFileMapping(), settings: {}, logger: silentLogger() })).toThrow(ConnectorError);
    expect(() => createFileConnector({ mapping: loadFileMapping(), settings: {}, logger: silentLogger() })).toThrow(/--data <folder> or set connectors\.file\.dataDir/);
  });
});
