/** Push: per-record outcomes, retries with backoff for retryable failures, permanent failures kept, budget respected. */
import { createFileConnector } from '../../connectors/file/index.js';
import { nodeFileOps } from '../../connectors/file/atomic-write.js';
import { silentLogger } from '../../src/log/logger.js';
import type { EngineDeps } from '../../src/sync/engine-deps.js';
import { runSync } from '../../src/sync/run-sync.js';
import { join } from 'node:path';
import { pushPhase } from '../../src/sync/push-phase.js';
import { createHarness, type Harness, harnessPerTest, readCsv } from './engine-harness.js';

const RUN = { full: false, dryRun: false };

/** The real file connector whose disk rename fails the first `failures` times (a full disk, a network share hiccup). */
function flakyDeps(h: Harness, failures: number, maxAttempts: number, sleeps: number[]): EngineDeps {
  const deps = h.deps();
  let left = failures;
  const connector = createFileConnector(
    { mapping: deps.mapping, settings: { dataDir: h.dataDir }, logger: silentLogger() },
    {
      fileOps: {
        rename: async (from, to) => {
          if (left > 0) {
            left--;
            throw new Error('EIO: i/o error, rename');
          }
          await nodeFileOps.rename(from, to);
        },
      },
    },
  );
  return { ...deps, connector, settings: { ...deps.settings, maxAttempts }, sleep: async (ms) => void sleeps.push(ms) };
}

