import type { TaskLedgerEntry } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { emptyCounts } from '../../src/model/sync.js';
import { run, SOURCE, taskPayload } from './fixtures.js';

const planned = (key: string, plannedAt = '2024-03-01T00:00:00.000Z'): TaskLedgerEntry => ({
  key,
  rule: 'became-qualified',
  accountId: 'a1',
  status: 'planned',
  crmId: null,
  plannedAt,
  createdAt: null,
});

export function ledgerContract({ open }: ContractContext): void {
  it('plans new keys, marks them created, and never downgrades a created entry', async () => {
    const store = await open();
    await store.planLedgerEntries([planned('k1'), planned('k2')]);
    await store.markLedgerCreated('k1', '00T000000000001', '2024-03-01T01:00:00.000Z');
    await store.planLedgerEntries([planned('k1', '2024-03-02T00:00:00.000Z'), planned('k2', '2024-03-02T00:00:00.000Z'), planned('k3')]);
    const entries = await store.getLedgerEntries(['k1', 'k2', 'k3', 'unknown']);
    expect([...entries.keys()].sort()).toEqual(['k1', 'k2', 'k3']);
    expect(entries.get('k1')).toEqual({ ...planned('k1'), status: 'created', crmId: '00T000000000001', createdAt: '2024-03-01T01:00:00.000Z' });
    // Re-planning a planned key keeps the original entry.
    expect(entries.get('k2')).toEqual(planned('k2'));
  });

  it('accepts an already-created entry in a plan and keeps the created copy when a batch repeats a key', async () => {
    const store = await open();
    const created: TaskLedgerEntry = { ...planned('k1'), status: 'created', crmId: 'T-1', createdAt: '2024-03-01T02:00:00.000Z' };
    await store.planLedgerEntries([planned('k1')]);
    await store.planLedgerEntries([created, planned('k1')]);
    expect((await store.getLedgerEntries(['k1'])).get('k1')).toEqual(created);
  });

  it('remembers a created task even when its plan entry was lost, taking rule and account from the outbox', async () => {
    const store = await open();
    await store.enqueueOutbox('run-1', SOURCE, [taskPayload('k-lost')]);
    await store.markLedgerCreated('k-lost', null, '2024-03-01T03:00:00.000Z');
    expect((await store.getLedgerEntries(['k-lost'])).get('k-lost')).toEqual({
      key: 'k-lost',
      rule: 'became-qualified',
      accountId: 'a1',
      status: 'created',
      crmId: null,
      plannedAt: '2024-03-01T03:00:00.000Z',
      createdAt: '2024-03-01T03:00:00.000Z',
    });
  });

  it('saves, updates and lists runs newest first', async () => {
    const store = await open();
    await store.saveRun(run('r1', '2024-03-01T00:00:00.000Z'));
    await store.saveRun(run('r3', '2024-03-03T00:00:00.000Z'));
    await store.saveRun(run('r2', '2024-03-02T00:00:00.000Z'));
    const finished = { ...run('r1', '2024-03-01T00:00:00.000Z'), status: 'succeeded' as const, finishedAt: '2024-03-01T00:05:00.000Z', errors: ['a1: bad'] };
    await store.saveRun(finished);
    expect(await store.getRun('r1')).toEqual(finished);
    expect(await store.getRun('nope')).toBeNull();
    expect((await store.listRuns(10)).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    expect((await store.listRuns(2)).map((r) => r.id)).toEqual(['r3', 'r2']);
  });

  it('marks the connector\'s other running runs abandoned, with when and why', async () => {
    const store = await open();
    await store.saveRun(run('killed', '2024-03-01T00:00:00.000Z'));
    await store.saveRun({ ...run('done', '2024-03-01T01:00:00.000Z'), status: 'succeeded' });
    await store.saveRun({ ...run('other-crm', '2024-03-01T01:00:00.000Z'), connector: 'hubspot' });
    await store.saveRun(run('me', '2024-03-02T00:00:00.000Z'));
    expect(await store.abandonRuns(SOURCE, 'me', '2024-03-02T00:00:01.000Z', 'the process stopped; run me took over')).toEqual(['killed']);
    expect(await store.getRun('killed')).toMatchObject({ status: 'abandoned', finishedAt: '2024-03-02T00:00:01.000Z', errors: ['the process stopped; run me took over'] });
    expect((await store.getRun('me'))?.status).toBe('running');
    expect((await store.getRun('other-crm'))?.status).toBe('running');
    expect(await store.abandonRuns(SOURCE, 'me', '2024-03-02T00:00:02.000Z', 'again')).toEqual([]);
  });

  it('reads a run stored before newer counts existed with those counts at 0', async () => {
    const store = await open();
    const old = run('old', '2024-03-01T00:00:00.000Z');
    const { orphanContacts: _o, orphanOpportunities: _p, writesDeferred: _d, writesWaiting: _w, ...oldCounts } = old.counts;
    await store.saveRun({ ...old, counts: oldCounts as typeof old.counts });
    expect((await store.getRun('old'))?.counts).toEqual(emptyCounts());
    expect((await store.listRuns(1))[0]?.counts).toEqual(emptyCounts());
  });
}
