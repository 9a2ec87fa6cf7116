/** The Metadata API through jsforce: custom fields, permission sets, field-level security, and missing permissions. */
import { connect, withEmulator } from './helpers.js';

const SCORE = { fullName: 'Account.ScoreSync_Fit__c', label: 'Fit Score', type: 'Number', precision: 3, scale: 0, description: 'ScoreSync fit' };
const KEY = { fullName: 'Activity.ScoreSync_Key__c', label: 'ScoreSync Key', type: 'Text', length: 80, externalId: true, unique: true };

test('a field created through conn.metadata.create stays invisible until a permission set grants it to the integration user', async () => {
  await withEmulator({ org: { setup: (org) => void org.insert('Account', { Name: 'Acme' }) } }, async (emulator) => {
    const conn = await connect(emulator);
    const created = await conn.metadata.create('CustomField', [SCORE, KEY] as never[]);
    expect(created).toEqual([{ fullName: 'Account.ScoreSync_Fit__c', success: true, errors: [] }, { fullName: 'Activity.ScoreSync_Key__c', success: true, errors: [] }]);
    expect((await conn.describe('Account')).fields.map((f) => f.name)).not.toContain('ScoreSync_Fit__c');
    await expect(conn.query('SELECT ScoreSync_Fit__c FROM Account')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });

    const permissionSet = { fullName: 'ScoreSync_Integration', label: 'ScoreSync Integration', fieldPermissions: [
      { field: 'Account.ScoreSync_Fit__c', readable: true, editable: true },
      { field: 'Task.ScoreSync_Key__c', readable: true, editable: true },
    ] };
    expect(await conn.metadata.upsert('PermissionSet', permissionSet as never)).toMatchObject({ fullName: 'ScoreSync_Integration', success: true, created: true });
    const set = await conn.query<{ Id: string }>("SELECT Id FROM PermissionSet WHERE Name = 'ScoreSync_Integration'");
    const assignee = emulator.org.integrationUser.id;
    await conn.sobject('PermissionSetAssignment').create({ AssigneeId: assignee, PermissionSetId: set.records[0]?.Id });

    expect((await conn.describe('Account')).fields.find((f) => f.name === 'ScoreSync_Fit__c')).toMatchObject({ type: 'double', precision: 3, scale: 0, custom: true, updateable: true });
    expect((await conn.describe('Task')).fields.find((f) => f.name === 'ScoreSync_Key__c')).toMatchObject({ externalId: true, unique: true, length: 80 });
    expect((await conn.describe('Event')).fields.find((f) => f.name === 'ScoreSync_Key__c')).toBeUndefined();
    const account = (await conn.query<{ Id: string }>('SELECT Id, ScoreSync_Fit__c FROM Account')).records[0];
    await conn.sobject('Account').update({ Id: account?.Id ?? '', ScoreSync_Fit__c: 64 } as never);
    expect(emulator.org.list('Account')[0]?.['ScoreSync_Fit__c']).toBe(64);
  });
});

test('readMetadata returns what was created; creating it twice and invalid definitions are per-component errors', async () => {
  await withEmulator({}, async (emulator) => {
    const conn = await connect(emulator);
    await conn.metadata.create('CustomField', SCORE as never);
    const read = (await conn.metadata.read('CustomField', 'Account.ScoreSync_Fit__c')) as unknown as Record<string, unknown>;
    expect(read).toMatchObject({ fullName: 'Account.ScoreSync_Fit__c', label: 'Fit Score', type: 'Number', precision: 3, scale: 0 });
    const again = (await conn.metadata.create('CustomField', [SCORE, { fullName: 'Account.ScoreSync_Note__c', label: 'Note', type: 'Text' }, { fullName: 'Task.ScoreSync_X__c', label: 'X', type: 'Text', length: 5 }] as never[])) as unknown as { success: boolean; errors: { statusCode: string; message: string }[] }[];
    expect(again.map((r) => [r.success, r.errors[0]?.statusCode])).toEqual([[false, 'DUPLICATE_DEVELOPER_NAME'], [false, 'FIELD_INTEGRITY_EXCEPTION'], [false, 'FIELD_INTEGRITY_EXCEPTION']]);
    expect(again[0]?.errors[0]?.message).toBe('There is already a field named ScoreSync_Fit on Account.');
    const upserted = (await conn.metadata.upsert('CustomField', { ...SCORE, precision: 5 } as never)) as unknown as { created: boolean; success: boolean };
    expect(upserted).toMatchObject({ success: true, created: false });
    const tooMany = Array.from({ length: 11 }, (_, i) => ({ fullName: `Account.F${i}__c`, label: `F${i}`, type: 'Date' }));
    await expect(conn.metadata.create('CustomField', tooMany as never[])).rejects.toMatchObject({ errorCode: 'sf:EXCEEDED_ID_LIMIT' });
  });
});

test('an integration user without Modify Metadata gets the documented INSUFFICIENT_ACCESS SOAP fault', async () => {
  await withEmulator({ modifyMetadata: false }, async (emulator) => {
    const conn = await connect(emulator);
    await expect(conn.metadata.create('CustomField', SCORE as never)).rejects.toMatchObject({
      errorCode: 'sf:INSUFFICIENT_ACCESS',
      message: 'INSUFFICIENT_ACCESS: use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions',
    });
    expect(emulator.calls.list({ endpoint: 'metadata' }).map((c) => c.status)).toEqual([500]);
  });
});

test('a SOAP call with an expired session is refreshed by jsforce like a REST one', async () => {
  await withEmulator({}, async (emulator) => {
    const conn = await connect(emulator, { refreshToken: emulator.credentials.refreshToken });
    emulator.expireSessions();
    expect(await conn.metadata.create('CustomField', SCORE as never)).toMatchObject({ success: true });
    expect(emulator.calls.list().map((c) => `${c.endpoint} ${c.status}`).slice(1)).toEqual(['metadata 500', 'oauth2/token 200', 'metadata 200']);
  });
});
