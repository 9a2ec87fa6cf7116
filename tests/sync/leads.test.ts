/**
 * Leads end to end through the file connector: matched leads count in their account's buying team, unmatched leads
 * get their own fit, a converted lead's history follows its contact, outputs land in leads.csv, a second run writes
 * nothing, and a change of match rescores both the account the lead left and the one it joined.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { accountRow, activityRow, contactRow, CSV_COLUMNS, leadRow, type CsvRow } from '../../bench/datagen/csv-rows.js';
import type { Account, Activity, ActivityType, Contact, Lead } from '../../src/model/records.js';
import { runSync } from '../../src/sync/run-sync.js';
import { lead as baseLead } from '../leads/builders.js';
import { createHarness, EXAMPLE_NOW, readCsv, type Harness } from './engine-harness.js';

const RUN = { full: false, dryRun: false };
const DAY = 86_400_000;
const LATER = new Date(EXAMPLE_NOW.getTime() + 60 * 60_000);
const ago = (days: number): string => new Date(EXAMPLE_NOW.getTime() - days * DAY).toISOString();

function account(id: string, name: string, domain: string, over: Partial<Account> = {}): Account {
  return {
    id, source: 'file', name, domain, industry: 'Software', employees: 400, annualRevenue: null, country: 'US', technologies: [],
    ownerId: 'U1', isCustomer: false, tierOverride: null, features: {}, modifiedAt: ago(30), crmValues: {}, ...over,
  };
}

function contact(id: string, accountId: string, title: string): Contact {
  return {
    id, source: 'file', accountId, email: `${id.toLowerCase()}@example.org`, firstName: id, lastName: 'Contact', title, department: null,
    seniority: null, ownerId: 'U1', features: {}, modifiedAt: ago(30), crmValues: {},
  };
}

const lead = (id: string, over: Partial<Lead>): Lead => baseLead(id, { modifiedAt: ago(20), ownerId: 'U2', ...over });

let seq = 0;
function activity(type: ActivityType, days: number, person: { leadId?: string; contactId?: string }): Activity {
  seq++;
  return {
    id: `E${seq}`, source: 'file', type, occurredAt: ago(days), accountId: null, contactId: person.contactId ?? null,
    leadId: person.leadId ?? null, detail: {}, modifiedAt: ago(days),
  };
}

const ACCOUNTS = [
  account('A1', 'Acme Analytics', 'acme.io'),
  account('A2', 'Globex Systems', 'globex.com', { employees: 1200 }),
  account('A3', 'Initech', 'initech.com', { industry: 'Retail' }),
];
const CONTACTS = [contact('C1', 'A1', 'Data Analyst'), contact('C2', 'A2', 'CTO')];
const LEADS = [
  lead('L-email', { email: 'dana@acme.io', firstName: 'Dana', title: 'Data Engineer', department: 'Data', company: 'Acme' }),
  lead('L-web', { email: 'wes@gmail.com', website: 'https://www.globex.com/', company: 'Globex' }),
  lead('L-name', { email: 'pat@outlook.com', company: 'Initech, Inc.', title: 'Data Analyst' }),
  lead('L-alone', { email: 'zed@zeta-labs.io', company: 'Zeta Labs', industry: 'Software', employees: 1200, annualRevenue: 50_000_000, country: 'US', title: 'Head of Data' }),
  lead('L-conv', { email: 'c2@example.org', title: 'CTO', isConverted: true, convertedContactId: 'C2', convertedAccountId: 'A2' }),
];
const ACTIVITIES = [
  activity('demo_request', 1, { leadId: 'L-email' }),
  activity('meeting', 2, { leadId: 'L-email' }),
  activity('web_visit', 3, { leadId: 'L-name' }),
  activity('webinar', 4, { leadId: 'L-alone' }),
  activity('webinar', 5, { leadId: 'L-conv' }),
  activity('email_click', 6, { leadId: 'L-conv' }),
];

function writeCsv(dir: string, file: keyof typeof CSV_COLUMNS, rows: CsvRow[]): void {
  writeFileSync(join(dir, `${file}.csv`), stringify(rows, { header: true, columns: [...CSV_COLUMNS[file]] }));
}

function writeCrm(dir: string): void {
  for (const file of readdirSync(dir)) rmSync(join(dir, file));
  writeCsv(dir, 'accounts', ACCOUNTS.map((a) => accountRow(a, a.modifiedAt, 'url')));
  writeCsv(dir, 'contacts', CONTACTS.map(contactRow));
  writeCsv(dir, 'leads', LEADS.map(leadRow));
  writeCsv(dir, 'activities', ACTIVITIES.map(activityRow));
}

/** Edits rows of a CSV in the data folder, stamping them as modified just before LATER. */
function edit(h: Harness, file: string, id: string, values: Record<string, string>): void {
  const path = join(h.dataDir, `${file}.csv`);
  const rows = readCsv(path);
  Object.assign(rows.find((r) => r.id === id)!, values, { modified_at: new Date(LATER.getTime() - 5 * 60_000).toISOString() });
  writeFileSync(path, stringify(rows, { header: true, columns: Object.keys(rows[0]!) }));
}

const byId = (h: Harness, file: string): Map<string, Record<string, string>> => new Map(readCsv(join(h.dataDir, `${file}.csv`)).map((r) => [r.id!, r]));

