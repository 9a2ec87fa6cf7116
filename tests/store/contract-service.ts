/** What `scoresync serve` keeps in the store: account search, event targets, rescore marks, score values, dry-run plans. */
import type { ContractContext } from './contract.js';
import { account, accountScore, contact, SOURCE } from './fixtures.js';

const T1 = '2024-03-10T12:00:00.000Z';
const T2 = '2024-03-10T12:05:00.000Z';

export function serviceContract({ open }: ContractContext): void {
  it('finds accounts by a part of the name or domain, any case, with no wildcards', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1', { name: 'Acme Robotics', domain: 'acme.io' }), account('a2', { name: '100% Pure', domain: 'pure.com' })]);
    await store.upsertRecords('hubspot', 'account', [account('h1', { source: 'hubspot', name: 'Bolt', domain: 'acmebolt.com' })]);
    expect(await store.searchAccounts('ACME', 10)).toEqual([
      { source: SOURCE, id: 'a1', name: 'Acme Robotics', domain: 'acme.io' },
      { source: 'hubspot', id: 'h1', name: 'Bolt', domain: 'acmebolt.com' },
    ]);
    expect((await store.searchAccounts('%', 10)).map((a) => a.id)).toEqual(['a2']);
    expect(await store.searchAccounts('_', 10)).toEqual([]);
    expect(await store.searchAccounts('acme', 1)).toHaveLength(1);
  });

  it('finds the accounts and contacts events name, by normalised domain and lower-cased email', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1', { domain: 'acme.io' })]);
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1', { email: 'Jane.Doe@Acme.io' }), contact('c2', null, { email: 'solo@x.com' })]);
    const targets = await store.findEventTargets(SOURCE, ['acme.io', 'nope.com'], ['jane.doe@acme.io', 'solo@x.com', 'who@x.com']);
    expect([...targets.accountsByDomain]).toEqual([['acme.io', 'a1']]);
    expect(Object.fromEntries(targets.contactsByEmail)).toEqual({ 'jane.doe@acme.io': { contactId: 'c1', accountId: 'a1' }, 'solo@x.com': { contactId: 'c2', accountId: null } });
    expect((await store.findEventTargets('hubspot', ['acme.io'], ['jane.doe@acme.io'])).accountsByDomain.size).toBe(0);
  });

  it('keeps rescore marks until exactly the marks read are cleared; a newer mark survives', async () => {
    const store = await open();
    await store.markForRescore(SOURCE, ['a1', 'a2', 'a1'], T1);
    const read = await store.rescoreMarks(SOURCE);
    expect(read).toEqual([{ accountId: 'a1', markedAt: T1 }, { accountId: 'a2', markedAt: T1 }]);
    await store.markForRescore(SOURCE, ['a2'], T2);
    await store.clearRescoreMarks(SOURCE, read);
    expect(await store.rescoreMarks(SOURCE)).toEqual([{ accountId: 'a2', markedAt: T2 }]);
    expect(await store.rescoreMarks('hubspot')).toEqual([]);
  });

  it('reads the values distributions count from the latest scores', async () => {
    const store = await open();
    await store.saveScores(SOURCE, 'run-1', [accountScore('a1', T1, 80), accountScore('a2', T1, 35)], []);
    const values = await store.latestScoreValues(SOURCE);
    expect(values.sort((a, b) => a.fitScore - b.fitScore)).toEqual([
      { fitScore: 35, fitBucket: 'Moderate', engagementScore: 10, intentScore: 0, inMarket: false, stage: 'Awareness', tier: 'Tier 2', qualified: false },
      { fitScore: 80, fitBucket: 'Moderate', engagementScore: 10, intentScore: 0, inMarket: false, stage: 'Awareness', tier: 'Tier 2', qualified: false },
    ]);
  });

  it('keeps the newest dry-run plans per connector', async () => {
    const store = await open();
    const plan = (n: number) => ({ runId: `dry-${n}`, connector: SOURCE, createdAt: `2024-03-10T12:0${n}:00.000Z`, plan: { updates: [], tasks: [], names: { a1: `Acme ${n}` } } });
    for (const n of [1, 2, 3]) await store.savePlan(plan(n), 2);
    expect(await store.getPlan('dry-1')).toBeNull();
    expect(await store.getPlan('dry-3')).toEqual(plan(3));
    expect(await store.getPlan('dry-2')).toEqual(plan(2));
  });
}
