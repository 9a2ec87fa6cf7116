/** REST query over real HTTP with jsforce: pages, nextRecordsUrl, maxFetch, queryAll, the SOQL subset and its errors. */
import { API_VERSION, connect, FIXED_NOW, OUTPUT_FIELDS, withEmulator } from './helpers.js';
import type { Org } from '../index.js';

function seedAccounts(org: Org, count: number): void {
  for (let i = 1; i <= count; i += 1) {
    const stamp = new Date(Date.UTC(2026, 0, 1, 0, 0, i % 4)).toISOString();
    org.insert('Account', { Name: `Account ${String(i).padStart(2, '0')}`, Industry: i % 3 === 0 ? null : 'Technology', NumberOfEmployees: i * 10, SystemModstamp: stamp, LastModifiedDate: stamp, CreatedDate: stamp });
  }
}

test('a query larger than a page arrives in pages linked by nextRecordsUrl, and autoFetch collects all of them', async () => {
  await withEmulator({ pageSize: 5, org: { setup: (org) => seedAccounts(org, 12) } }, async (emulator) => {
    const conn = await connect(emulator);
    const first = await conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Account ORDER BY Name');
    expect(first).toMatchObject({ totalSize: 12, done: false });
    expect(first.records).toHaveLength(5);
    // jsforce hands back an absolute URL rebuilt from the locator; the wire carries the documented relative one.
    expect(first.nextRecordsUrl).toMatch(new RegExp(`^${emulator.url}/services/data/v${API_VERSION}/query/01g\\w{15}-5$`));
    const raw = await conn.request<{ nextRecordsUrl: string }>(`/query?q=${encodeURIComponent('SELECT Id FROM Account')}`);
    expect(raw.nextRecordsUrl).toMatch(new RegExp(`^/services/data/v${API_VERSION}/query/01g\\w{15}-5$`));
    const second = await conn.queryMore(first.nextRecordsUrl as string);
    expect(second.records.map((r) => r.Name)).toEqual(['Account 06', 'Account 07', 'Account 08', 'Account 09', 'Account 10']);

    emulator.resetCalls();
    const all = await conn.query<{ Name: string }>('SELECT Name FROM Account ORDER BY Name').run({ autoFetch: true, maxFetch: 1000 });
    expect(all.done).toBe(true);
    expect(all.records.map((r) => r.Name)).toEqual(Array.from({ length: 12 }, (_, i) => `Account ${String(i + 1).padStart(2, '0')}`));
    expect(emulator.calls.byEndpoint()).toEqual({ 'GET query': 1, 'GET query/more': 2 });
  });
});

test('maxFetch below the total stops early with done=false — the silent truncation a connector must detect', async () => {
  await withEmulator({ pageSize: 5, org: { setup: (org) => seedAccounts(org, 12) } }, async (emulator) => {
    const conn = await connect(emulator);
    const partial = await conn.query('SELECT Id FROM Account').run({ autoFetch: true, maxFetch: 7 });
    expect(partial.done).toBe(false);
    expect(partial.records.length).toBeLessThan(12);
    expect(partial.totalSize).toBe(12);
  });
});

test('Sforce-Query-Options batchSize is honoured within 200..2000', async () => {
  await withEmulator({ org: { setup: (org) => seedAccounts(org, 450) } }, async (emulator) => {
    const conn = await connect(emulator);
    const page = await conn.request<{ records: unknown[]; done: boolean }>({ method: 'GET', url: `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`, headers: { 'Sforce-Query-Options': 'batchSize=200' } });
    expect(page.records).toHaveLength(200);
    expect(page.done).toBe(false);
    const tiny = await conn.request<{ records: unknown[] }>({ method: 'GET', url: `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`, headers: { 'Sforce-Query-Options': 'batchSize=10' } });
    expect(tiny.records).toHaveLength(200);
  });
});

test('deleted records are invisible to query and visible with IsDeleted through queryAll (scanAll)', async () => {
  await withEmulator({ org: { setup: (org) => seedAccounts(org, 3) } }, async (emulator) => {
    const [gone] = emulator.org.list('Account');
    emulator.org.delete('Account', String(gone?.['Id']));
    const conn = await connect(emulator);
    const live = await conn.query('SELECT Id FROM Account');
    expect(live.totalSize).toBe(2);
    const deletedOnly = await conn.query<{ Id: string; IsDeleted: boolean }>('SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true', { scanAll: true });
    expect(deletedOnly.records).toEqual([expect.objectContaining({ Id: gone?.['Id'], IsDeleted: true })]);
    expect((await conn.query('SELECT Id FROM Account WHERE IsDeleted = true')).totalSize).toBe(0);
    expect(emulator.calls.count('GET queryAll')).toBe(1);
  });
});

