/** Writes through jsforce: collections with per-record outcomes, allOrNone, upsert by external id, single records. */
import { connect, OUTPUT_FIELDS, withEmulator } from './helpers.js';
import type { Org } from '../index.js';

interface Outcome {
  id?: string;
  success: boolean;
  errors: { statusCode?: string; errorCode?: string; message: string; fields?: string[] }[];
  created?: boolean;
}

function codes(results: Outcome[]): (string | null)[] {
  return results.map((r) => (r.success ? null : (r.errors[0]?.statusCode ?? r.errors[0]?.errorCode ?? '?')));
}

function accounts(org: Org, count: number): string[] {
  return Array.from({ length: count }, (_, i) => org.insert('Account', { Name: `A${i}` }));
}

const SETUP = { customFields: OUTPUT_FIELDS };

test('a collection update returns one outcome per record, in order, with the real status codes', async () => {
  await withEmulator({ org: SETUP }, async (emulator) => {
    const ids = accounts(emulator.org, 5);
    emulator.org.delete('Account', ids[3] as string);
    const conn = await connect(emulator);
    const results = (await conn.sobject('Account').update([
      { Id: ids[0], ScoreSync_Fit__c: 71, ScoreSync_Tier__c: 'Tier 1' },
      { Id: ids[1], ScoreSync_Tier__c: 'Platinum' },
      { Id: ids[2], ScoreSync_Reasons__c: 'x'.repeat(21) },
      { Id: ids[3], ScoreSync_Fit__c: 5 },
      { Id: '001000000000000ZZZ', ScoreSync_Fit__c: 5 },
      { Id: ids[4], IsDeleted: true },
      { Id: ids[4], ScoreSync_Fit__c: 123456 },
    ] as never[], { allOrNone: false })) as unknown as Outcome[];
    expect(codes(results)).toEqual([null, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'STRING_TOO_LONG', 'ENTITY_IS_DELETED', 'MALFORMED_ID', 'INVALID_FIELD_FOR_INSERT_UPDATE', 'NUMBER_OUTSIDE_VALID_RANGE']);
    expect(results[0]).toEqual({ id: ids[0], success: true, errors: [] });
    expect(results[1]?.errors[0]).toEqual({ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Tier: bad value for restricted picklist field: Platinum', fields: ['ScoreSync_Tier__c'] });
    expect(emulator.org.get('Account', ids[0] as string)).toMatchObject({ ScoreSync_Fit__c: 71, ScoreSync_Tier__c: 'Tier 1' });
    expect(emulator.calls.count('PATCH collections')).toBe(1);
  });
});

test('allOrNone rolls back every record when one fails', async () => {
  await withEmulator({ org: SETUP }, async (emulator) => {
    const ids = accounts(emulator.org, 2);
    const conn = await connect(emulator);
    const results = (await conn.sobject('Account').update([{ Id: ids[0], ScoreSync_Fit__c: 10 }, { Id: ids[1], ScoreSync_Tier__c: 'nope' }] as never[], { allOrNone: true })) as unknown as Outcome[];
    expect(codes(results)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST']);
    expect(emulator.org.get('Account', ids[0] as string)?.['ScoreSync_Fit__c']).toBe(null);
    expect(emulator.org.writes()).toEqual([]);
  });
});

test('an unknown field or a value of the wrong type fails the whole request; more than 200 records is EXCEEDED_ID_LIMIT', async () => {
  await withEmulator({ org: SETUP }, async (emulator) => {
    const [id] = accounts(emulator.org, 1);
    const conn = await connect(emulator);
    await expect(conn.sobject('Account').update([{ Id: id, Nope__c: 1 }] as never[], { allOrNone: false })).rejects.toMatchObject({ errorCode: 'INVALID_FIELD', message: "No such column 'Nope__c' on sobject of type Account" });
    await expect(conn.sobject('Account').update([{ Id: id, ScoreSync_Fit__c: 'high' }] as never[], { allOrNone: false })).rejects.toMatchObject({ errorCode: 'JSON_PARSER_ERROR' });
    const many = Array.from({ length: 201 }, () => ({ id, attributes: { type: 'Account' }, ScoreSync_Fit__c: 1 }));
    await expect(conn.requestPatch('/composite/sobjects', { allOrNone: false, records: many })).rejects.toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT', message: 'record limit reached. cannot submit more than 200 records into this call' });
  });
});

test('a field the integration user cannot see is unknown; one it can only read is not updateable', async () => {
  await withEmulator({ org: { customFields: [{ ...OUTPUT_FIELDS[0], access: 'none' }, { ...OUTPUT_FIELDS[2], access: 'read' }] } }, async (emulator) => {
    const [id] = accounts(emulator.org, 1);
    const conn = await connect(emulator);
    const describe = await conn.sobject('Account').describe();
    expect(describe.fields.find((f) => f.name === 'ScoreSync_Fit__c')).toBeUndefined();
    expect(describe.fields.find((f) => f.name === 'ScoreSync_Reasons__c')).toMatchObject({ updateable: false, createable: false, custom: true, length: 20 });
    await expect(conn.sobject('Account').update([{ Id: id, ScoreSync_Fit__c: 1 }] as never[], { allOrNone: false })).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    const [result] = (await conn.sobject('Account').update([{ Id: id, ScoreSync_Reasons__c: 'why' }] as never[], { allOrNone: false })) as unknown as Outcome[];
    expect(result?.errors[0]).toMatchObject({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['ScoreSync_Reasons__c'] });
  });
});

test('Task upsert on an Activity External ID field: created, then updated, duplicates in one call refused', async () => {
  await withEmulator({ org: SETUP }, async (emulator) => {
    const [accountId] = accounts(emulator.org, 1);
    const conn = await connect(emulator);
    const task = (key: string, subject: string): Record<string, unknown> => ({ ScoreSync_Key__c: key, Subject: subject, WhatId: accountId, ActivityDate: '2026-12-01', Priority: 'High' });
    const first = (await conn.sobject('Task').upsert([task('k1', 'Call Acme'), task('k2', 'Email Acme')] as never[], 'ScoreSync_Key__c', { allOrNone: false })) as unknown as Outcome[];
    expect(first.map((r) => [r.success, r.created])).toEqual([[true, true], [true, true]]);
    const again = (await conn.sobject('Task').upsert([task('K1', 'Call Acme again'), task('k3', 'x'), task('k3', 'y')] as never[], 'ScoreSync_Key__c', { allOrNone: false })) as unknown as Outcome[];
    expect(again[0]).toMatchObject({ success: true, created: false, id: first[0]?.id });
    expect(codes(again).slice(1)).toEqual(['DUPLICATE_EXTERNAL_ID', 'DUPLICATE_EXTERNAL_ID']);
    expect(emulator.org.list('Task').map((t) => [t['Subject'], t['AccountId'], t['IsClosed'], t['Status']])).toEqual([
      ['Call Acme again', accountId, false, 'Not Started'],
      ['Email Acme', accountId, false, 'Not Started'],
    ]);
    expect(emulator.calls.count('PATCH collections/upsert')).toBe(2);
    const event = await conn.sobject('Event').describe();
    expect(event.fields.find((f) => f.name === 'ScoreSync_Key__c')).toMatchObject({ externalId: true, unique: true });
  });
});

test('a Task on a Lead cannot also be Related To a record; a unique key cannot repeat', async () => {
  await withEmulator({ org: SETUP }, async (emulator) => {
    const [accountId] = accounts(emulator.org, 1);
    const leadId = emulator.org.insert('Lead', { LastName: 'Lee', Company: 'Acme' });
    const conn = await connect(emulator);
    const results = (await conn.sobject('Task').create([
      { Subject: 'ok', WhoId: leadId },
      { Subject: 'bad', WhoId: leadId, WhatId: accountId },
      { Subject: 'dup', ScoreSync_Key__c: 'same' },
      { Subject: 'dup', ScoreSync_Key__c: 'same' },
      { Subject: 'wrong who', WhoId: accountId },
    ] as never[], { allOrNone: false })) as unknown as Outcome[];
    expect(codes(results)).toEqual([null, 'FIELD_INTEGRITY_EXCEPTION', null, 'DUPLICATE_VALUE', 'FIELD_INTEGRITY_EXCEPTION']);
    expect(results[1]?.errors[0]?.fields).toEqual(['WhoId', 'WhatId']);
    expect(results[4]?.errors[0]?.message).toBe(`Name ID: id value of incorrect type: ${String(accountId)}`);
  });
});

test('single records: create 201, update 204, upsert 201/200, required fields, converted leads, audit fields', async () => {
  let now = Date.parse('2026-11-20T12:00:00.400Z');
  await withEmulator({ clock: () => now, org: SETUP }, async (emulator) => {
    const conn = await connect(emulator);
    const created = await conn.sobject('Account').create({ Name: 'Acme', Website: 'acme.example' });
    expect(created).toEqual({ id: expect.stringMatching(/^001\w{15}$/), success: true, errors: [] });
    const before = emulator.org.get('Account', created.id as string);
    expect(before).toMatchObject({ CreatedDate: '2026-11-20T12:00:00.000+0000', SystemModstamp: '2026-11-20T12:00:00.000+0000', IsDeleted: false, OwnerId: emulator.org.integrationUser.id });
    now += 5000;
    await conn.sobject('Account').update({ Id: created.id as string, ScoreSync_Fit__c: 50 } as never);
    expect(emulator.org.get('Account', created.id as string)).toMatchObject({ ScoreSync_Fit__c: 50, CreatedDate: '2026-11-20T12:00:00.000+0000', SystemModstamp: '2026-11-20T12:00:05.000+0000', LastModifiedDate: '2026-11-20T12:00:05.000+0000' });
    await expect(conn.sobject('Contact').create({ FirstName: 'No' })).rejects.toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]' });
    const up1 = (await conn.sobject('Task').upsert({ ScoreSync_Key__c: 'solo', Subject: 'One' } as never, 'ScoreSync_Key__c')) as unknown as Outcome;
    const up2 = (await conn.sobject('Task').upsert({ ScoreSync_Key__c: 'solo', Subject: 'Two' } as never, 'ScoreSync_Key__c')) as unknown as Outcome;
    expect([up1.created, up2.created, up2.id === up1.id]).toEqual([true, false, true]);
    expect(emulator.calls.count('PATCH sobject/upsert')).toBe(2);
    const leadId = emulator.org.insert('Lead', { LastName: 'Converted', Company: 'Acme' });
    emulator.org.convertLead(leadId, { accountId: created.id as string });
    await expect(conn.sobject('Lead').update({ Id: leadId, Title: 'x' })).rejects.toMatchObject({ errorCode: 'CANNOT_UPDATE_CONVERTED_LEAD' });
    expect(emulator.org.writes({ object: 'Account' }).map((w) => [w.op, Object.keys(w.fields)])).toEqual([['create', ['Name', 'Website']], ['update', ['ScoreSync_Fit__c']]]);
  });
});
