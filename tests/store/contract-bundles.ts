import type { ContractContext } from './contract.js';
import { account, activity, byId, contact, opportunity, SOURCE } from './fixtures.js';

export function bundleContract({ open }: ContractContext): void {
  it('assembles each account with its contacts, opportunities, activities (direct or via a contact) and intent by domain', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1', { domain: 'acme.com' }), account('a2', { domain: 'globex.io' }), account('a3', { domain: null })]);
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1'), contact('c2', 'a1'), contact('c3', 'a2')]);
    await store.upsertRecords(SOURCE, 'opportunity', [opportunity('o1', 'a1'), opportunity('o2', 'a2')]);
    await store.upsertRecords(SOURCE, 'activity', [
      activity('e-direct', 'a1', null, '2024-02-03T00:00:00.000Z'),
      activity('e-contact', null, 'c2', '2024-02-01T00:00:00.000Z'),
      activity('e-both', 'a1', 'c1', '2024-02-02T00:00:00.000Z'),
      activity('e-cross', 'a2', 'c1', '2024-02-04T00:00:00.000Z'),
      activity('e-other', 'a2', null),
    ]);
    await store.upsertIntent([
      { domain: 'https://www.Acme.com/', topic: 'CRM', score: 70, observedAt: '2024-02-20', source: 'bombora' },
      { domain: 'globex.io', topic: 'ABM', score: 40, observedAt: '2024-02-20', source: 'bombora' },
    ]);

    const bundles = await store.loadBundles(SOURCE, ['a2', 'missing', 'a1', 'a3']);
    expect(bundles.map((b) => b.account.id)).toEqual(['a2', 'a1', 'a3']);
    const [globex, acme, empty] = bundles;
    expect(byId(acme?.contacts ?? [])).toEqual(['c1', 'c2']);
    expect(byId(acme?.opportunities ?? [])).toEqual(['o1']);
    // Oldest first, each once: e-both is reached through the account and through c1.
    expect(byId(acme?.activities ?? [])).toEqual(['e-contact', 'e-both', 'e-direct', 'e-cross']);
    expect(acme?.intent).toEqual([{ domain: 'acme.com', topic: 'CRM', score: 70, observedAt: '2024-02-20', source: 'bombora' }]);
    expect(byId(globex?.contacts ?? [])).toEqual(['c3']);
    expect(byId(globex?.activities ?? []).sort()).toEqual(['e-cross', 'e-other']);
    expect(globex?.intent.map((i) => i.topic)).toEqual(['ABM']);
    expect(empty).toEqual({ account: account('a3', { domain: null }), contacts: [], leads: [], opportunities: [], activities: [], intent: [] });
  });

  it('returns the same bundles for a 500-account batch as one by one', async () => {
    const store = await open();
    const accounts = Array.from({ length: 500 }, (_, i) => account(`a${i}`));
    await store.upsertRecords(SOURCE, 'account', accounts);
    await store.upsertRecords(SOURCE, 'contact', accounts.map((a) => contact(`c-${a.id}`, a.id)));
    await store.upsertRecords(SOURCE, 'activity', accounts.map((a) => activity(`e-${a.id}`, null, `c-${a.id}`)));
    const ids = accounts.map((a) => a.id).reverse();
    const batch = await store.loadBundles(SOURCE, ids);
    expect(batch.map((b) => b.account.id)).toEqual(ids);
    expect(batch.every((b) => b.contacts.length === 1 && b.activities.length === 1 && b.activities[0]?.contactId === b.contacts[0]?.id)).toBe(true);
    expect(await store.loadBundles(SOURCE, ['a7'])).toEqual(batch.filter((b) => b.account.id === 'a7'));
    expect(await store.loadBundles(SOURCE, [])).toEqual([]);
  });

  it('leaves activities out when asked to, and only them', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1'), account('a2')]);
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1')]);
    await store.upsertRecords(SOURCE, 'opportunity', [opportunity('o1', 'a2')]);
    await store.upsertRecords(SOURCE, 'activity', [activity('e1', 'a1', null), activity('e2', null, 'c1'), activity('e3', 'a2', 'c1')]);
    const full = await store.loadBundles(SOURCE, ['a1', 'a2']);
    expect(full.map((b) => byId(b.activities))).toEqual([['e1', 'e2', 'e3'], ['e3']]);
    expect(full[0]?.activities).toEqual([activity('e1', 'a1', null), activity('e2', null, 'c1'), activity('e3', 'a2', 'c1')]);
    const lean = await store.loadBundles(SOURCE, ['a1', 'a2'], { activities: false });
    expect(lean).toEqual(full.map((b) => ({ ...b, activities: [] })));
    expect(await store.loadBundles(SOURCE, ['a1', 'a2'], { activities: true })).toEqual(full);
  });

  it('loads only activities since a date, with the latest older one per bundle (via the account or a contact)', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1'), account('a2'), account('a3'), account('a4')]);
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1'), contact('c2', 'a1'), contact('c4', 'a4')]);
    await store.upsertRecords(SOURCE, 'activity', [
      activity('old-direct', 'a1', null, '2024-01-10T00:00:00.000Z'),
      activity('older-contact', null, 'c2', '2024-01-20T00:00:00.000Z'), // the latest old one of a1, through c2
      activity('new-direct', 'a1', null, '2024-03-01T00:00:00.000Z'),
      activity('on-the-day', null, 'c1', '2024-02-01T00:00:00.000Z'), // "since" is inclusive
      activity('a2-old', 'a2', null, '2023-12-31T00:00:00.000Z'),
      activity('a4-cross', 'a2', 'c4', '2024-01-25T00:00:00.000Z'), // a2's own, and a4's through c4
    ]);
    const since = '2024-02-01T00:00:00.000Z';
    const bundles = await store.loadBundles(SOURCE, ['a1', 'a2', 'a3', 'a4'], { activitiesSince: since });
    expect(bundles.map((b) => [b.account.id, byId(b.activities), b.olderActivityAt])).toEqual([
      ['a1', ['on-the-day', 'new-direct'], '2024-01-20T00:00:00.000Z'],
      ['a2', [], '2024-01-25T00:00:00.000Z'],
      ['a3', [], null],
      ['a4', [], '2024-01-25T00:00:00.000Z'],
    ]);
    // Without a date nothing is left out and no bundle says anything about older activities.
    const all = await store.loadBundles(SOURCE, ['a1'], {});
    expect(byId(all[0]?.activities ?? [])).toEqual(['old-direct', 'older-contact', 'on-the-day', 'new-direct']);
    expect(all[0] && 'olderActivityAt' in all[0]).toBe(false);
  });

  it('gives a repeated id its own copy of the bundle', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1')]);
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1')]);
    const [first, second] = await store.loadBundles(SOURCE, ['a1', 'a1']);
    expect(second).toEqual(first);
    expect(second?.contacts).not.toBe(first?.contacts);
  });
}