test('the incremental pattern: SystemModstamp > a date-time literal, ordered by (SystemModstamp, Id), datetimes in +0000 form', async () => {
  await withEmulator({ org: { setup: (org) => seedAccounts(org, 8) } }, async (emulator) => {
    const conn = await connect(emulator);
    const res = await conn.query<{ Id: string; SystemModstamp: string }>('SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp > 2026-01-01T00:00:01Z ORDER BY SystemModstamp, Id');
    const stamps = res.records.map((r) => r.SystemModstamp);
    expect(stamps.every((s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/.test(s))).toBe(true);
    expect(stamps.every((s) => s > '2026-01-01T00:00:01')).toBe(true);
    expect(res.records.map((r) => `${r.SystemModstamp}|${r.Id}`)).toEqual(res.records.map((r) => `${r.SystemModstamp}|${r.Id}`).sort());
    expect(res.totalSize).toBe(4);
  });
});

test('WHERE with AND/OR/NOT, parentheses, IN, LIKE, NULL, numbers, and ORDER BY several fields with NULLS LAST', async () => {
  await withEmulator({ org: { setup: (org) => seedAccounts(org, 9) } }, async (emulator) => {
    const conn = await connect(emulator);
    const names = async (soql: string): Promise<string[]> => (await conn.query<{ Name: string }>(soql)).records.map((r) => r.Name);
    expect(await names("SELECT Name FROM Account WHERE (Industry = 'technology' OR NumberOfEmployees >= 90) AND NOT Name IN ('Account 01', 'Account 02') ORDER BY Name DESC LIMIT 3")).toEqual(['Account 09', 'Account 08', 'Account 07']);
    expect(await names("SELECT Name FROM Account WHERE Name LIKE 'account 0_' AND Industry = null ORDER BY Name")).toEqual(['Account 03', 'Account 06', 'Account 09']);
    expect(await names('SELECT Name FROM Account WHERE Industry != null AND NumberOfEmployees < 30 ORDER BY Name')).toEqual(['Account 01', 'Account 02']);
    expect(await names('SELECT Name FROM Account ORDER BY Industry NULLS LAST, NumberOfEmployees DESC LIMIT 2')).toEqual(['Account 08', 'Account 07']);
    expect((await conn.query('SELECT COUNT() FROM Account WHERE NumberOfEmployees > 40')).totalSize).toBe(5);
  });
});

test('relationship fields come back as nested parent records', async () => {
  await withEmulator({ org: { setup: (org) => seedAccounts(org, 1) } }, async (emulator) => {
    const accountId = String(emulator.org.list('Account')[0]?.['Id']);
    emulator.org.insert('Contact', { LastName: 'Orphan' });
    emulator.org.insert('Contact', { LastName: 'Child', AccountId: accountId });
    const conn = await connect(emulator);
    const res = await conn.query<Record<string, unknown>>('SELECT LastName, Account.Name, Owner.Username FROM Contact ORDER BY LastName');
    expect(res.records[0]).toMatchObject({ LastName: 'Child', Account: { attributes: { type: 'Account' }, Name: 'Account 01' }, Owner: { Username: 'integration@scoresync.test' } });
    expect(res.records[1]).toMatchObject({ LastName: 'Orphan', Account: null });
  });
});

test('a polymorphic WhoId reads Who.Type; relative date literals follow the emulator clock', async () => {
  await withEmulator({ clock: () => FIXED_NOW, org: { setup: (org) => {
    const lead = org.insert('Lead', { LastName: 'Lee', Company: 'Acme' });
    org.insert('Task', { Subject: 'recent', WhoId: lead, ActivityDate: '2026-11-18' });
    org.insert('Task', { Subject: 'old', ActivityDate: '2026-01-02' });
  } } }, async (emulator) => {
    const conn = await connect(emulator);
    const res = await conn.query<Record<string, unknown>>('SELECT Subject, Who.Type FROM Task WHERE ActivityDate = LAST_N_DAYS:7');
    expect(res.records).toEqual([expect.objectContaining({ Subject: 'recent', Who: expect.objectContaining({ Type: 'Lead' }) })]);
  });
});

test('malformed queries, unknown fields and objects, and mistyped filter values get the real error bodies', async () => {
  await withEmulator({ org: { customFields: [{ ...OUTPUT_FIELDS[0], access: 'none' }] } }, async (emulator) => {
    const conn = await connect(emulator);
    const failure = async (soql: string): Promise<{ errorCode: string; message: string }> => {
      const error = await conn.query(soql).then(() => null, (e: unknown) => e as { errorCode: string; message: string });
      if (error === null) throw new Error(`expected ${soql} to fail`);
      return error;
    };
    expect(await failure('SELECT Id FRM Account')).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: expect.stringContaining('ERROR at Row:1:Column:11') });
    expect(await failure('SELECT Nope__c FROM Account')).toMatchObject({ errorCode: 'INVALID_FIELD', message: expect.stringContaining("No such column 'Nope__c' on entity 'Account'") });
    expect(await failure('SELECT ScoreSync_Fit__c FROM Account')).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(await failure('SELECT Id FROM Acount')).toMatchObject({ errorCode: 'INVALID_TYPE' });
    expect(await failure("SELECT Id FROM Account WHERE SystemModstamp > '2026-01-01T00:00:00Z'")).toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR', message: expect.stringContaining("must be of type dateTime and should not be enclosed in quotes") });
    expect(await failure("SELECT Id FROM Account WHERE Id = 'not-an-id'")).toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR' });
    expect(await failure("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'")).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(await failure("SELECT Id FROM Account WHERE Name = 'bad \\q escape'")).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(await failure("SELECT Id FROM Account WHERE Description = 'x'")).toMatchObject({ errorCode: 'INVALID_FIELD', message: expect.stringContaining('can not be filtered') });
    expect(await failure('SELECT Id, Id FROM Account')).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: expect.stringContaining('duplicate field selected') });
  });
});

