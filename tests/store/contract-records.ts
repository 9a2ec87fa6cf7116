import { StoreError } from '../../src/store/open-store.js';
import type { ContractContext } from './contract.js';
import { account, activity, contact, lead, opportunity, SOURCE } from './fixtures.js';

export function recordContract({ open }: ContractContext): void {
  it('reports new records as changed, the same records again as unchanged, and an edit as changed', async () => {
    const store = await open();
    expect(await store.upsertRecords(SOURCE, 'account', [account('a1'), account('a2')])).toEqual(['a1', 'a2']);
    expect(await store.upsertRecords(SOURCE, 'account', [account('a1'), account('a2')])).toEqual([]);
    expect(await store.upsertRecords(SOURCE, 'account', [account('a1'), account('a2', { employees: 999 })])).toEqual(['a2']);
    expect((await store.getRecord(SOURCE, 'account', 'a2'))?.employees).toBe(999);
  });

  it('hashes content, not key order', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1', { features: { score: 1, region: 'EU' } })]);
    const reordered = Object.fromEntries(Object.entries(contact('c1', 'a1', { features: { region: 'EU', score: 1 } })).reverse());
    expect(await store.upsertRecords(SOURCE, 'contact', [reordered as ReturnType<typeof contact>])).toEqual([]);
  });

  it('keeps the last copy when a batch repeats an id', async () => {
    const store = await open();
    const changed = await store.upsertRecords(SOURCE, 'account', [account('a1', { name: 'Old' }), account('a1', { name: 'New' })]);
    expect(changed).toEqual(['a1']);
    expect((await store.getRecord(SOURCE, 'account', 'a1'))?.name).toBe('New');
  });

  it('round-trips records exactly and keeps sources apart', async () => {
    const store = await open();
    const original = opportunity('o1', 'a1', { contactIds: ['c1', 'c2'], amount: 1234.5, closeDate: '2024-04-01' });
    await store.upsertRecords(SOURCE, 'opportunity', [original]);
    await store.upsertRecords('other', 'account', [account('z9')]);
    expect(await store.getRecord(SOURCE, 'opportunity', 'o1')).toEqual(original);
    expect(await store.getRecord(SOURCE, 'opportunity', 'missing')).toBeNull();
    expect(await store.getRecord(SOURCE, 'account', 'z9')).toBeNull();
    expect(await store.countRecords(SOURCE, 'opportunity')).toBe(1);
    expect(await store.countRecords(SOURCE, 'account')).toBe(0);
    expect(await store.listAccountIds('other')).toEqual(['z9']);
  });

  it('round-trips activities exactly, including what their columns cannot hold', async () => {
    const store = await open();
    const plain = { ...activity('e1', 'a1', null), detail: {} };
    const detailed = { ...activity('e2', null, 'c1'), type: 'web_visit' as const, detail: { url: 'https://acme.com/pricing', score: 80 } };
    const foreign = { ...activity('e3', 'a1', null), source: 'hubspot' };
    const extra = { ...activity('e4', 'a1', null), campaign: 'spring' } as ReturnType<typeof activity>;
    await store.upsertRecords(SOURCE, 'activity', [plain, detailed, foreign, extra]);
    for (const original of [plain, detailed, foreign, extra]) expect(await store.getRecord(SOURCE, 'activity', original.id)).toEqual(original);
    expect(await store.getRecord(SOURCE, 'activity', 'missing')).toBeNull();
    expect(await store.upsertRecords(SOURCE, 'activity', [plain, detailed, foreign, extra])).toEqual([]);
    expect(await store.upsertRecords(SOURCE, 'activity', [{ ...detailed, detail: { url: 'https://acme.com/' } }])).toEqual(['e2']);
    expect(await store.countRecords(SOURCE, 'activity')).toBe(4);
    expect(await store.countRecords('other', 'activity')).toBe(0);
  });

  it('lists account ids in a stable order', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('b'), account('c'), account('a')]);
    expect(await store.listAccountIds(SOURCE)).toEqual(['a', 'b', 'c']);
  });

  it('upserts a 5,000-record batch in one call', async () => {
    const store = await open();
    const batch = Array.from({ length: 5000 }, (_, i) => activity(`x${i}`, `a${i % 50}`, null, `2024-02-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000Z`));
    expect(await store.upsertRecords(SOURCE, 'activity', batch)).toHaveLength(5000);
    expect(await store.upsertRecords(SOURCE, 'activity', batch)).toEqual([]);
    expect(await store.countRecords(SOURCE, 'activity')).toBe(5000);
  });

  it('finds affected accounts for every kind, including activities known only through their contact', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1'), account('a2')]);
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1'), contact('c2', 'a2'), contact('c0', null)]);
    await store.upsertRecords(SOURCE, 'opportunity', [opportunity('o1', 'a2'), opportunity('o0', null)]);
    await store.upsertRecords(SOURCE, 'activity', [
      activity('e1', 'a1', null),
      activity('e2', null, 'c2'),
      activity('e3', null, 'c0'),
      activity('e4', null, null),
      activity('e5', 'a1', 'c2'),
    ]);
    const sorted = async (kind: Parameters<typeof store.affectedAccountIds>[1], ids: string[]) => (await store.affectedAccountIds(SOURCE, kind, ids)).sort();
    expect(await sorted('account', ['a1', 'a2'])).toEqual(['a1', 'a2']);
    expect(await sorted('contact', ['c1', 'c2', 'c0'])).toEqual(['a1', 'a2']);
    expect(await sorted('opportunity', ['o1', 'o0'])).toEqual(['a2']);
    expect(await sorted('activity', ['e2'])).toEqual(['a2']);
    expect(await sorted('activity', ['e1', 'e2', 'e3', 'e4'])).toEqual(['a1', 'a2']);
    // An activity on a1 by a contact of a2 is in both bundles, so both are rescored.
    expect(await sorted('activity', ['e5'])).toEqual(['a1', 'a2']);
    expect(await store.affectedAccountIds(SOURCE, 'activity', [])).toEqual([]);
  });

  it('answers for 10,000+ ids at once', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1'), contact('c2', 'a2')]);
    const ids = [...Array.from({ length: 10_500 }, (_, i) => `unknown-${i}`), 'c2', 'c1', 'c1'];
    expect((await store.affectedAccountIds(SOURCE, 'contact', ids)).sort()).toEqual(['a1', 'a2']);
  });

  it('merges written CRM values so the next pull of the same values is unchanged', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1', { crmValues: { fitScore: '62', tier: 'Tier 2' } })]);
    await store.setCrmValues(SOURCE, 'account', 'a1', { fitScore: '71' });
    expect((await store.getRecord(SOURCE, 'account', 'a1'))?.crmValues).toEqual({ fitScore: '71', tier: 'Tier 2' });
    const repulled = account('a1', { crmValues: { tier: 'Tier 2', fitScore: '71' } });
    expect(await store.upsertRecords(SOURCE, 'account', [repulled])).toEqual([]);
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1')]);
    await store.setCrmValues(SOURCE, 'contact', 'c1', { personaGrade: 'A' });
    expect(await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1', { crmValues: { personaGrade: 'A' } })])).toEqual([]);
  });

  it('refuses CRM values for a record it does not hold, naming the record', async () => {
    const store = await open();
    await expect(store.setCrmValues(SOURCE, 'account', 'ghost', { fitScore: '1' })).rejects.toThrow(StoreError);
    await expect(store.setCrmValues(SOURCE, 'account', 'ghost', { fitScore: '1' })).rejects.toThrow(/account ghost/);
  });

  it('stores intent rows once per (domain, topic, observedAt, source) and counts only new or changed ones', async () => {
    const store = await open();
    const signal = { domain: 'acme.com', topic: 'CRM', score: 72, observedAt: '2024-02-26', source: 'bombora' };
    expect(await store.upsertIntent([signal, { ...signal, topic: 'ABM' }])).toBe(2);
    expect(await store.upsertIntent([signal])).toBe(0);
    expect(await store.upsertIntent([{ ...signal, score: 80 }, { ...signal, score: 81 }])).toBe(1);
  });

  it('keeps one watermark per source and stream', async () => {
    const store = await open();
    expect(await store.getWatermark(SOURCE, 'account')).toBeNull();
    await store.setWatermark(SOURCE, 'account', '2024-03-01T00:00:00.000Z');
    await store.setWatermark(SOURCE, 'account', '2024-03-02T00:00:00.000Z');
    await store.setWatermark(SOURCE, 'rescore-all', '2024-03-01T06:00:00.000Z');
    expect(await store.getWatermark(SOURCE, 'account')).toBe('2024-03-02T00:00:00.000Z');
    expect(await store.getWatermark(SOURCE, 'rescore-all')).toBe('2024-03-01T06:00:00.000Z');
    expect(await store.getWatermark('other', 'account')).toBeNull();
  });

  it('counts contacts and opportunities whose account is missing, with examples', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1')]);
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1'), contact('c2', 'gone'), contact('c3', null), contact('c4', 'gone')]);
    await store.upsertRecords(SOURCE, 'opportunity', [opportunity('o1', 'a1'), opportunity('o2', 'gone')]);
    await store.upsertRecords('hubspot', 'contact', [contact('h1', 'nowhere')]);
    const report = await store.orphanRecords(SOURCE, 2);
    expect(report.contacts).toBe(3);
    expect(report.opportunities).toBe(1);
    expect(report.examples).toHaveLength(2);
    expect(report.examples[0]).toEqual({ kind: 'contact', id: 'c2', accountId: 'gone' });
    expect(await store.orphanRecords('salesforce', 5)).toEqual({ contacts: 0, opportunities: 0, examples: [] });
  });
}

