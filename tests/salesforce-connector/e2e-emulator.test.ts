/**
 * A full sync against the Salesforce emulator over real HTTP, through the registry and the engine exactly as
 * `scoresync run --connector salesforce` does: the connector finds the org only through SALESFORCE_* variables.
 * Pull → score → write fields → tasks; then a second run writes nothing and creates nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { loadConfig } from '../../src/config/load-config.js';
import type { MappingFile } from '../../src/config/mapping-types.js';
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

let sf: SalesforceEmulator;
let store: StateStore;
const savedEnv = { ...process.env };

function deps(map: MappingFile = mapping): EngineDeps {
  // A fresh connector per run, as a new process would have; it reads SALESFORCE_* from the environment.
  const connector = createConnector('salesforce', { mapping: map, settings, logger: silentLogger() });
  return quietEngineDeps({ store, connector, mapping: map, scoringConfig: loaded.scoring, settings: { maxAttempts: 3 }, now: () => new Date(NOW) });
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  sf = await startSalesforceEmulator({
    seed: 5,
    clock: () => NOW,
    pageSize: 50,
    org: { datagen: { accounts: 30, contactsPerAccount: 3, activitiesPerContact: 4, leadsPerAccount: 1, now: new Date(NOW) }, customFields: setupFields(mapping) },
  });
  pointEnvAt(sf);
  store = await openStore({ driver: 'sqlite', path: path.join(mkdtempSync(path.join(tmpdir(), 'sf-e2e-')), 'state.db') });
});

afterAll(async () => {
  await store?.close();
  await sf?.stop();
  process.env = savedEnv;
  nock.enableNetConnect();
});

describe('scoresync run --connector salesforce against the emulator', () => {
  it('a first run pulls, scores and writes fields and tasks; a second run writes 0 fields and creates 0 tasks', async () => {
    const first = await runSync(deps(), { full: false, dryRun: false });
    expect(first.run.status).toBe('succeeded');
    expect(first.run.errors).toEqual([]);
    expect(first.run.counts.pulled).toBeGreaterThan(sf.org.count('Account'));
    expect(first.run.counts.rejected).toBe(0);
    expect(first.run.counts.scoredAccounts).toBe(sf.org.count('Account'));
    expect(first.run.counts.scoredLeads).toBeGreaterThan(0);
    expect(first.run.counts.recordsWritten).toBeGreaterThan(0);
    expect(first.run.counts.writeFailures).toBe(0);

    // The org now holds what was planned: every account has a fit score and a tier.
    const accounts = sf.org.list('Account');
    expect(accounts.every((a) => typeof a.ScoreSync_FitScore__c === 'number' && typeof a.ScoreSync_Tier__c === 'string')).toBe(true);
    const leads = sf.org.list('Lead').filter((l) => l.IsConverted !== true);
    expect(leads.some((l) => typeof l.ScoreSync_PersonaGrade__c === 'string')).toBe(true);
    const tasks = sf.org.writes({ object: 'Task' }).length;
    expect(first.run.counts.tasksCreated).toBeGreaterThan(0);
    expect(tasks).toBe(first.run.counts.tasksCreated);
    expect(sf.org.list('Task').filter((t) => typeof t.ScoreSync_Key__c === 'string')).toHaveLength(tasks);

    const writesBefore = sf.org.writes().length;
    const second = await runSync(deps(), { full: false, dryRun: false });
    expect(second.run.status).toBe('succeeded');
    expect(second.run.counts.recordsWritten).toBe(0);
    expect(second.run.counts.tasksCreated).toBe(0);
    expect(sf.org.writes().length).toBe(writesBefore);
    expect(sf.calls.count({ endpoint: 'collections', method: 'PATCH' })).toBeGreaterThan(0);
  });

  it('a record deleted in Salesforce leaves the store at the next run and is not written', async () => {
    const [account] = sf.org.list('Account');
    const accountId = String(account?.Id);
    const contact = sf.org.list('Contact').find((c) => c.AccountId !== accountId);
    sf.org.delete('Account', accountId);
    sf.org.delete('Contact', String(contact?.Id));
    const before = sf.org.writes().length;
    const run = await runSync(deps(), { full: false, dryRun: false });
    expect(run.run.status).toBe('succeeded');
    expect(await store.getRecord('salesforce', 'account', accountId)).toBeNull();
    expect(await store.getRecord('salesforce', 'contact', String(contact?.Id))).toBeNull();
    expect((await store.listAccountIds('salesforce')).includes(accountId)).toBe(false);
    expect(sf.org.writes().slice(before).some((w) => JSON.stringify(w).includes(accountId))).toBe(false);
  });

  it('a mapping naming a field the org lacks stops the run before it pulls or writes anything', async () => {
    const broken = structuredClone(mapping);
    broken.objects.account!.fields.industry = { field: 'Sector__c', transform: 'string' };
    const before = { writes: sf.org.writes().length, queries: sf.calls.count({ endpoint: 'query' }) };
    await expect(runSync(deps(broken), { full: true, dryRun: false })).rejects.toThrow(/Account\.Sector__c: is not a field the integration user can read/);
    expect(sf.org.writes().length).toBe(before.writes);
    expect(sf.calls.count({ endpoint: 'query' })).toBe(before.queries);
  });
});

describe('under a fault plan', () => {
  it('a sync through 503s, an expired session and locked rows leaves the org exactly as a fault-free sync does', async () => {
    const outcomes: unknown[] = [];
    for (const faultPlan of [undefined, {
      seed: 9,
      faults: [
        { kind: 'http503' as const, on: { endpoint: 'query/more' }, nth: [1, 3] },
        { kind: 'sessionExpired' as const, on: { endpoint: 'describe' }, nth: 4 },
        { kind: 'lockRows' as const, on: { endpoint: 'collections' }, recordProbability: 0.2, max: 2 },
      ],
    }]) {
      const org = await startSalesforceEmulator({
        seed: 8,
        clock: () => NOW,
        pageSize: 40,
        ...(faultPlan ? { faultPlan } : {}),
        org: { datagen: { accounts: 15, contactsPerAccount: 2, activitiesPerContact: 3, leadsPerAccount: 1, now: new Date(NOW) }, customFields: setupFields(mapping) },
      });
      const own = await openStore({ driver: 'sqlite', path: path.join(mkdtempSync(path.join(tmpdir(), 'sf-e2e-faults-')), 'state.db') });
      try {
        Object.assign(process.env, org.env());
        const previous = store;
        store = own;
        try {
          const run = await runSync(deps(), { full: false, dryRun: false });
          expect(run.run.counts.writesWaiting).toBe(0);
          if (faultPlan) expect(org.calls.list().filter((c) => c.fault !== undefined && c.fault !== null).length).toBeGreaterThanOrEqual(3);
        } finally {
          store = previous;
        }
        outcomes.push(orgOutputs(org));
      } finally {
        await own.close();
        await org.stop();
        Object.assign(process.env, sf.env());
      }
    }
    expect(JSON.stringify(outcomes[0])).toContain('ScoreSync_FitScore__c');
    expect((outcomes[0] as { tasks: string[] }).tasks.length).toBeGreaterThan(0);
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});
