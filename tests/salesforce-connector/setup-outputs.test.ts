/**
 * setupSalesforceOutputs against the emulator's Metadata API (SOAP) and REST: dry-run writes nothing, a real setup
 * creates the missing fields and grants them through the ScoreSync_Integration permission set (after which the
 * integration user can write them), a field that exists without access is granted, not created again, and a user
 * without metadata permissions gets the exact list an admin must create and grant.
 */
import type { MappingFile, OutputTarget } from '../../src/config/mapping-types.js';
import { SalesforceConnectorError } from '../../connectors/salesforce/errors.js';
import { setupSalesforceOutputs } from '../../connectors/salesforce/setup-outputs.js';
import { apiFor, memoryLogger, type LogLine, withEmulator } from './write-helpers.js';

const out = (field: string, type: OutputTarget['type'], label?: string): OutputTarget => ({ field, type, policy: 'overwrite', ...(label ? { label } : {}) });
const id = { field: 'Id', transform: 'string' as const };

const MAPPING: MappingFile = {
  connector: 'salesforce',
  objects: {
    account: { object: 'Account', id, fields: {}, features: {}, outputs: { fitScore: out('ScoreSync_Fit_Score__c', 'number', 'Fit Score'), tier: out('ScoreSync_Tier__c', 'string'), reasons: out('ScoreSync_Reasons__c', 'text'), qualified: out('ScoreSync_Qualified__c', 'boolean'), qualifiedSince: out('ScoreSync_Qualified_Since__c', 'date') } },
    contact: { object: 'Contact', id, fields: {}, features: {}, outputs: { personaName: out('ScoreSync_Persona__c', 'string') } },
    lead: { object: 'Lead', id, fields: {}, features: {}, outputs: { fitScore: out('ScoreSync_Fit_Score__c', 'number') } },
  },
  tasks: { object: 'Task', keyField: 'ScoreSync_Key__c' },
};

const FIELD_COUNT = 8; // 5 on Account, 1 on Contact, 1 on Lead, the key on Activity

test('dry run lists every missing field and the grant, and changes nothing', async () => {
  await withEmulator({}, async (emulator) => {
    const api = await apiFor(emulator);
    emulator.resetCalls();

    const actions = await setupSalesforceOutputs(api, MAPPING, { dryRun: true, logger: memoryLogger() });

    expect(actions.filter((a) => a.action === 'create').map((a) => `${a.object}.${a.field}`)).toEqual([
      'Account.ScoreSync_Fit_Score__c',
      'Account.ScoreSync_Tier__c',
      'Account.ScoreSync_Reasons__c',
      'Account.ScoreSync_Qualified__c',
      'Account.ScoreSync_Qualified_Since__c',
      'Contact.ScoreSync_Persona__c',
      'Lead.ScoreSync_Fit_Score__c',
      'Task.ScoreSync_Key__c',
      'PermissionSet.ScoreSync_Integration',
    ]);
    expect(actions.find((a) => a.field === 'ScoreSync_Key__c')?.detail).toBe('would create Text(255, unique External ID, case-sensitive) "ScoreSync Key" (Activity.ScoreSync_Key__c)');
    expect(actions.find((a) => a.field === 'ScoreSync_Fit_Score__c')?.detail).toContain('Number(18,0) "Fit Score"');
    // Only reads: describe per object and readMetadata; no create, upsert or assignment.
    expect(emulator.calls.list().filter((c) => c.method !== 'GET' && c.endpoint !== 'metadata')).toEqual([]);
    expect(emulator.org.writes()).toEqual([]);
    expect((await api.conn.describe('Account')).fields.map((f) => f.name)).not.toContain('ScoreSync_Tier__c');
  });
});

