/**
 * createSalesforceTasks against the emulator over real HTTP: upsert on the External ID key (a repeat is reported
 * alreadyExisted and creates nothing), the Description-token fallback when the org has no key field, a lead's task
 * without WhatId, owner and dates as drafted.
 */
import type { MappingFile } from '../../src/config/mapping-types.js';
import type { TaskDraft } from '../../src/model/tasks.js';
import { createSalesforceTasks, keyToken } from '../../connectors/salesforce/create-tasks.js';
import type { Org } from '../emulators/salesforce/index.js';
import { apiFor, memoryLogger, OUTPUT_FIELDS, withEmulator } from './write-helpers.js';

const MAPPING: MappingFile = { connector: 'salesforce', objects: {}, tasks: { object: 'Task', keyField: 'ScoreSync_Key__c' } };

interface Seeded {
  accountId: string;
  contactId: string;
  leadId: string;
  ownerId: string;
}

function seed(org: Org, into: Seeded[]): void {
  const ownerId = org.integrationUser.id;
  const accountId = org.insert('Account', { Name: 'Acme', OwnerId: ownerId });
  const contactId = org.insert('Contact', { LastName: 'Ng', AccountId: accountId });
  const leadId = org.insert('Lead', { LastName: 'Ruiz', Company: 'Acme Corp' });
  into.push({ accountId, contactId, leadId, ownerId });
}

function drafts(s: Seeded): TaskDraft[] {
  return [
    { key: 'champion-call|ACC|2026-W48', rule: 'champion-call', accountId: s.accountId, contactId: s.contactId, leadId: null, ownerId: s.ownerId, subject: 'Call Ng: she visited pricing twice', body: 'Pricing page 2x this week.', dueDate: '2026-12-02', priority: 'High' },
    { key: 'lead-followup|LEAD|2026-W48', rule: 'lead-followup', accountId: s.accountId, contactId: null, leadId: s.leadId, ownerId: null, subject: 'S'.repeat(300), body: 'A matched lead engaged.', dueDate: '2026-12-03', priority: 'Normal' },
  ];
}

test('with the External ID key field: tasks are upserted on it; the same drafts again are reported alreadyExisted and nothing is duplicated', async () => {
  const seeded: Seeded[] = [];
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, setup: (org) => seed(org, seeded) } }, async (emulator) => {
    const s = seeded[0] as Seeded;
    const api = await apiFor(emulator);
    emulator.resetCalls();

    const first = await createSalesforceTasks(api, drafts(s), { mapping: MAPPING, logger: memoryLogger() });
    const second = await createSalesforceTasks(api, drafts(s), { mapping: MAPPING, logger: memoryLogger() });

    expect(first.map((o) => [o.key, o.ok, o.alreadyExisted ?? false])).toEqual([
      ['champion-call|ACC|2026-W48', true, false],
      ['lead-followup|LEAD|2026-W48', true, false],
    ]);
    expect(second.map((o) => [o.ok, o.alreadyExisted])).toEqual([[true, true], [true, true]]);
    expect(second.map((o) => o.crmId)).toEqual(first.map((o) => o.crmId));
    const tasks = emulator.org.list('Task');
    expect(tasks).toHaveLength(2);
    const contactTask = tasks.find((t) => t['ScoreSync_Key__c'] === 'champion-call|ACC|2026-W48');
    expect(contactTask).toMatchObject({ WhoId: s.contactId, WhatId: s.accountId, OwnerId: s.ownerId, Subject: 'Call Ng: she visited pricing twice', ActivityDate: '2026-12-02', Priority: 'High', Status: 'Not Started', Description: 'Pricing page 2x this week.' });
    // A lead's task: the lead as WhoId and no WhatId (Salesforce refuses a WhatId beside a Lead WhoId); subject cut to 255.
    const leadTask = tasks.find((t) => t['ScoreSync_Key__c'] === 'lead-followup|LEAD|2026-W48');
    expect(leadTask).toMatchObject({ WhoId: s.leadId, WhatId: null });
    expect(String(leadTask?.['Subject'])).toHaveLength(255);
    // One describe for the run, then one upsert call per batch.
    expect(emulator.calls.count({ endpoint: 'describe' })).toBe(1);
    expect(emulator.calls.count({ endpoint: 'collections/upsert', method: 'PATCH' })).toBe(2);
    expect(emulator.calls.count({ endpoint: 'collections', method: 'POST' })).toBe(0);
  });
});

test('without the key field: the key is a token in the Description, looked up before creating, so a repeat creates nothing', async () => {
  const seeded: Seeded[] = [];
  await withEmulator({ org: { setup: (org) => seed(org, seeded) } }, async (emulator) => {
    const s = seeded[0] as Seeded;
    const api = await apiFor(emulator);
    const lines: { level: string; message: string }[] = [];
    const [contactTask, leadTask] = drafts(s);

    const first = await createSalesforceTasks(api, [contactTask as TaskDraft], { mapping: MAPPING, logger: memoryLogger(lines) });
    // A run killed after creating the first task and before recording it sends it again with the next one.
    const second = await createSalesforceTasks(api, drafts(s), { mapping: MAPPING, logger: memoryLogger(lines) });

    expect(first).toEqual([{ key: contactTask?.key, ok: true, crmId: expect.any(String) }]);
    expect(second[0]).toEqual({ key: contactTask?.key, ok: true, crmId: first[0]?.crmId, alreadyExisted: true });
    expect(second[1]).toMatchObject({ key: leadTask?.key, ok: true });
    expect(second[1]?.alreadyExisted).toBeUndefined();
    const tasks = emulator.org.list('Task');
    expect(tasks).toHaveLength(2);
    expect(tasks.map((t) => String(t['Description']))).toEqual([`Pricing page 2x this week.\n\n${keyToken(contactTask?.key ?? '')}`, `A matched lead engaged.\n\n${keyToken(leadTask?.key ?? '')}`]);
    expect(tasks[1]).toMatchObject({ WhoId: s.leadId, WhatId: null });
    expect(lines.some((l) => l.level === 'warn' && l.message.includes('scoresync setup'))).toBe(true);
    expect(emulator.calls.count({ endpoint: 'query' })).toBe(2);
    expect(emulator.calls.count({ endpoint: 'collections', method: 'POST' })).toBe(2);
  });
});

test('a rejected task is reported with Salesforce\'s message; the daily limit stops the batch with a thrown error', async () => {
  const seeded: Seeded[] = [];
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, setup: (org) => seed(org, seeded) } }, async (emulator) => {
    const s = seeded[0] as Seeded;
    const api = await apiFor(emulator);
    const [good, lead] = drafts(s);
    const bad = { ...(good as TaskDraft), key: 'bad-owner', ownerId: s.accountId };

    const outcomes = await createSalesforceTasks(api, [bad, lead as TaskDraft], { mapping: MAPPING, logger: memoryLogger() });
    expect(outcomes[0]).toMatchObject({ key: 'bad-owner', ok: false, error: { class: 'record', code: 'FIELD_INTEGRITY_EXCEPTION' } });
    expect(outcomes[1]?.ok).toBe(true);

    emulator.setFaultPlan({ faults: [{ kind: 'quotaExhausted', nth: 1 }] });
    await expect(createSalesforceTasks(api, [good as TaskDraft], { mapping: MAPPING, logger: memoryLogger() })).rejects.toMatchObject({ info: { code: 'REQUEST_LIMIT_EXCEEDED' } });
  });
});