/** Records deleted in the CRM leave the store (pull's deletedIds), and a deleted lead takes its match and score along. */
export function deletionContract({ open }: ContractContext): void {
  it('removes deleted records of each kind, ignores unknown ids and other sources', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1'), account('a2')]);
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1'), contact('c2', 'a1')]);
    await store.upsertRecords(SOURCE, 'activity', [activity('e1', 'a1', 'c1'), activity('e2', 'a1', null)]);
    await store.upsertRecords('other', 'account', [account('a1')]);
    expect(await store.deleteRecords(SOURCE, 'account', ['a2', 'missing'])).toBe(1);
    expect(await store.deleteRecords(SOURCE, 'contact', ['c2'])).toBe(1);
    expect(await store.deleteRecords(SOURCE, 'activity', ['e2', 'e2'])).toBe(1);
    expect(await store.deleteRecords(SOURCE, 'account', [])).toBe(0);
    expect(await store.listAccountIds(SOURCE)).toEqual(['a1']);
    expect(await store.getRecord(SOURCE, 'contact', 'c2')).toBeNull();
    expect(await store.getRecord(SOURCE, 'contact', 'c1')).not.toBeNull();
    expect(await store.countRecords(SOURCE, 'activity')).toBe(1);
    expect(await store.listAccountIds('other')).toEqual(['a1']);
    const [bundle] = await store.loadBundles(SOURCE, ['a1']);
    expect(bundle?.contacts.map((c) => c.id)).toEqual(['c1']);
    expect(bundle?.activities.map((a) => a.id)).toEqual(['e1']);
  });

  it('a deleted lead is no longer matched, unmatched or scored', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1')]);
    await store.upsertRecords(SOURCE, 'lead', [lead('l1'), lead('l2')]);
    await store.saveLeadMatches(SOURCE, [
      { leadId: 'l1', status: 'matched', accountId: 'a1', reason: 'email domain acme.com', keys: ['d:acme.com'] },
      { leadId: 'l2', status: 'unmatched', accountId: null, reason: null, keys: [] },
    ]);
    expect(await store.deleteRecords(SOURCE, 'lead', ['l1', 'l2'])).toBe(2);
    expect(await store.listLeadIds(SOURCE)).toEqual([]);
    expect(await store.unmatchedLeadIds(SOURCE)).toEqual([]);
    expect((await store.leadMatches(SOURCE, ['l1', 'l2'])).size).toBe(0);
    const [bundle] = await store.loadBundles(SOURCE, ['a1']);
    expect(bundle?.leads).toEqual([]);
  });
}
