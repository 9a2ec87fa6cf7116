import type { LeadMatchRecord } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { account, activity, byId, contact, lead, leadActivity, leadScore, SOURCE } from './fixtures.js';

const matched = (leadId: string, accountId: string, keys: string[] = [], reason = 'email domain acme.com'): LeadMatchRecord => ({
  leadId,
  status: 'matched',
  accountId,
  reason,
  keys,
});
const unmatched = (leadId: string, keys: string[] = []): LeadMatchRecord => ({ leadId, status: 'unmatched', accountId: null, reason: null, keys });
const converted = (leadId: string): LeadMatchRecord => ({ leadId, status: 'converted', accountId: null, reason: null, keys: [] });

export function leadContract({ open }: ContractContext): void {
  it('stores leads like other records and finds what they affect', async () => {
    const store = await open();
    const l1 = lead('L1', { website: 'acme.com', features: { source: 'webinar' } });
    expect(await store.upsertRecords(SOURCE, 'lead', [l1, lead('L2')])).toEqual(['L1', 'L2']);
    expect(await store.upsertRecords(SOURCE, 'lead', [l1])).toEqual([]);
    expect(await store.getRecord(SOURCE, 'lead', 'L1')).toEqual(l1);
    expect(await store.countRecords(SOURCE, 'lead')).toBe(2);
    expect(await store.listLeadIds(SOURCE)).toEqual(['L1', 'L2']);
    expect(byId(await store.getLeads(SOURCE, ['L2', 'missing', 'L1'])).sort()).toEqual(['L1', 'L2']);
    // A lead affects no account until it is matched; then its account.
    expect(await store.affectedAccountIds(SOURCE, 'lead', ['L1'])).toEqual([]);
    await store.saveLeadMatches(SOURCE, [matched('L1', 'a1')]);
    expect(await store.affectedAccountIds(SOURCE, 'lead', ['L1'])).toEqual(['a1']);
    expect(await store.affectedLeadIds(SOURCE, 'lead', ['L1', 'L1'])).toEqual(['L1']);
    expect(await store.affectedLeadIds(SOURCE, 'account', ['a1'])).toEqual([]);
    // Leads never show up as accounts.
    expect(await store.listAccountIds(SOURCE)).toEqual([]);
  });

  it('a converted lead affects its converted account and its contact\'s account', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a-contact')]);
    await store.upsertRecords(SOURCE, 'lead', [lead('L1', { isConverted: true, convertedContactId: 'c1', convertedAccountId: 'a-converted' })]);
    expect((await store.affectedAccountIds(SOURCE, 'lead', ['L1'])).sort()).toEqual(['a-contact', 'a-converted']);
    await store.upsertRecords(SOURCE, 'activity', [leadActivity('e1', 'L1')]);
    expect((await store.affectedAccountIds(SOURCE, 'activity', ['e1'])).sort()).toEqual(['a-contact', 'a-converted']);
  });

  it('stores activities on leads and finds their lead and its matched account', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'lead', [lead('L1'), lead('L2')]);
    await store.saveLeadMatches(SOURCE, [matched('L1', 'a1'), unmatched('L2')]);
    const onLead = leadActivity('e1', 'L1');
    const onAccountToo = leadActivity('e2', 'L2', '2024-03-02T00:00:00.000Z', 'a9');
    await store.upsertRecords(SOURCE, 'activity', [onLead, onAccountToo, activity('e3', 'a1', null)]);
    expect(await store.getRecord(SOURCE, 'activity', 'e1')).toEqual(onLead);
    expect(await store.upsertRecords(SOURCE, 'activity', [onLead])).toEqual([]);
    expect(await store.upsertRecords(SOURCE, 'activity', [{ ...onLead, leadId: 'L2' }])).toEqual(['e1']);
    expect(await store.affectedAccountIds(SOURCE, 'activity', ['e2'])).toEqual(['a9']);
    expect((await store.affectedAccountIds(SOURCE, 'activity', ['e1', 'e3'])).sort()).toEqual(['a1']);
    expect((await store.affectedLeadIds(SOURCE, 'activity', ['e1', 'e2', 'e3'])).sort()).toEqual(['L2']);
  });

  it('keeps each lead\'s match and its keys, reports changes, and finds leads by key or account', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'lead', [lead('L1'), lead('L2'), lead('L3')]);
    expect(await store.saveLeadMatches(SOURCE, [matched('L1', 'a1', ['domain:acme.com', 'name:acme']), unmatched('L2', ['domain:globex.io']), converted('L3')])).toEqual([
      { leadId: 'L1', from: null, to: 'a1', status: 'matched' },
      { leadId: 'L2', from: null, to: null, status: 'unmatched' },
      { leadId: 'L3', from: null, to: null, status: 'converted' },
    ]);
    // The same decisions again change nothing.
    expect(await store.saveLeadMatches(SOURCE, [matched('L1', 'a1', ['domain:acme.com', 'name:acme']), unmatched('L2', ['domain:globex.io'])])).toEqual([]);
    expect(await store.leadMatches(SOURCE, ['L1', 'L2', 'nobody'])).toEqual(
      new Map([
        ['L1', matched('L1', 'a1', ['domain:acme.com', 'name:acme'])],
        ['L2', unmatched('L2', ['domain:globex.io'])],
      ]),
    );
    expect(await store.unmatchedLeadIds(SOURCE)).toEqual(['L2']);
    expect(await store.leadIdsNear(SOURCE, ['domain:globex.io', 'name:nothing'], [])).toEqual(['L2']);
    expect(await store.leadIdsNear(SOURCE, [], ['a1'])).toEqual(['L1']);
    expect(await store.leadIdsNear(SOURCE, ['name:acme'], ['a1'])).toEqual(['L1']);
    // L2 is matched now and L1 moves: both changes are reported with the account they left.
    expect(await store.saveLeadMatches(SOURCE, [matched('L2', 'a2', ['domain:globex.io']), matched('L1', 'a2', ['name:acme'], 'website acme.com')])).toEqual([
      { leadId: 'L2', from: null, to: 'a2', status: 'matched' },
      { leadId: 'L1', from: 'a1', to: 'a2', status: 'matched' },
    ]);
    expect(await store.unmatchedLeadIds(SOURCE)).toEqual([]);
    expect(await store.leadIdsNear(SOURCE, ['domain:acme.com'], [])).toEqual([]);
    expect((await store.leadMatches(SOURCE, ['L1'])).get('L1')).toEqual(matched('L1', 'a2', ['name:acme'], 'website acme.com'));
    // A new reason or new keys for the same account are kept, and are no change of account.
    expect(await store.saveLeadMatches(SOURCE, [matched('L1', 'a2', ['domain:acme.io', 'name:acme'], "company name 'Acme'")])).toEqual([]);
    expect((await store.leadMatches(SOURCE, ['L1'])).get('L1')).toEqual(matched('L1', 'a2', ['domain:acme.io', 'name:acme'], "company name 'Acme'"));
    expect(await store.leadIdsNear(SOURCE, ['domain:acme.io'], [])).toEqual(['L1']);
    expect(await store.leadMatches('other', ['L1'])).toEqual(new Map());
  });

  it('gives each account its matched leads with their reasons and activities, and converted leads\' activities as their contacts\'', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('a1'), account('a2')]);
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1')]);
    await store.upsertRecords(SOURCE, 'lead', [
      lead('L2'),
      lead('L1'),
      lead('L3'),
      lead('Lconv', { isConverted: true, convertedContactId: 'c1', convertedAccountId: 'a1' }),
    ]);
    await store.saveLeadMatches(SOURCE, [matched('L1', 'a1', [], 'website a1.example.com'), matched('L2', 'a1'), matched('L3', 'a2'), converted('Lconv')]);
    await store.upsertRecords(SOURCE, 'activity', [
      leadActivity('e-L1', 'L1', '2024-02-01T00:00:00.000Z'),
      // On a lead and on the account: in the bundle once.
      leadActivity('e-L2-and-a1', 'L2', '2024-02-02T00:00:00.000Z', 'a1'),
      // On a lead matched elsewhere but logged on a1: in both bundles.
      leadActivity('e-L3-on-a1', 'L3', '2024-02-03T00:00:00.000Z', 'a1'),
      leadActivity('e-conv', 'Lconv', '2024-02-04T00:00:00.000Z'),
    ]);
    const [a1, a2] = await store.loadBundles(SOURCE, ['a1', 'a2']);
    expect(byId(a1?.leads ?? [])).toEqual(['L1', 'L2']);
    expect(a1?.leadMatchReasons).toEqual({ L1: 'website a1.example.com', L2: 'email domain acme.com' });
    expect(byId(a1?.activities ?? [])).toEqual(['e-L1', 'e-L2-and-a1', 'e-L3-on-a1', 'e-conv']);
    // The converted lead's activity reads as its contact's.
    expect(a1?.activities.find((a) => a.id === 'e-conv')).toMatchObject({ contactId: 'c1', leadId: 'Lconv' });
    expect(byId(a2?.leads ?? [])).toEqual(['L3']);
    expect(byId(a2?.activities ?? [])).toEqual(['e-L3-on-a1']);
    expect(a2?.leadMatchReasons).toEqual({ L3: 'email domain acme.com' });
    // Activities left out: the latest older lead activity counts for "the last activity".
    const recent = await store.loadBundles(SOURCE, ['a1', 'a2'], { activitiesSince: '2024-02-04T00:00:00.000Z' });
    expect(recent.map((b) => [byId(b.activities), b.olderActivityAt])).toEqual([
      [['e-conv'], '2024-02-03T00:00:00.000Z'],
      [[], '2024-02-03T00:00:00.000Z'],
    ]);
  });

  it('loads unmatched leads on their own with their activities', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'lead', [lead('L1'), lead('L2'), lead('L3')]);
    await store.saveLeadMatches(SOURCE, [unmatched('L1'), unmatched('L2'), matched('L3', 'a1')]);
    await store.upsertRecords(SOURCE, 'activity', [
      leadActivity('e2', 'L1', '2024-02-02T00:00:00.000Z'),
      leadActivity('e1', 'L1', '2024-01-01T00:00:00.000Z'),
      leadActivity('e3', 'L3', '2024-02-02T00:00:00.000Z'),
    ]);
    const bundles = await store.loadLeadBundles(SOURCE, ['L3', 'L2', 'missing', 'L1']);
    expect(bundles.map((b) => [b.lead.id, byId(b.activities)])).toEqual([
      ['L2', []],
      ['L1', ['e1', 'e2']],
    ]);
    expect(bundles.every((b) => !('olderActivityAt' in b))).toBe(true);
    const recent = await store.loadLeadBundles(SOURCE, ['L1', 'L2'], { activitiesSince: '2024-02-01T00:00:00.000Z' });
    expect(recent.map((b) => [b.lead.id, byId(b.activities), b.olderActivityAt])).toEqual([
      ['L1', ['e2'], '2024-01-01T00:00:00.000Z'],
      ['L2', [], null],
    ]);
  });

  it('keeps the latest score per lead and remembers what the CRM holds', async () => {
    const store = await open();
    await store.saveLeadScores(SOURCE, 'run-1', [leadScore('L1', 'a1', 40), leadScore('L2', null)]);
    await store.saveLeadScores(SOURCE, 'run-2', [leadScore('L1', null, 70)]);
    expect(await store.latestLeadScores(SOURCE, ['L1', 'L2', 'L9'])).toEqual(
      new Map([
        ['L1', leadScore('L1', null, 70)],
        ['L2', leadScore('L2', null)],
      ]),
    );
    await store.upsertRecords(SOURCE, 'lead', [lead('L1')]);
    await store.setCrmValues(SOURCE, 'lead', 'L1', { personaScore: '70' });
    expect((await store.getRecord(SOURCE, 'lead', 'L1'))?.crmValues).toEqual({ personaScore: '70' });
    // The next pull of the same values is no change.
    expect(await store.upsertRecords(SOURCE, 'lead', [lead('L1', { crmValues: { personaScore: '70' } })])).toEqual([]);
  });

  it('gives the lead matcher every account\'s domain, name and size', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'account', [account('b', { domain: 'https://www.B.com', employees: null }), account('a', { name: 'Acme, Inc.' })]);
    expect(await store.accountMatchKeys(SOURCE)).toEqual([
      { id: 'a', domain: 'a.example.com', name: 'Acme, Inc.', employees: 120 },
      { id: 'b', domain: 'b.com', name: 'Account b', employees: null },
    ]);
  });
}