describe('leads through the file connector', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    writeCrm(h.dataDir);
  });
  afterEach(async () => {
    await h.close();
  });

  it('scores matched leads in the buying team, unmatched ones on their own, and writes their outputs to leads.csv once', async () => {
    const first = await runSync(h.deps(), RUN);
    expect(first.run.status).toBe('succeeded');
    expect(first.run.counts.scoredLeads).toBe(4);

    const accounts = byId(h, 'accounts');
    // Acme's only contact never engaged: its lead's demo request and meeting move it to Decision.
    expect(accounts.get('A1')).toMatchObject({ buying_stage: 'Decision' });
    expect(accounts.get('A1')?.score_reasons_detail).toContain('Dana L-email (Data Engineer, lead)');
    // One web visit by Initech's lead is not enough to leave Target.
    expect(accounts.get('A3')).toMatchObject({ buying_stage: 'Target' });

    const leads = byId(h, 'leads');
    expect(leads.get('L-email')).toMatchObject({ matched_account_id: 'A1', match_reason: 'email domain acme.io', persona: 'Champion', fit_score: accounts.get('A1')?.fit_score });
    expect(Number(leads.get('L-email')?.engagement_score)).toBeGreaterThan(0);
    expect(leads.get('L-web')).toMatchObject({ matched_account_id: 'A2', match_reason: 'website globex.com' });
    expect(leads.get('L-name')).toMatchObject({ matched_account_id: 'A3', match_reason: "company name 'Initech, Inc.'" });
    // No account claims Zeta Labs: its fit comes from its own firmographics.
    expect(leads.get('L-alone')).toMatchObject({ matched_account_id: '', match_reason: '', persona: 'Technical Buyer' });
    expect(Number(leads.get('L-alone')?.fit_score)).toBeGreaterThanOrEqual(50);
    // A converted lead is not written; its webinar and click count for the contact it became.
    expect(leads.get('L-conv')).toMatchObject({ persona: '', fit_score: '', matched_account_id: '' });
    expect(Number(byId(h, 'contacts').get('C2')?.engagement_score)).toBeGreaterThan(0);

    const again = await runSync(h.deps(undefined, LATER), RUN);
    expect(again.run.counts).toMatchObject({ fieldsChanged: 0, recordsWritten: 0, tasksPlanned: 0, tasksCreated: 0 });
  });

  it('rescores the account a lead leaves and the one it joins', async () => {
    await runSync(h.deps(), RUN);
    const before = await h.store.latestAccountScore('file', 'A3');
    expect(before?.engagement.score).toBeGreaterThan(0);

    edit(h, 'leads', 'L-name', { email: 'pat@acme.io' });
    const moved = await runSync(h.deps(undefined, LATER), RUN);
    expect(moved.rescoredAll).toBe(false);
    expect(moved.run.counts.scoredAccounts).toBe(2);
    expect(byId(h, 'leads').get('L-name')).toMatchObject({ matched_account_id: 'A1', match_reason: 'email domain acme.io' });
    expect((await h.store.latestAccountScore('file', 'A3'))?.engagement.score).toBe(0);
    expect((await h.store.latestAccountScore('file', 'A3'))?.scoredAt).toBe(LATER.toISOString());
    expect((await h.store.latestLeadScores('file', ['L-name'])).get('L-name')).toMatchObject({ accountId: 'A1' });
  });

  it('a changed account attracts the leads it now matches and lets go of the ones it no longer does', async () => {
    await runSync(h.deps(), RUN);
    // Globex moves to the Zeta Labs domain: the Zeta lead joins it by email domain, the Globex website lead is alone.
    edit(h, 'accounts', 'A2', { website: 'https://zeta-labs.io' });
    const moved = await runSync(h.deps(undefined, LATER), RUN);
    expect(moved.run.counts.scoredAccounts).toBe(1);
    expect(moved.run.counts.scoredLeads).toBe(2);
    const leads = byId(h, 'leads');
    expect(leads.get('L-alone')).toMatchObject({ matched_account_id: 'A2', match_reason: 'email domain zeta-labs.io' });
    expect(leads.get('L-web')).toMatchObject({ matched_account_id: '', match_reason: '' });
    expect(await h.store.unmatchedLeadIds('file')).toEqual(['L-web']);
  });

  it('a lead converted between runs stops being scored and its history follows its contact', async () => {
    await runSync(h.deps(), RUN);
    expect(byId(h, 'contacts').get('C1')?.engagement_score).toBe('0');
    edit(h, 'leads', 'L-email', { is_converted: 'true', converted_contact_id: 'C1', converted_account_id: 'A1' });
    const after = await runSync(h.deps(undefined, LATER), RUN);
    expect(after.run.counts.scoredLeads).toBe(0);
    expect(Number(byId(h, 'contacts').get('C1')?.engagement_score)).toBeGreaterThan(0);
    expect((await h.store.leadMatches('file', ['L-email'])).get('L-email')).toMatchObject({ status: 'converted', accountId: null });
    // Acme stays in Decision: the same demo request and meeting, now its contact's.
    expect((await h.store.latestAccountScore('file', 'A1'))?.stage.stage).toBe('Decision');
  });
});
