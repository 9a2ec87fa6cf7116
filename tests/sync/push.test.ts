/** Push: per-record outcomes, retries with backoff for retryable failures, permanent failures kept, budget respected. */
import { createFileConnector } from '../../connectors/file/index.js';
import { nodeFileOps } from '../../connectors/file/atomic-write.js';
import { silentLogger } from '../../src/log/logger.js';
import type { EngineDeps } from '../../src/sync/engine-deps.js';
import { runSync } from '../../src/sync/run-sync.js';
import { createHarness, type Harness } from './engine-harness.js';

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
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('retries retryable failures with growing backoff and then applies every write', async () => {
    const sleeps: number[] = [];
    // Pass 1: the account, contact and task batches all fail; pass 2: the account batch fails again; pass 3 succeeds.
    const result = await runSync(flakyDeps(h, 4, 4, sleeps), RUN);
    expect(result.run.status).toBe('succeeded');
    expect(sleeps).toEqual([1000, 2000]);
    expect(result.run.counts.writeFailures).toBe(0);
    expect(await h.store.countPendingOutbox('file')).toBe(0);
    const again = await runSync(h.deps(), RUN);
    expect(again.run.counts.recordsWritten).toBe(0);
  });

  it('gives up after maxAttempts, reports each record with the error, and keeps the rest', async () => {
    const sleeps: number[] = [];
    const result = await runSync(flakyDeps(h, 1000, 2, sleeps), RUN);
    expect(result.run.status).toBe('partial');
    expect(result.run.counts.writeFailures).toBeGreaterThan(0);
    expect(result.run.errors[0]).toMatch(/^(account|contact|task) \S+: WRITE_FAILED: .*EIO/);
    expect(await h.store.failedOutbox('file', 10)).not.toHaveLength(0);
    expect(sleeps).toEqual([1000]);
  });

  it('a record the CRM does not know fails permanently with its id and is not retried', async () => {
    await h.store.enqueueOutbox('manual', 'file', [
      { type: 'fields', update: { kind: 'account', recordId: 'NO-SUCH-ID', priority: 0, changes: [{ output: 'tier', crmField: 'tier', oldValue: null, newValue: 'Tier 1' }] } },
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
});
