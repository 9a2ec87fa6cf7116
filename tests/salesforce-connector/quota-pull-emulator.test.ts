/**
 * The org's daily API requests run out while a run is still pulling (403 REQUEST_LIMIT_EXCEEDED from the emulator's
 * fault plan, the real connector over real HTTP): the run ends `partial` with one clear line, what it pulled is
 * stored, each watermark stays at the last stored page, nothing is written, and the run after the quota resets
 * leaves the org exactly as a fault-free run does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { bufferOutput } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createConnector } from '../../src/connector/registry.js';
import { silentLogger } from '../../src/log/logger.js';
import { openStore } from '../../src/store/open-store.js';
import type { StateStore } from '../../src/store/store.js';
import type { EngineDeps } from '../../src/sync/engine-deps.js';
import { runSync } from '../../src/sync/run-sync.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce/index.js';
import { NOW, orgOutputs, pointEnvAt, setupFields } from './read-helpers.js';
import { quietEngineDeps } from '../../bench/quiet-engine-deps.js';

const loaded = loadConfig('config/scoresync.yaml', { env: {} });
const mapping = loaded.mappings.salesforce!;
const settings = { ...(loaded.config.connectors.salesforce as Record<string, unknown>) };
const savedEnv = { ...process.env };
const PAGE = 40;

function deps(store: StateStore, now: () => number = () => NOW): EngineDeps {
  // A fresh connector per run, as a new process would have; it reads SALESFORCE_* from the environment.
  const connector = createConnector('salesforce', { mapping, settings, logger: silentLogger() });
  return quietEngineDeps({ store, connector, mapping, scoringConfig: loaded.scoring, settings: { maxAttempts: 3 }, now: () => new Date(now()) });
}

async function startOrg(clock: () => number = () => NOW): Promise<SalesforceEmulator> {
  const org = await startSalesforceEmulator({
    seed: 12,
    clock,
    pageSize: PAGE,
    org: { datagen: { accounts: 30, contactsPerAccount: 3, activitiesPerContact: 2, leadsPerAccount: 1, now: new Date(NOW) }, customFields: setupFields(mapping) },
  });
  pointEnvAt(org);
  return org;
}

async function newStore(): Promise<StateStore> {
  return openStore({ driver: 'sqlite', path: path.join(mkdtempSync(path.join(tmpdir(), 'sf-quota-pull-')), 'state.db') });
}

/** The org's contacts in the pull's order, (SystemModstamp, Id). */
function contactsInPullOrder(org: SalesforceEmulator): { id: string; stamp: string }[] {
  return org.org
    .list('Contact')
    .map((c) => ({ id: String(c.Id), stamp: new Date(String(c.SystemModstamp)).toISOString() }))
    .sort((a, b) => (a.stamp === b.stamp ? (a.id < b.id ? -1 : 1) : a.stamp < b.stamp ? -1 : 1));
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});

afterAll(() => {
  process.env = savedEnv;
  nock.enableNetConnect();
});

