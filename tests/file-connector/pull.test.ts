import { ConnectorError } from '../../src/connector/connector.js';
import { UNKNOWN_MODIFIED_AT } from '../../src/mapping/map-record.js';
import { ACCOUNT_HEADER, dataFolder, fileConnector, pullAll, type DataFolder } from './helpers.js';

let folder: DataFolder;
beforeEach(() => {
  folder = dataFolder();
});
afterEach(() => folder.remove());

/** Every kind of mess spreadsheets produce, one per row; line numbers in the comments are physical lines. */
const MESSY_ACCOUNTS = [
  '\uFEFF id , name ,website,industry,employees,annual_revenue,country,technologies,owner_id,is_customer,tier_override,funding_stage,modified_at,fit_score', // 1
  'A1,"Acme, Inc.",https://www.acme.com,Software,"1,200",$5000000,US,Salesforce;Snowflake,U1,yes,,Series B,3/1/2025,71', // 2
  '', // 3
  'A2,"Multi', // 4
  'line ""quoted"" name",beta.io,,  250  ,,DE,,U2,no,,,2025-02-01T10:00:00Z,', // 5
  '   ', // 6
  'A3,Gamma,gamma.com,,,,,,,,,,2025-01-15,', // 7
  'A4,Too,many,columns,1,2,3,4,5,6,7,8,9,10,11', // 8
  'A5,Bad Date,bad.com,,,,,,,,,,2/30/2025,', // 9
  'A6,Short row', // 10
  'A7,Epoch,epoch.com,,,,,,,,,,1735689600000,', // 11
].join('\r\n');