describe('push phase', () => {
  let h: Harness;
  harnessPerTest((fresh) => (h = fresh));

  it('retries retryable failures with growing backoff and then applies every write', async () => {
    const sleeps: number[] = [];
    // Pass 1: the account, contact, lead and task batches all fail; pass 2: the account batch fails again; pass 3 succeeds.
    const result = await runSync(flakyDeps(h, 5, 4, sleeps), RUN);
    expect(result.run.status).toBe('succeeded');
    expect(sleeps).toEqual([1000, 2000]);
    expect(result.run.counts.writeFailures).toBe(0);
    expect(await h.store.countPendingOutbox('file')).toBe(0);
    const again = await runSync(h.deps(), RUN);
    expect(again.run.counts.recordsWritten).toBe(0);
  });

  it('after maxAttempts passes a retryable failure stays queued for a later run, reported once per kind of error', async () => {
    const sleeps: number[] = [];
    const result = await runSync(flakyDeps(h, 1000, 2, sleeps), RUN);
    expect(result.run.status).toBe('partial');
    expect(result.run.counts.writeFailures).toBe(0);
    expect(result.run.counts.writesDeferred).toBeGreaterThan(0);
    expect(result.run.errors).toEqual([expect.stringMatching(/^\d+ write\(s\) failed with a retryable error and stay queued, e\.g\. (account|contact|lead|task) \S+: WRITE_FAILED: .*EIO/)]);
    expect(await h.store.failedOutbox('file', 10)).toHaveLength(0);
    expect(await h.store.countPendingOutbox('file')).toBe(result.run.counts.writesDeferred);
    expect(sleeps).toEqual([1000]);
  });

  it('a record the CRM does not know fails permanently with its id and is not retried', async () => {
    await h.store.enqueueOutbox('manual', 'file', [
      {
        type: 'fields',
        accountId: 'NO-SUCH-ID',
        updates: [{ kind: 'account', recordId: 'NO-SUCH-ID', priority: 0, changes: [{ output: 'tier', crmField: 'tier', oldValue: null, newValue: 'Tier 1' }] }],
      },
    ]);
    const sleeps: number[] = [];
    const result = await runSync({ ...h.deps(), sleep: async (ms) => void sleeps.push(ms) }, RUN);
    expect(result.run.status).toBe('partial');
    expect(result.run.counts.writeFailures).toBe(1);
    expect(result.run.errors).toEqual([expect.stringMatching(/^account NO-SUCH-ID: NOT_FOUND/)]);
    expect(sleeps).toEqual([]);
    expect(result.run.counts.recordsWritten).toBeGreaterThan(0);
  });

  it('stops writing at the per-run call budget and finishes the queue on the next run', async () => {
    const deps = h.deps();
    const capped = await runSync({ ...deps, settings: { ...deps.settings, maxCallsPerRun: 5 } }, RUN);
    expect(capped.run.errors.join(' ')).toMatch(/API budget/);
    const pending = await h.store.countPendingOutbox('file');
    expect(pending).toBeGreaterThan(0);
    const next = await runSync(h.deps(), RUN);
    expect(next.run.status).toBe('succeeded');
    expect(await h.store.countPendingOutbox('file')).toBe(0);
  });

  it('writes the rest of an account item when one of its contacts fails for good, and keeps only that contact as failed', async () => {
    await runSync(h.deps(), RUN); // the store learns the records (and the CRM gets the first plan)
    const [contact] = readCsv(join(h.dataDir, 'contacts.csv'));
    const accountId = contact?.account_id ?? '';
    const change = (output: string, value: string) => ({ output, crmField: output === 'tier' ? 'tier' : 'persona', oldValue: null, newValue: value });
    await h.store.enqueueOutbox('manual', 'file', [
      {
        type: 'fields',
        accountId,
        updates: [
          { kind: 'account', recordId: accountId, priority: 0, changes: [change('tier', 'Tier 1')] },
          { kind: 'contact', recordId: 'NO-SUCH-CONTACT', priority: 0, changes: [change('personaName', 'Champion')] },
          { kind: 'contact', recordId: contact?.id ?? '', priority: 0, changes: [change('personaName', 'Champion')] },
        ],
      },
    ]);
    const deps = h.deps();
    const result = await pushPhase(deps, deps.connector.usage().calls);
    expect(result).toMatchObject({ recordsWritten: 2, writeFailures: 1, errors: [expect.stringMatching(/^contact NO-SUCH-CONTACT: NOT_FOUND/)] });
    const [failed] = await h.store.failedOutbox('file', 10);
    expect(failed?.payload).toEqual({ type: 'fields', accountId, updates: [expect.objectContaining({ recordId: 'NO-SUCH-CONTACT' })] });
    expect(await h.store.countPendingOutbox('file')).toBe(0);
    expect(readCsv(join(h.dataDir, 'accounts.csv')).find((r) => r.id === accountId)?.tier).toBe('Tier 1');
    expect(readCsv(join(h.dataDir, 'contacts.csv')).find((r) => r.id === contact?.id)?.persona).toBe('Champion');
  });

  it('retries only the part of an account item that failed', async () => {
    const sleeps: number[] = [];
    // The first CRM call (every account record of the page) fails once; the contacts' call succeeds at once.
    const deps = flakyDeps(h, 1, 3, sleeps);
    const first = await runSync(deps, RUN);
    expect(first.run.status).toBe('succeeded');
    expect(sleeps).toEqual([1000]);
    // every record written exactly once: the retry did not resend the contacts of the failed items
    expect(first.run.counts.recordsWritten).toBe(await recordsOfCleanRun());
  });

  it('stopping for the budget mid-item keeps only the unwritten part: the next run writes each record once', async () => {
    const deps = h.deps();
    // A run with no call budget plans everything and writes nothing …
    const planned = await runSync({ ...deps, settings: { ...deps.settings, maxCallsPerRun: 0 } }, RUN);
    expect(planned.run.counts.recordsWritten).toBe(0);
    // … then a push allowed one call: the page's account records go out, its contact records do not.
    const oneCall = h.deps();
    const capped = await pushPhase({ ...oneCall, settings: { ...oneCall.settings, maxCallsPerRun: 1 } }, oneCall.connector.usage().calls);
    expect(capped).toMatchObject({ stoppedForBudget: true, recordsWritten: readCsv(join(h.dataDir, 'accounts.csv')).length });
    const next = await runSync(h.deps(), RUN);
    expect(next.run.status).toBe('succeeded');
    expect(capped.recordsWritten + next.run.counts.recordsWritten).toBe(await recordsOfCleanRun());
    expect(await h.store.countPendingOutbox('file')).toBe(0);
  });

  it('reads the outbox a page at a time however much of it was already written (memory stays flat)', async () => {
    const deps = h.deps();
    const planned = await runSync({ ...deps, settings: { ...deps.settings, maxCallsPerRun: 0 } }, RUN);
    expect(planned.run.counts.recordsWritten).toBe(0);
    const items = await h.store.countPendingOutbox('file');
    const limits: number[] = [];
    const store = new Proxy(h.store, {
      get(target, name, receiver) {
        if (name !== 'pendingOutbox') return Reflect.get(target, name, receiver) as unknown;
        return (connector: string, limit: number) => {
          limits.push(limit);
          return target.pendingOutbox(connector, limit);
        };
      },
    });
    const result = await pushPhase({ ...h.deps(), store }, 0, { pageSize: 50 });
    expect(result.writeFailures).toBe(0);
    expect(await h.store.countPendingOutbox('file')).toBe(0);
    expect(limits.length).toBeGreaterThanOrEqual(Math.ceil(items / 50));
    expect(Math.max(...limits)).toBe(50);
  });
});

/** How many records a first run over the example CRM writes when nothing goes wrong. */
async function recordsOfCleanRun(): Promise<number> {
  const reference = await createHarness();
  try {
    return (await runSync(reference.deps(), RUN)).run.counts.recordsWritten;
  } finally {
    await reference.close();
  }
}