test('a real setup creates the fields, grants them through the permission set, and the user can write them; a second setup only finds them', async () => {
  await withEmulator({ org: { setup: (org) => void org.insert('Account', { Name: 'Acme' }) } }, async (emulator) => {
    const api = await apiFor(emulator);

    const actions = await setupSalesforceOutputs(api, MAPPING, { dryRun: false, logger: memoryLogger() });

    expect(actions.filter((a) => a.action === 'created')).toHaveLength(FIELD_COUNT + 1);
    // createMetadata takes at most 10 components: 8 fields → one call.
    const conn = api.conn;
    const account = await conn.describe('Account');
    expect(account.fields.find((f) => f.name === 'ScoreSync_Fit_Score__c')).toMatchObject({ type: 'double', precision: 18, scale: 0, updateable: true });
    expect(account.fields.find((f) => f.name === 'ScoreSync_Qualified__c')).toMatchObject({ type: 'boolean', updateable: true });
    expect((await conn.describe('Task')).fields.find((f) => f.name === 'ScoreSync_Key__c')).toMatchObject({ externalId: true, unique: true, updateable: true });
    const [acme] = emulator.org.list('Account');
    await conn.sobject('Account').update({ Id: String(acme?.['Id']), ScoreSync_Tier__c: 'Tier 1' } as never);
    expect(emulator.org.get('Account', String(acme?.['Id']))?.['ScoreSync_Tier__c']).toBe('Tier 1');

    emulator.resetCalls();
    const again = await setupSalesforceOutputs(api, MAPPING, { dryRun: false, logger: memoryLogger() });
    expect(again.every((a) => a.action === 'exists')).toBe(true);
    expect(again).toHaveLength(FIELD_COUNT);
    expect(emulator.calls.count({ endpoint: 'metadata' })).toBe(0);
  });
});

test('a field that exists without field access is granted, not created again', async () => {
  const hidden = { fullName: 'Account.ScoreSync_Tier__c', label: 'Tier', type: 'Text', length: 255, access: 'none' as const };
  await withEmulator({ org: { customFields: [hidden] } }, async (emulator) => {
    const api = await apiFor(emulator);

    const dry = await setupSalesforceOutputs(api, MAPPING, { dryRun: true, logger: memoryLogger() });
    expect(dry.find((a) => a.field === 'ScoreSync_Tier__c')).toEqual({ object: 'Account', field: 'ScoreSync_Tier__c', action: 'exists', detail: 'exists without edit access for the integration user; would be granted through ScoreSync_Integration' });

    await setupSalesforceOutputs(api, MAPPING, { dryRun: false, logger: memoryLogger() });
    expect((await api.conn.describe('Account')).fields.find((f) => f.name === 'ScoreSync_Tier__c')).toMatchObject({ updateable: true, length: 255 });
  });
});

test('without metadata permissions: dry run warns, a real setup stops with exactly what an admin must create and grant', async () => {
  await withEmulator({ modifyMetadata: false }, async (emulator) => {
    const api = await apiFor(emulator);
    const lines: LogLine[] = [];

    const dry = await setupSalesforceOutputs(api, MAPPING, { dryRun: true, logger: memoryLogger(lines) });
    expect(dry.filter((a) => a.action === 'create')).toHaveLength(FIELD_COUNT);
    expect(lines.find((l) => l.level === 'warn')?.message).toContain('an admin must');

    const real = setupSalesforceOutputs(api, MAPPING, { dryRun: false, logger: memoryLogger() });
    await expect(real).rejects.toBeInstanceOf(SalesforceConnectorError);
    const message = await real.catch((e: Error) => e.message);
    expect(message).toContain('- Account.ScoreSync_Fit_Score__c  Number(18,0)  label "Fit Score"');
    expect(message).toContain('- Activity.ScoreSync_Key__c  Text(255, unique External ID, case-sensitive)  label "ScoreSync Key"');
    expect(message).toContain('Create the permission set ScoreSync_Integration with Read and Edit field access on:');
    expect(message).toContain('- Lead.ScoreSync_Fit_Score__c');
    expect(message).toContain(`Assign ScoreSync_Integration to the integration user ${emulator.org.integrationUser.id}.`);
    expect(emulator.org.writes()).toEqual([]);
  });
});

test('an output mapped to a standard field cannot be created: a clear config error naming it', async () => {
  await withEmulator({}, async (emulator) => {
    const api = await apiFor(emulator);
    const mapping: MappingFile = { ...MAPPING, objects: { account: { object: 'Account', id, fields: {}, features: {}, outputs: { tier: out('Rating', 'string') } } } };
    await expect(setupSalesforceOutputs(api, mapping, { dryRun: true, logger: memoryLogger() })).rejects.toMatchObject({ info: { class: 'config', code: 'NOT_A_CUSTOM_FIELD', field: 'Rating' } });
  });
});
