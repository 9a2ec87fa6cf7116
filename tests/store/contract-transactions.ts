import type { TaskLedgerEntry } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { accountScore, fieldsPayload, SOURCE, taskPayload } from './fixtures.js';

const ledger = (key: string): TaskLedgerEntry => ({
  key,
  rule: 'entered-decision',
  accountId: 'a1',
  status: 'planned',
  crmId: null,
  plannedAt: '2024-03-10T12:00:00.000Z',
  createdAt: null,
});

/** A scored batch is persisted as one unit: plan, ledger and scoring state commit together or not at all. */
export function transactionContract({ open }: ContractContext): void {
  async function persistBatch(store: Awaited<ReturnType<typeof open>>, fail: boolean): Promise<void> {
    await store.transaction(async () => {
      await store.enqueueOutbox('run-1', SOURCE, [fieldsPayload('a1', 1), taskPayload('t1')]);
      await store.planLedgerEntries([ledger('t1')]);
      // A nested transaction joins the outer one.
      await store.transaction(() => store.saveScores(SOURCE, 'run-1', [accountScore('a1', '2024-03-10T12:00:00.000Z')], []));
      if (fail) throw new Error('killed mid-batch');
    });
  }

  it('rolls every write of the batch back when it fails', async () => {
    const store = await open();
    await expect(persistBatch(store, true)).rejects.toThrow('killed mid-batch');
    expect(await store.countPendingOutbox(SOURCE)).toBe(0);
    expect((await store.getLedgerEntries(['t1'])).size).toBe(0);
    expect(await store.latestAccountScore(SOURCE, 'a1')).toBeNull();
  });

  it('commits every write of the batch together', async () => {
    const store = await open();
    await persistBatch(store, false);
    expect(await store.countPendingOutbox(SOURCE)).toBe(2);
    expect((await store.getLedgerEntries(['t1'])).get('t1')?.status).toBe('planned');
    expect((await store.latestAccountScore(SOURCE, 'a1'))?.fit.score).toBe(50);
    // Another connection sees it all.
    const other = await open();
    expect(await other.countPendingOutbox(SOURCE)).toBe(2);
  });
}
