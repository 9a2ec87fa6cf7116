/**
 * Nothing lost: a run killed at any point and started again ends with every planned write applied once and every
 * task created once. The "kill" is a fault hook throwing SimulatedCrash at the named point.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimulatedCrash, type FaultPoint } from '../../src/sync/faults.js';
import { runSync } from '../../src/sync/run-sync.js';
import { createHarness, EXAMPLE_NOW, type Harness, harnessPerTest, readCsv, tryReadCsv } from './engine-harness.js';

const RUN = { full: false, dryRun: false };

function crashAt(point: FaultPoint, afterCalls = 1): Partial<Record<FaultPoint, () => void>> {
  let calls = 0;
  return {
    [point]: () => {
      calls++;
      if (calls >= afterCalls) throw new SimulatedCrash(point);
    },
  };
}

function taskKeys(h: Harness): string[] {
  return tryReadCsv(join(h.dataDir, 'tasks.csv')).map((t) => t.sync_key ?? '');
}

describe('crash and resume', () => {
  let h: Harness;
  harnessPerTest((fresh) => (h = fresh));

  it('a clean run writes scores and tasks; a second run with no changes writes nothing', async () => {
    const first = await runSync(h.deps(), RUN);
    expect(first.run.status).toBe('succeeded');
    expect(first.run.counts.scoredAccounts).toBeGreaterThan(100);
    expect(first.run.counts.fieldsChanged).toBeGreaterThan(0);
    expect(first.run.counts.tasksCreated).toBeGreaterThan(0);
    expect(taskKeys(h)).toHaveLength(first.run.counts.tasksCreated);
    const accounts = readCsv(join(h.dataDir, 'accounts.csv'));
    expect(accounts.every((a) => (a.fit_score ?? '') !== '' && (a.score_reasons ?? '') !== '')).toBe(true);

    const second = await runSync(h.deps(), RUN);
    expect(second.run.counts.fieldsChanged).toBe(0);
    expect(second.run.counts.recordsWritten).toBe(0);
    expect(second.run.counts.tasksCreated).toBe(0);
    expect(second.run.counts.apiCalls).toBeLessThan(first.run.counts.apiCalls);
  });

  it.each<[FaultPoint, number]>([
    ['afterEnqueue', 1],
    ['beforePush', 1],
    ['afterCrmWrite', 1],
    ['afterPushBatch', 1],
  ])('killed at %s: the next run applies every planned write once and creates each task once', async (point, after) => {
    await expect(runSync(h.deps(crashAt(point, after)), RUN)).rejects.toBeInstanceOf(SimulatedCrash);
    const resumed = await runSync(h.deps(), RUN);
    expect(resumed.run.status).toBe('succeeded');

    const keys = taskKeys(h);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(0);
    expect(await h.store.countPendingOutbox('file')).toBe(0);

    // The result equals an uninterrupted run over the same data.
    const clean = await createHarness();
    try {
      await runSync(clean.deps(), RUN);
      expect(readFileSync(join(h.dataDir, 'accounts.csv'), 'utf8')).toBe(readFileSync(join(clean.dataDir, 'accounts.csv'), 'utf8'));
      expect(keys.sort()).toEqual(taskKeys(clean).sort());
    } finally {
      await clean.close();
    }

    const again = await runSync(h.deps(), RUN);
    expect(again.run.counts.recordsWritten).toBe(0);
    expect(again.run.counts.tasksCreated).toBe(0);
  });

  it('killed mid-batch and resumed the next day: still one task per rule and account', async () => {
    await expect(runSync(h.deps(crashAt('afterEnqueue')), RUN)).rejects.toBeInstanceOf(SimulatedCrash);
    const nextDay = new Date(EXAMPLE_NOW.getTime() + 86_400_000);
    await runSync(h.deps(undefined, nextDay), RUN);
    const tasks = tryReadCsv(join(h.dataDir, 'tasks.csv'));
    expect(tasks.length).toBeGreaterThan(0);
    const perRuleAndAccount = new Set(tasks.map((t) => `${t.rule}:${t.account_id}`));
    expect(perRuleAndAccount.size).toBe(tasks.length);
  });

  it('a crash during pull never moves a watermark past unstored records', async () => {
    await expect(runSync(h.deps(crashAt('afterPullPage', 1)), RUN)).rejects.toBeInstanceOf(SimulatedCrash);
    const resumed = await runSync(h.deps(), RUN);
    const accounts = readCsv(join(h.dataDir, 'accounts.csv'));
    expect(await h.store.countRecords('file', 'account')).toBe(accounts.length);
    expect(resumed.run.counts.scoredAccounts).toBe(accounts.length);
  });
});