describe('REQUEST_LIMIT_EXCEEDED while pulling', () => {
  it('ends the run partial at its last stored page; the run after the quota resets leaves the org as a fault-free run does', async () => {
    // The reference: the same org synced without a fault.
    const clean = await startOrg();
    const cleanStore = await newStore();
    let reference: unknown;
    try {
      const run = await runSync(deps(cleanStore), { full: false, dryRun: false });
      expect(run.run.status).toBe('succeeded');
      reference = orgOutputs(clean);
    } finally {
      await cleanStore.close();
      await clean.stop();
    }
    expect(JSON.stringify(reference)).toContain('ScoreSync_FitScore__c');

    const sf = await startOrg();
    const store = await newStore();
    try {
      expect(sf.org.count('Contact')).toBeGreaterThan(2 * PAGE);
      // Accounts fit one page; the contacts' second page is the first `query/more`: the quota runs out there.
      sf.setFaultPlan({ faults: [{ kind: 'quotaExhausted', on: { endpoint: 'query/more' }, nth: 1 }] });
      const stopped = await runSync(deps(store), { full: false, dryRun: false });
      expect(stopped.run.status).toBe('partial');
      expect(stopped.run.errors).toHaveLength(1);
      expect(stopped.run.errors[0]).toMatch(/the org's daily API requests are used up; pulled so far is stored, the watermark stays at the last stored page, the next run continues/);
      expect(stopped.run.errors[0]).toContain('REQUEST_LIMIT_EXCEEDED');
      expect(stopped.run.errors[0]).not.toMatch(/\n\s+at /); // no stack trace
      expect(stopped.run.counts.recordsWritten + stopped.run.counts.tasksCreated).toBe(0);
      expect(sf.org.writes()).toHaveLength(0);
      // The run record says partial too (what `scoresync runs` shows).
      expect((await store.listRuns(1))[0]?.status).toBe('partial');

      // What arrived is stored: every account, and exactly the contacts' first page.
      expect(await store.countRecords('salesforce', 'account')).toBe(sf.org.count('Account'));
      expect(await store.countRecords('salesforce', 'contact')).toBe(PAGE);
      const firstPage = contactsInPullOrder(sf).slice(0, PAGE);
      for (const c of firstPage) expect(await store.getRecord('salesforce', 'contact', c.id)).not.toBeNull();
      // The contact watermark is the last stored record's stamp: never past a record that was not stored.
      expect(await store.getWatermark('salesforce', 'contact')).toBe(firstPage.at(-1)?.stamp);
      // Kinds after the stop were not read at all, so their watermarks have not moved.
      expect(await store.getWatermark('salesforce', 'lead')).toBeNull();
      expect(await store.getWatermark('salesforce', 'activity')).toBeNull();

      // The next day: the quota resets and the next run continues from the watermarks.
      sf.setFaultPlan(undefined);
      sf.setApiUsage(0);
      const next = await runSync(deps(store), { full: false, dryRun: false });
      expect(next.run.status).toBe('succeeded');
      expect(next.run.errors).toEqual([]);
      expect(await store.countRecords('salesforce', 'contact')).toBe(sf.org.count('Contact'));
      expect(orgOutputs(sf)).toEqual(reference);
    } finally {
      await store.close();
      await sf.stop();
    }
  });
});

describe('scoresync run when the quota is spent before the pull', () => {
  it('exits 3 (partial) with the message and no stack trace, at the first call or the first query; writes planned before stay queued and are written once the quota resets', async () => {
    const sf = await startOrg();
    const state = path.join(mkdtempSync(path.join(tmpdir(), 'sf-quota-cli-')), 'state.db');
    const cli = async (command = 'run'): Promise<{ code: number; out: string; err: string }> => {
      const out = bufferOutput();
      let err = '';
      const code = await runCli(['--log-level', 'error', command, ...(command === 'plan' ? ['--out', path.join(path.dirname(state), 'plan.json')] : []), '--config', 'config/scoresync.yaml', '--connector', 'salesforce', '--state', state], { out, err: (t) => void (err += t) });
      return { code, out: out.text(), err };
    };
    try {
      // Day 1: the quota runs out at the second field-update call, so planned writes wait in the outbox.
      sf.setFaultPlan({ faults: [{ kind: 'quotaExhausted', on: { endpoint: 'collections', method: 'PATCH' }, nth: 2 }] });
      const day1 = await cli();
      expect(day1.code).toBe(3);
      const store = await openStore({ driver: 'sqlite', path: state });
      const queued = await store.countPendingOutbox('salesforce');
      expect(queued).toBeGreaterThan(0);
      await store.close();

      // Day 2 starts with the allowance still spent: even GET /limits is refused, and the run stops before pulling.
      const writes = sf.org.writes().length;
      const spent = await cli();
      expect(spent.code).toBe(3);
      expect(spent.out + spent.err).toMatch(/stopped before pulling: the org's daily API requests are used up; nothing was pulled or written/);
      expect(spent.err).not.toMatch(/unexpected error|\n\s+at /);
      // A plan cut short is not the whole plan: exit 3 as well.
      const plan = await cli('plan');
      expect(plan.code).toBe(3);
      expect(plan.out).toMatch(/partial/);

      // Day 3: the quota resets, and runs out again at the first query.
      sf.setApiUsage(0);
      sf.setFaultPlan({ faults: [{ kind: 'quotaExhausted', on: { endpoint: 'query' }, nth: 1 }] });
      const day3 = await cli();
      expect(day3.code).toBe(3);
      expect(day3.out + day3.err).toMatch(/partial/);
      expect(day3.out + day3.err).toMatch(/stopped while pulling accounts: the org's daily API requests are used up; pulled so far is stored, the watermark stays at the last stored page, the next run continues/);
      expect(day3.err).not.toMatch(/unexpected error|\n\s+at /);
      expect(sf.org.writes().length).toBe(writes);
      const after = await openStore({ driver: 'sqlite', path: state });
      expect(await after.countPendingOutbox('salesforce')).toEqual(queued);
      await after.close();

      // Day 4: the quota has reset; the queued writes go out and the run succeeds.
      sf.setFaultPlan(undefined);
      sf.setApiUsage(0);
      const day4 = await cli();
      expect(day4.code).toBe(0);
      expect(sf.org.writes().length).toBeGreaterThan(writes);
    } finally {
      await sf.stop();
    }
  });
});

describe('REQUEST_LIMIT_EXCEEDED at the deletions query', () => {
  it('a record deleted before a run the quota stopped still leaves the store at the next run', async () => {
    const HOUR = 3_600_000;
    let now = NOW;
    const sf = await startOrg(() => now);
    const store = await newStore();
    try {
      const first = await runSync(deps(store, () => now), { full: false, dryRun: false });
      expect(first.run.status).toBe('succeeded');
      const [gone, edited] = sf.org.list('Contact');
      const goneId = String(gone?.Id);
      const editedId = String(edited?.Id);
      expect(await store.getRecord('salesforce', 'contact', goneId)).not.toBeNull();

      // An hour later one contact goes to the recycle bin; another hour later another is edited.
      now += HOUR;
      sf.org.delete('Contact', goneId);
      now += HOUR;
      sf.org.update('Contact', editedId, { Title: 'VP Revenue Operations' });
      now += HOUR;
      // The contacts' deletion query (queryAll, after the accounts' one) is refused: the allowance is spent.
      sf.setFaultPlan({ faults: [{ kind: 'quotaExhausted', on: { endpoint: 'queryAll' }, nth: 2 }] });
      const stopped = await runSync(deps(store, () => now), { full: false, dryRun: false });
      expect(stopped.run.status).toBe('partial');
      expect(stopped.run.errors[0]).toMatch(/stopped while pulling contacts/);

      // The next day: the deletion an hour before the edit is still found, whatever the stopped run stored.
      now += 24 * HOUR;
      sf.setFaultPlan(undefined);
      sf.setApiUsage(0);
      const next = await runSync(deps(store, () => now), { full: false, dryRun: false });
      expect(next.run.status).toBe('succeeded');
      expect(await store.getRecord('salesforce', 'contact', goneId)).toBeNull();
      expect(await store.getRecord('salesforce', 'contact', editedId)).toMatchObject({ title: 'VP Revenue Operations' });
    } finally {
      await store.close();
      await sf.stop();
    }
  });
});