describe('file connector pull', () => {
  it('reads a messy CSV: BOM, quotes, embedded newlines, blank lines, CRLF, whitespace, US/ISO/epoch dates', async () => {
    folder.write('accounts.csv', MESSY_ACCOUNTS);
    const pages = await pullAll(fileConnector(folder.dir), 'account');
    expect(pages).toHaveLength(1);
    const [page] = pages;
    const byId = new Map(page?.records.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual(['A1', 'A2', 'A3', 'A7']);
    expect(byId.get('A1')).toMatchObject({ name: 'Acme, Inc.', domain: 'acme.com', employees: 1200, annualRevenue: 5_000_000, technologies: ['Salesforce', 'Snowflake'], isCustomer: true, modifiedAt: '2025-03-01T00:00:00.000Z', crmValues: { fitScore: '71' } });
    expect(byId.get('A2')).toMatchObject({ name: 'Multi\nline "quoted" name', domain: 'beta.io', employees: 250, industry: null, crmValues: { fitScore: null } });
    expect(byId.get('A7')?.modifiedAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('rejects only the malformed rows, each with file, physical line, field and reason', async () => {
    folder.write('accounts.csv', MESSY_ACCOUNTS);
    const [page] = await pullAll(fileConnector(folder.dir), 'account');
    expect(page?.rejects).toEqual([
      { location: 'accounts.csv line 8', reason: expect.stringContaining('accounts.csv line 8: expected 14 columns, found 15') as unknown },
      { location: 'accounts.csv line 9', field: 'modified_at', reason: expect.stringContaining('"2/30/2025"') as unknown },
      { location: 'accounts.csv line 10', reason: expect.stringContaining('expected 14 columns, found 2') as unknown },
    ]);
  });

  it('delivers records in ascending modifiedAt (ties by id) with a watermark that never passes an undelivered row', async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => {
      // File order is scrambled relative to time so pages in file order would be unsafe.
      const day = (i * 7919) % 2_500;
      const stamp = new Date(Date.UTC(2024, 0, 1) + Math.floor(day / 2) * 3_600_000).toISOString();
      return `ACC${String(i).padStart(4, '0')},Name ${i},,,,,,,,,,,${stamp},`;
    });
    folder.write('accounts.csv', [ACCOUNT_HEADER, ...rows].join('\n'));
    const pages = await pullAll(fileConnector(folder.dir), 'account');
    expect(pages.map((p) => p.records.length)).toEqual([1000, 1000, 500]);
    const all = pages.flatMap((p) => p.records);
    const sorted = [...all].sort((a, b) => (a.modifiedAt === b.modifiedAt ? (a.id < b.id ? -1 : 1) : a.modifiedAt < b.modifiedAt ? -1 : 1));
    expect(all.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
    for (const [i, page] of pages.entries()) {
      expect(page.watermark).toBe(page.records.at(-1)?.modifiedAt);
      const later = pages.slice(i + 1).flatMap((p) => p.records);
      expect(later.every((r) => r.modifiedAt >= (page.watermark ?? ''))).toBe(true);
    }
  });

  it('with since, returns only records modified at or after it, plus records without a stamp', async () => {
    folder.write(
      'accounts.csv',
      [ACCOUNT_HEADER, 'A1,Old,,,,,,,,,,,2025-01-01,', 'A2,Edge,,,,,,,,,,,2025-02-01T00:00:00Z,', 'A3,New,,,,,,,,,,,2025-03-01,', 'A4,Unstamped,,,,,,,,,,,,'].join('\n'),
    );
    const pages = await pullAll(fileConnector(folder.dir), 'account', '2025-02-01T00:00:00.000Z');
    expect(pages.flatMap((p) => p.records.map((r) => [r.id, r.modifiedAt]))).toEqual([
      ['A4', UNKNOWN_MODIFIED_AT],
      ['A2', '2025-02-01T00:00:00.000Z'],
      ['A3', '2025-03-01T00:00:00.000Z'],
    ]);
    expect(pages.at(-1)?.watermark).toBe('2025-03-01T00:00:00.000Z');
  });

  it('keeps the last of duplicated ids and reports the earlier one naming both lines', async () => {
    folder.write('accounts.csv', [ACCOUNT_HEADER, 'A1,First,,,,,,,,,,,2025-01-01,', 'A2,Other,,,,,,,,,,,2025-01-01,', 'A1,Second,,,,,,,,,,,2025-01-02,'].join('\n'));
    const [page] = await pullAll(fileConnector(folder.dir), 'account');
    expect(page?.records.map((r) => [r.id, r.name])).toEqual([
      ['A2', 'Other'],
      ['A1', 'Second'],
    ]);
    expect(page?.rejects).toEqual([{ location: 'accounts.csv line 2', field: 'id', reason: expect.stringMatching(/duplicate id "A1": line 2 and line 4 .*line 4 \(the later one\) is kept/) as unknown }]);
  });

  it('reads a JSON array of flat objects and reports items that are not objects', async () => {
    folder.write(
      'contacts.json',
      JSON.stringify([{ id: 1, account_id: 'A1', email: ' Jo@Acme.COM ', title: 'CTO', modified_at: '2025-01-05', persona_score: 80 }, 'oops', { id: 'C2', modified_at: 1735689600000 }]),
    );
    const [page] = await pullAll(fileConnector(folder.dir), 'contact');
    expect(page?.records).toEqual([
      expect.objectContaining({ id: 'C2', modifiedAt: '2025-01-01T00:00:00.000Z', email: null }),
      expect.objectContaining({ id: '1', accountId: 'A1', email: 'jo@acme.com', title: 'CTO', crmValues: expect.objectContaining({ personaScore: '80', personaName: null }) as unknown }),
    ]);
    expect(page?.rejects).toEqual([{ location: 'contacts.json item 2', reason: expect.stringContaining('expected an object') as unknown }]);
  });

  it('prefers CSV when both CSV and JSON exist', async () => {
    folder.write('contacts.csv', 'id,modified_at\nFROM_CSV,2025-01-01\n');
    folder.write('contacts.json', '[{"id":"FROM_JSON"}]');
    const [page] = await pullAll(fileConnector(folder.dir), 'contact');
    expect(page?.records.map((r) => r.id)).toEqual(['FROM_CSV']);
  });

  it('treats a missing contacts/opportunities/activities file as no records', async () => {
    const connector = fileConnector(folder.dir);
    expect(await pullAll(connector, 'contact')).toEqual([]);
    expect(await pullAll(connector, 'opportunity')).toEqual([]);
    expect(await pullAll(connector, 'activity')).toEqual([]);
  });

  it('fails clearly when the accounts file is missing, naming the path and how to point at the folder', async () => {
    const error = await pullAll(fileConnector(folder.dir), 'account').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as Error).message).toContain(`${folder.dir}/accounts.csv`);
    expect((error as Error).message).toMatch(/--data .*connectors\.file\.dataDir/);
  });

  it('reports an unclosed quote at the line where the quote opened, not at the end of the file', async () => {
    const rows = ['A0,"Has ""quotes"" inside",,,,,,,,,,,2025-01-01,', 'A1,"Acme,,,,,,,,,,,2025-01-01,', 'A3,Other,,,,,,,,,,,2025-01-01,', 'A4,Last,,,,,,,,,,,2025-01-01,'];
    folder.write('accounts.csv', `${ACCOUNT_HEADER}\n${rows.join('\n')}\n`);
    const error = await pullAll(fileConnector(folder.dir), 'account').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError & { info: { class: string } }).info.class).toBe('config');
    expect((error as Error).message).toMatch(/^accounts\.csv line 3: a quoted value opens here and is never closed.*Fix: add the closing quote/);
  });

  it('names the line of any other CSV syntax error', async () => {
    folder.write('accounts.csv', `${ACCOUNT_HEADER}\nA0,Fine,,,,,,,,,,,2025-01-01,\nA1,"Acme" Inc,,,,,,,,,,,2025-01-01,\n`);
    const error = await pullAll(fileConnector(folder.dir), 'account').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^accounts\.csv line 3: cannot be read as CSV: Invalid Closing Quote.*Fix: /);
  });

  it('points at the line where a quote opened when the next quote in the file is what breaks', async () => {
    const rows = ['A1,"Acme,,,,,,,,,,,2025-01-01,', 'A2,Beta,,,,,,,,,,,2025-01-01,', 'A3,"Has ""quotes"" inside",,,,,,,,,,,2025-01-01,'];
    folder.write('accounts.csv', `${ACCOUNT_HEADER}\n${rows.join('\n')}\n`);
    const error = await pullAll(fileConnector(folder.dir), 'account').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^accounts\.csv line 2: a quoted value opens here and is not closed before line 4.*Fix: add the closing quote/);
  });

  it('names the line of a JSON syntax error', async () => {
    folder.write('contacts.json', '[\n  {"id": "C1"},\n  {"id": C2}\n]\n');
    const error = await pullAll(fileConnector(folder.dir), 'contact').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^contacts\.json line 3: not valid JSON/);
  });

  it('refuses an accounts file with no rows: every contact would be skipped without a word', async () => {
    folder.write('accounts.csv', `${ACCOUNT_HEADER}\n`);
    const error = await pullAll(fileConnector(folder.dir), 'account').catch((e: unknown) => e);
    expect((error as ConnectorError & { info: { code: string } }).info.code).toBe('EMPTY_ACCOUNTS');
    expect((error as Error).message).toMatch(/^accounts\.csv has a header but no rows.*Fix: .*allowEmptyAccounts: true/);
    const allowed = fileConnector(folder.dir, {}, undefined, { allowEmptyAccounts: true });
    expect(await pullAll(allowed, 'account')).toEqual([]);
  });

  it('keeps line numbers physical after a quoted cell spanning lines, blank ones included', async () => {
    folder.write('contacts.csv', ['id,title,modified_at', 'C1,"Head of', '', 'Data",2025-01-01', '', 'C2,CTO,someday', 'C3,VP,2025-01-02'].join('\n'));
    const [page] = await pullAll(fileConnector(folder.dir), 'contact');
    expect(page?.records.map((r) => [r.id, r.title])).toEqual([
      ['C1', 'Head of\n\nData'],
      ['C3', 'VP'],
    ]);
    expect(page?.rejects.map((r) => r.location)).toEqual(['contacts.csv line 6']);
  });

  it('rejects rows of an activity file whose type is not mapped, listing the allowed values', async () => {
    folder.write('activities.csv', 'id,type,occurred_at,account_id,contact_id,url,topic,subject\nX1,Web Visit,2025-01-01,A1,,/home,,\nX2,Fax,2025-01-02,A1,,,,\n');
    const [page] = await pullAll(fileConnector(folder.dir), 'activity');
    expect(page?.records).toEqual([expect.objectContaining({ id: 'X1', type: 'web_visit', detail: { url: '/home' } })]);
    expect(page?.rejects).toEqual([{ location: 'activities.csv line 3', field: 'type', reason: expect.stringContaining('email open, email click') as unknown }]);
  });
});
