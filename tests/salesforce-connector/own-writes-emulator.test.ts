/**
 * An idle incremental run must not re-read, page after page, the records ScoreSync's own last push wrote (their
 * SystemModstamp moved): inside the overlap window the pull leaves out records last modified by the integration user,
 * while a rep's change there (a late commit) and everything stamped at the watermark itself are still read.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { loadConfig } from '../../src/config/load-config.js';
import { createConnector } from '../../src/connector/registry.js';
import { silentLogger } from '../../src/log/logger.js';
import { openStore } from '../../src/store/open-store.js';
import type { StateStore } from '../../src/store/store.js';
import type { EngineDeps } from '../../src/sync/engine-deps.js';
import { runSync } from '../../src/sync/run-sync.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce/index.js';
import { NOW, pointEnvAt, setupFields } from './read-helpers.js';
import { quietEngineDeps } from '../../bench/quiet-engine-deps.js';

const loaded = loadConfig('config/scoresync.yaml', { env: {} });
const mapping = loaded.mappings.salesforce!;
const settings = { ...(loaded.config.connectors.salesforce as Record<string, unknown>) };
const MINUTE = 60_000;

let clock = NOW;
let sf: SalesforceEmulator;
let store: StateStore;
const savedEnv = { ...process.env };

function deps(): EngineDeps {
  const connector = createConnector('salesforce', { mapping, settings, logger: silentLogger() });
  return quietEngineDeps({ store, connector, mapping, scoringConfig: loaded.scoring, settings: { scoreWorkers: 1, maxAttempts: 3 }, now: () => new Date(clock) });
}

async function runAt(at: number) {
  clock = at;
  sf.resetCalls();
  const { run } = await runSync(deps(), { full: false, dryRun: false });
  expect(run.status).toBe('succeeded');
  return { pulled: run.counts.pulled, pages: sf.calls.count('GET query/more') };
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  sf = await startSalesforceEmulator({
    seed: 11,
    clock: () => clock,
    pageSize: 50,
    org: { datagen: { accounts: 40, contactsPerAccount: 3, activitiesPerContact: 2, leadsPerAccount: 1, now: new Date(NOW - 24 * 60 * MINUTE) }, customFields: setupFields(mapping) },
  });
  pointEnvAt(sf);
  store = await openStore({ driver: 'sqlite', path: path.join(mkdtempSync(path.join(tmpdir(), 'sf-own-writes-')), 'state.db') });
});

afterAll(async () => {
  await store?.close();
  await sf?.stop();
  process.env = savedEnv;
  nock.enableNetConnect();
});

describe('incremental pulls and ScoreSync own writes', () => {
  it('reads its own writes back once, then leaves them out of the overlap while a rep change there is still read', async () => {
    const rep = sf.org.list('User').find((u) => u['Id'] !== sf.org.integrationUser.id)!['Id'] as string;
    const first = await runAt(NOW);
    const written = sf.org.writes().filter((w) => w.object !== 'Task').length;
    expect(written).toBeGreaterThan(100);
    expect(first.pulled).toBeGreaterThan(written);

    // The next run reads what the push wrote (stamped after the first pull's watermark): the store learns its values.
    const readBack = await runAt(NOW + MINUTE);
    expect(readBack.pulled).toBeGreaterThanOrEqual(written);

    // Two minutes later a rep edits an account, a contact and a lead and logs a call: each kind's watermark (they
    // are kept per kind) moves past ScoreSync's writes.
    const [edited, other] = sf.org.list('Account');
    const contact = sf.org.list('Contact')[0]!;
    const lead = sf.org.list('Lead').find((l) => l['IsConverted'] !== true)!;
    clock = NOW + 2 * MINUTE;
    sf.org.update('Account', String(edited!['Id']), { NumberOfEmployees: 4321, LastModifiedById: rep });
    sf.org.update('Contact', String(contact['Id']), { Title: 'VP Engineering', LastModifiedById: rep });
    sf.org.update('Lead', String(lead['Id']), { Title: 'CTO', LastModifiedById: rep });
    sf.org.insert('Task', { Subject: 'Call', Type: 'Call', TaskSubtype: 'Call', Status: 'Completed', Priority: 'Normal', ActivityDate: new Date(clock).toISOString().slice(0, 10), WhoId: contact['Id'], CreatedById: rep, LastModifiedById: rep });
    const afterEdit = await runAt(NOW + 3 * MINUTE);
    expect(afterEdit.pulled).toBeGreaterThanOrEqual(4);
    expect((await store.getRecord('salesforce', 'account', String(edited!['Id'])))?.employees).toBe(4321);

    // Idle: ScoreSync's first writes are still inside the 10-minute overlap but were read back; only what is stamped
    // at the watermarks themselves (the rep's records, or ScoreSync's rewrite of their scores) is read again.
    // Without the rule every written record comes back, in pages, on every run.
    const idle = await runAt(NOW + 4 * MINUTE);
    expect(idle.pulled).toBeLessThanOrEqual(8);
    expect(idle.pages).toBe(0);
    const again = await runAt(NOW + 4 * MINUTE + 30_000);
    expect(again).toEqual(idle);

    // A rep's change that commits late (stamped inside the overlap, before the watermark) is still read.
    const contactId = sf.org.insert('Contact', {
      AccountId: other!['Id'],
      LastName: 'Latecomer',
      Email: 'late@example.com',
      CreatedDate: new Date(NOW + 90_000).toISOString(),
      LastModifiedDate: new Date(NOW + 90_000).toISOString(),
      SystemModstamp: new Date(NOW + 90_000).toISOString(),
      CreatedById: rep,
      LastModifiedById: rep,
    });
    const late = await runAt(NOW + 5 * MINUTE);
    expect(late.pulled).toBe(idle.pulled + 1);
    expect(await store.getRecord('salesforce', 'contact', contactId)).not.toBeNull();
  });
});
