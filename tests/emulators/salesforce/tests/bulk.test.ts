/** Bulk API 2.0 over real HTTP: query jobs with locator pages, ingest jobs with per-row results, job progress. */
import { API_VERSION, connect, OUTPUT_FIELDS, withEmulator, type Connection } from './helpers.js';
import type { Org, SalesforceEmulator } from '../index.js';

function accounts(org: Org, count: number): string[] {
  return Array.from({ length: count }, (_, i) => org.insert('Account', { Name: `Bulk ${String(i).padStart(2, '0')}`, Industry: i === 0 ? null : 'Technology' }));
}

async function raw(emulator: SalesforceEmulator, conn: Connection, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${emulator.url}/services/data/v${API_VERSION}${path}`, { ...init, headers: { Authorization: `Bearer ${conn.accessToken ?? ''}`, ...(init.headers as Record<string, string>) } });
}

async function jsonOf<T>(response: Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

test('jsforce bulk2.query reads a single-page result as string values', async () => {
  await withEmulator({ org: { setup: (org) => accounts(org, 3) } }, async (emulator) => {
    const conn = await connect(emulator);
    conn.bulk2.pollInterval = 5;
    const rows = (await (await conn.bulk2.query('SELECT Id, Name, Industry, CreatedDate FROM Account ORDER BY Name')).toArray()) as Record<string, string>[];
    expect(rows.map((r) => [r['Name'], r['Industry']])).toEqual([['Bulk 00', ''], ['Bulk 01', 'Technology'], ['Bulk 02', 'Technology']]);
    expect(rows[0]?.['CreatedDate']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(emulator.calls.byEndpoint()).toMatchObject({ 'POST bulk/query': 1, 'GET bulk/query': 2, 'GET bulk/query/results': 1 });
  });
});

test('query results span several locator pages with Sforce-Locator and Sforce-NumberOfRecords; a job reports progress', async () => {
  await withEmulator({ bulk: { pollsToComplete: 2 }, org: { setup: (org) => accounts(org, 7) } }, async (emulator) => {
    const conn = await connect(emulator);
    const job = await jsonOf<{ id: string; state: string; jobType?: string }>(raw(emulator, conn, '/jobs/query', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ operation: 'query', query: 'SELECT Name, Owner.Username FROM Account ORDER BY Name' }) }));
    expect(job).toMatchObject({ id: expect.stringMatching(/^750\w{15}$/), state: 'UploadComplete' });
    const states = [];
    for (let i = 0; i < 2; i += 1) states.push((await jsonOf<{ state: string }>(raw(emulator, conn, `/jobs/query/${job.id}`))).state);
    expect(states).toEqual(['InProgress', 'JobComplete']);
    const pages: { locator: string | null; count: string | null; body: string }[] = [];
    let locator: string | null = null;
    do {
      const response = await raw(emulator, conn, `/jobs/query/${job.id}/results?maxRecords=3${locator === null ? '' : `&locator=${locator}`}`, { headers: { Accept: 'text/csv' } });
      expect(response.headers.get('content-type')).toBe('text/csv');
      locator = response.headers.get('sforce-locator');
      pages.push({ locator, count: response.headers.get('sforce-numberofrecords'), body: await response.text() });
    } while (locator !== 'null');
    expect(pages.map((p) => p.count)).toEqual(['3', '3', '1']);
    expect(pages[0]?.body.split('\n')[0]).toBe('"Name","Owner.Username"');
    expect(pages[2]?.body).toBe('"Name","Owner.Username"\n"Bulk 06","integration@scoresync.test"\n');
  });
});

test('an ingest job writes what it can and reports each failed row with sf__Error; #N/A sets null', async () => {
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, setup: (org) => accounts(org, 4) } }, async (emulator) => {
    const ids = emulator.org.list('Account').map((a) => String(a['Id']));
    emulator.org.update('Account', ids[3] as string, { ScoreSync_Reasons__c: 'stale' });
    emulator.setFaultPlan({ faults: [{ kind: 'lockRows', on: { method: 'PATCH', endpoint: 'bulk/ingest' }, recordIds: [(ids[2] as string).slice(0, 15)] }] });
    const conn = await connect(emulator);
    conn.bulk2.pollInterval = 5;
    const result = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'update',
      input: [
        // jsforce takes the CSV columns from the first record's keys: every record names every field.
        { Id: ids[0], ScoreSync_Fit__c: 80, ScoreSync_Tier__c: 'Tier 1', ScoreSync_Reasons__c: 'fit' },
        { Id: ids[1], ScoreSync_Fit__c: 10, ScoreSync_Tier__c: 'Gold', ScoreSync_Reasons__c: 'x' },
        { Id: ids[2], ScoreSync_Fit__c: 30, ScoreSync_Tier__c: 'Tier 3', ScoreSync_Reasons__c: 'y' },
        { Id: ids[3], ScoreSync_Fit__c: 40, ScoreSync_Tier__c: 'Tier 2', ScoreSync_Reasons__c: null },
      ] as never[],
    });
    expect(result.successfulResults.map((r) => [r.sf__Id, r.sf__Created])).toEqual([[ids[0], 'false'], [ids[3], 'false']]);
    expect(result.failedResults.map((r) => [r.sf__Id, String(r.sf__Error)])).toEqual([
      [ids[1], 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Tier: bad value for restricted picklist field: Gold:ScoreSync_Tier__c --'],
      [ids[2], 'UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record: --'],
    ]);
    expect(emulator.org.get('Account', ids[3] as string)).toMatchObject({ ScoreSync_Fit__c: 40, ScoreSync_Reasons__c: null });
    expect(emulator.org.get('Account', ids[2] as string)?.['ScoreSync_Fit__c']).toBe(null);
    expect(emulator.org.writes({ via: 'bulk' })).toHaveLength(2);
  });
});

test('jsforce builds the ingest CSV header from the first record only: a field missing there is dropped from every row', async () => {
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, setup: (org) => accounts(org, 2) } }, async (emulator) => {
    const ids = emulator.org.list('Account').map((a) => String(a['Id']));
    const conn = await connect(emulator);
    conn.bulk2.pollInterval = 5;
    await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'update', input: [{ Id: ids[0], ScoreSync_Fit__c: 1 }, { Id: ids[1], ScoreSync_Fit__c: 2, ScoreSync_Reasons__c: 'lost' }] as never[] });
    expect(emulator.org.writes({ via: 'bulk' }).map((w) => w.fields)).toEqual([{ ScoreSync_Fit__c: 1 }, { ScoreSync_Fit__c: 2 }]);
  });
});

test('an unknown column fails the whole ingest job; an aborted job leaves its rows unprocessed', async () => {
  await withEmulator({ bulk: { pollsToComplete: 1 }, org: { setup: (org) => accounts(org, 1) } }, async (emulator) => {
    const conn = await connect(emulator);
    const open = async (): Promise<string> => (await jsonOf<{ id: string }>(raw(emulator, conn, '/jobs/ingest', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ object: 'Account', operation: 'insert' }) }))).id;
    const upload = (id: string, csv: string): Promise<Response> => raw(emulator, conn, `/jobs/ingest/${id}/batches`, { method: 'PUT', headers: { 'Content-Type': 'text/csv' }, body: csv });
    const setState = (id: string, state: string): Promise<{ state: string }> => jsonOf(raw(emulator, conn, `/jobs/ingest/${id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ state }) }));

    const failing = await open();
    expect((await upload(failing, 'Name,Nope__c\nX,1\n')).status).toBe(201);
    await setState(failing, 'UploadComplete');
    expect(await jsonOf(raw(emulator, conn, `/jobs/ingest/${failing}`))).toMatchObject({ state: 'Failed', errorMessage: 'InvalidBatch : Field name not found : Nope__c', jobType: 'V2Ingest' });

    const aborted = await open();
    await upload(aborted, 'Name\nKept out\n');
    expect((await setState(aborted, 'Aborted')).state).toBe('Aborted');
    expect(await (await raw(emulator, conn, `/jobs/ingest/${aborted}/unprocessedrecords`)).text()).toBe('"Name"\n"Kept out"\n');
    expect(emulator.org.count('Account')).toBe(1);
  });
});
