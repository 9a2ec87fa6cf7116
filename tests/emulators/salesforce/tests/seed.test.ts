/** Seeding from bench/datagen, the state file, the admin endpoints and the CLI entry. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliProgram, describeForStdout, emulatorOptions } from '../cli.js';
import { startSalesforceEmulator } from '../index.js';
import { connect, withEmulator } from './helpers.js';

test('a datagen org has every standard object with the right key prefixes, 18-character ids and linked records', async () => {
  await withEmulator({ seed: 7, org: { datagen: { accounts: 4, leadsPerAccount: 3, convertedLeadShare: 0.5 } } }, async (emulator) => {
    const { org, seedCounts } = emulator;
    for (const [object, prefix] of [['Account', '001'], ['Contact', '003'], ['Lead', '00Q'], ['Opportunity', '006'], ['OpportunityContactRole', '00K'], ['Task', '00T'], ['Event', '00U'], ['CampaignMember', '00v'], ['Campaign', '701']] as const) {
      const records = org.list(object);
      expect(records.length).toBe(seedCounts[object]);
      expect(records.every((r) => String(r['Id']).length === 18 && String(r['Id']).startsWith(prefix))).toBe(true);
    }
    const leads = org.list('Lead');
    expect(leads.some((l) => l['IsConverted'] === true && typeof l['ConvertedContactId'] === 'string')).toBe(true);
    expect(leads.some((l) => l['IsConverted'] === false)).toBe(true);
    const members = org.list('CampaignMember');
    expect(members.every((m) => m['HasResponded'] === true && typeof m['FirstRespondedDate'] === 'string')).toBe(true);
    const conn = await connect(emulator);
    const roles = await conn.query<{ Contact: { AccountId: string }; Opportunity: { AccountId: string } }>('SELECT Contact.AccountId, Opportunity.AccountId FROM OpportunityContactRole');
    expect(roles.records.every((r) => r.Contact.AccountId === r.Opportunity.AccountId)).toBe(true);
    const withTech = await conn.query<{ Technologies__c: string }>("SELECT Technologies__c, Funding_Stage__c FROM Account WHERE Technologies__c != null");
    expect(withTech.records.length).toBeGreaterThan(0);
    const first = withTech.records[0]?.Technologies__c.split(';')[0] ?? '';
    expect((await conn.query(`SELECT Id FROM Account WHERE Technologies__c INCLUDES ('${first}')`)).totalSize).toBeGreaterThan(0);
    const tasks = await conn.query<{ Id: string }>("SELECT Id FROM Task WHERE TaskSubtype = 'Email' AND WhatId != null AND Status = 'Completed'");
    expect(tasks.totalSize).toBeGreaterThan(0);
  });
});

test('the same seed gives the same org', async () => {
  const records = async (): Promise<unknown> => withEmulator({ seed: 3, clock: () => Date.parse('2026-11-20T12:00:00Z'), org: { datagen: { accounts: 2 } } }, async (emulator) => emulator.snapshot().records);
  expect(await records()).toEqual(await records());
});

test('the state file keeps the org for inspection and a restarted emulator resumes it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sf-emulator-'));
  const stateFile = path.join(dir, 'org.json');
  try {
    await withEmulator({ stateFile, org: { customFields: [{ fullName: 'Account.Score__c', label: 'Score', type: 'Number', precision: 3, scale: 0 }] } }, async (emulator) => {
      const conn = await connect(emulator);
      await conn.sobject('Account').create({ Name: 'Kept', Score__c: 9 } as never);
    });
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { records: Record<string, { Name?: string }[]>; apiUsed: number };
    expect(saved.records['Account']?.map((a) => a.Name)).toEqual(['Kept']);
    expect(saved.apiUsed).toBe(1);
    await withEmulator({ stateFile }, async (emulator) => {
      expect(emulator.org.list('Account').map((a) => [a['Name'], a['Score__c']])).toEqual([['Kept', 9]]);
      expect(emulator.apiUsage().used).toBe(1);
      const conn = await connect(emulator);
      const again = await conn.sobject('Account').create({ Name: 'Second' });
      expect(again.id).not.toBe(emulator.org.list('Account')[0]?.['Id']);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a caller in another process counts calls and reads records through /__emulator, which is not an API call', async () => {
  await withEmulator({ org: { setup: (org) => void org.insert('Account', { Name: 'Acme' }) } }, async (emulator) => {
    const conn = await connect(emulator);
    await conn.query('SELECT Id FROM Account');
    const calls = (await (await fetch(`${emulator.url}/__emulator/calls`)).json()) as { total: number; apiUsed: number; byEndpoint: Record<string, number> };
    expect(calls).toMatchObject({ total: 2, apiUsed: 1, byEndpoint: { 'POST oauth2/token': 1, 'GET query': 1 } });
    const accounts = (await (await fetch(`${emulator.url}/__emulator/org/Account`)).json()) as { Name: string }[];
    expect(accounts.map((a) => a.Name)).toEqual(['Acme']);
    const plan = await fetch(`${emulator.url}/__emulator/fault-plan`, { method: 'POST', body: JSON.stringify({ faults: [{ kind: 'http503', nth: 1 }] }) });
    expect(plan.status).toBe(204);
    await expect(conn.request('/limits', { retry: { maxRetries: 0 } })).rejects.toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
    expect(emulator.calls.count()).toBe(3);
  });
});

test('the CLI turns its flags into options and prints the URL first, then the SALESFORCE_* variables', async () => {
  const program = cliProgram().exitOverride();
  program.parse(['node', 'cli.js', '--accounts', '2', '--seed', '5', '--page-size', '100', '--daily-limit', '900', '--no-modify-metadata'], { from: 'node' });
  const options = emulatorOptions(program.opts());
  expect(options).toMatchObject({ seed: 5, pageSize: 100, dailyLimit: 900, modifyMetadata: false, org: { datagen: { accounts: 2 } } });
  const emulator = await startSalesforceEmulator(options);
  try {
    const lines = describeForStdout(emulator).trim().split('\n');
    expect(lines[0]).toBe(emulator.url);
    expect(lines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toContain(`SALESFORCE_LOGIN_URL=${emulator.url}`);
    expect(lines).toContain(`SALESFORCE_CLIENT_ID=${emulator.credentials.clientId}`);
    expect(emulator.org.count('Account')).toBe(2);
  } finally {
    await emulator.stop();
  }
});
