/** API usage: Sforce-Limit-Info on every REST response, the limits resource, and the daily limit running out. */
import { connect, withEmulator } from './helpers.js';

test('every REST response carries Sforce-Limit-Info, which jsforce parses into conn.limitInfo', async () => {
  await withEmulator({ dailyLimit: 500, apiUsed: 17 }, async (emulator) => {
    const conn = await connect(emulator);
    await conn.query('SELECT Id FROM Account');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 18, limit: 500 } });
    await conn.describe('Account');
    expect(conn.limitInfo.apiUsage).toEqual({ used: 19, limit: 500 });
    const limits = (await conn.limits()) as unknown as Record<string, { Max: number; Remaining: number }>;
    expect(limits['DailyApiRequests']).toEqual({ Max: 500, Remaining: 480 });
    expect(emulator.apiUsage()).toEqual({ used: 20, max: 500 });
    expect(emulator.calls.count({ apiOnly: true })).toBe(3);
    expect(emulator.calls.count('oauth2/token')).toBe(1);
  });
});

test('when the daily limit is spent every call answers 403 REQUEST_LIMIT_EXCEEDED, which jsforce does not retry', async () => {
  await withEmulator({ dailyLimit: 3 }, async (emulator) => {
    const conn = await connect(emulator);
    for (let i = 0; i < 3; i += 1) await conn.query('SELECT Id FROM Account');
    await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' });
    await expect(conn.sobject('Account').update([{ Id: '001000000000001AAA', Name: 'x' }] as never[], { allOrNone: false })).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(emulator.calls.list({ endpoint: 'query' }).map((c) => c.status)).toEqual([200, 200, 200, 403]);
    expect(emulator.apiUsage().used).toBe(3);
  });
});

test('versions, describeGlobal and describe answer with the documented shapes', async () => {
  await withEmulator({}, async (emulator) => {
    const versions = (await (await fetch(`${emulator.url}/services/data`)).json()) as { version: string; label: string; url: string }[];
    expect(versions.find((v) => v.version === '62.0')).toEqual({ version: '62.0', label: "Winter '25", url: '/services/data/v62.0' });
    const conn = await connect(emulator);
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((s) => [s.name, s.keyPrefix])).toEqual(expect.arrayContaining([['Account', '001'], ['Contact', '003'], ['Lead', '00Q'], ['Opportunity', '006'], ['Task', '00T'], ['Event', '00U'], ['CampaignMember', '00v'], ['User', '005']]));
    const lead = await conn.describe('Lead');
    const field = (name: string): unknown => lead.fields.find((f) => f.name === name);
    expect(field('Company')).toMatchObject({ type: 'string', length: 255, nillable: false, createable: true, updateable: true, custom: false });
    expect(field('IsConverted')).toMatchObject({ type: 'boolean', updateable: false });
    expect(field('ConvertedContactId')).toMatchObject({ type: 'reference', referenceTo: ['Contact'], relationshipName: 'ConvertedContact' });
    expect(field('Status')).toMatchObject({ type: 'picklist', restrictedPicklist: true, picklistValues: expect.arrayContaining([expect.objectContaining({ value: 'Working - Contacted', active: true })]) });
    expect(field('NumberOfEmployees')).toMatchObject({ type: 'int', digits: 8 });
    const task = await conn.describe('Task');
    expect(task.fields.find((f) => f.name === 'WhoId')).toMatchObject({ referenceTo: ['Contact', 'Lead'], polymorphicForeignKey: true });
    await expect(conn.describe('Nope')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});