test('a query locator expires when left unused past its lifetime', async () => {
  let now = FIXED_NOW;
  await withEmulator({ pageSize: 2, clock: () => now, queryLocatorTtlMs: 60_000, org: { setup: (org) => seedAccounts(org, 5) } }, async (emulator) => {
    const conn = await connect(emulator);
    const first = await conn.query('SELECT Id FROM Account');
    now += 61_000;
    await expect(conn.queryMore(first.nextRecordsUrl as string)).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
  });
});

test('a parent-to-child subquery returns each parent with its children as a nested query result (null when none)', async () => {
  await withEmulator({ org: { setup: (org) => {
    const account = org.insert('Account', { Name: 'Acme' });
    const ann = org.insert('Contact', { LastName: 'Ann', AccountId: account });
    const bob = org.insert('Contact', { LastName: 'Bob', AccountId: account });
    const won = org.insert('Opportunity', { Name: 'Won', StageName: 'Closed Won', CloseDate: '2026-10-01', AccountId: account });
    org.insert('Opportunity', { Name: 'Empty', StageName: 'Prospecting', CloseDate: '2026-12-01', AccountId: account });
    org.insert('OpportunityContactRole', { OpportunityId: won, ContactId: bob, Role: 'Evaluator' });
    org.insert('OpportunityContactRole', { OpportunityId: won, ContactId: ann, Role: 'Decision Maker', IsPrimary: true });
  } } }, async (emulator) => {
    const conn = await connect(emulator);
    const res = await conn.query<Record<string, unknown>>("SELECT Name, IsWon, (SELECT Contact.LastName, Role FROM OpportunityContactRoles WHERE Role != null ORDER BY Contact.LastName) FROM Opportunity ORDER BY Name").run({ autoFetch: true, maxFetch: 100 });
    expect(res.records[0]).toMatchObject({ Name: 'Empty', OpportunityContactRoles: null });
    expect(res.records[1]).toMatchObject({ Name: 'Won', IsWon: true, OpportunityContactRoles: { totalSize: 2, done: true, records: [
      expect.objectContaining({ Role: 'Decision Maker', Contact: expect.objectContaining({ LastName: 'Ann' }) }),
      expect.objectContaining({ Role: 'Evaluator', Contact: expect.objectContaining({ LastName: 'Bob' }) }),
    ] } });
    const describe = await conn.describe('Opportunity');
    expect(describe.childRelationships).toEqual(expect.arrayContaining([expect.objectContaining({ relationshipName: 'OpportunityContactRoles', childSObject: 'OpportunityContactRole', field: 'OpportunityId' })]));
    await expect(conn.query('SELECT Id, (SELECT Id FROM Nope) FROM Opportunity')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
  });
});
