import { bundleAsOf, outcomesAfter } from '../../src/scoring/backtest/as-of.js';
import { account, activity, bundle, contact, opportunity, won } from './backtest-fixtures.js';

const asOf = new Date('2026-06-01T00:00:00.000Z');

describe('bundleAsOf', () => {
  const full = bundle(
    account('a1', {
      isCustomer: true,
      tierOverride: 'Tier 1',
      crmValues: { fitScore: '90', tier: 'Tier 1' },
      modifiedAt: '2026-11-01T00:00:00.000Z',
    }),
    {
      contacts: [contact('c1', 'a1', { crmValues: { personaScore: '80' } })],
      activities: [
        activity('past', 'a1', '2026-05-20T00:00:00.000Z'),
        activity('future', 'a1', '2026-07-01T00:00:00.000Z', { type: 'demo_request' }),
        activity('at-cutoff', 'a1', '2026-06-01T00:00:00.000Z'),
      ],
      opportunities: [
        won('future-won', 'a1', '2026-06-15T00:00:00.000Z', '2026-08-01T00:00:00.000Z'),
        won('open-then', 'a1', '2026-04-01T00:00:00.000Z', '2026-07-15T00:00:00.000Z'),
        opportunity('lost-before', 'a1', { isClosed: true, stage: 'Closed Lost', createdAt: '2026-02-01T00:00:00.000Z', closeDate: '2026-03-01T00:00:00.000Z' }),
      ],
      intent: [
        { domain: 'a1.example.com', topic: 'CRM', score: 70, observedAt: '2026-05-25T00:00:00.000Z', source: 'csv' },
        { domain: 'a1.example.com', topic: 'CRM', score: 90, observedAt: '2026-06-08T00:00:00.000Z', source: 'csv' },
      ],
    },
  );

  it('hides a future won opportunity and a future activity', () => {
    const past = bundleAsOf(full, asOf)!;
    expect(past.opportunities.map((o) => o.id).sort()).toEqual(['lost-before', 'open-then']);
    expect(past.activities.map((a) => a.id)).toEqual(['past']);
    expect(past.intent.map((s) => s.score)).toEqual([70]);
    expect(past.opportunities.some((o) => o.isWon)).toBe(false);
  });

  it('shows an opportunity that closed later as open, without its later stage or close date', () => {
    const openThen = bundleAsOf(full, asOf)!.opportunities.find((o) => o.id === 'open-then')!;
    expect(openThen).toMatchObject({ isClosed: false, isWon: false, stage: null, closeDate: null, amount: 10_000 });
  });

  it('keeps an opportunity closed before the as-of date as it is', () => {
    const lost = bundleAsOf(full, asOf)!.opportunities.find((o) => o.id === 'lost-before')!;
    expect(lost).toMatchObject({ isClosed: true, isWon: false, stage: 'Closed Lost' });
  });

  it('clears our output values, the manual override and a customer flag earned later', () => {
    const past = bundleAsOf(full, asOf)!;
    expect(past.account.crmValues).toEqual({});
    expect(past.account.tierOverride).toBeNull();
    expect(past.account.isCustomer).toBe(false);
    expect(past.contacts).toHaveLength(1);
    expect(past.contacts[0]!.crmValues).toEqual({});
  });

  it('keeps the customer flag of an account that had won before', () => {
    const customer = bundle(account('a2', { isCustomer: true }), {
      opportunities: [won('w', 'a2', '2025-01-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z')],
    });
    expect(bundleAsOf(customer, asOf)!.account.isCustomer).toBe(true);
  });

  it('does not change the input bundle', () => {
    const before = JSON.stringify(full);
    bundleAsOf(full, asOf);
    expect(JSON.stringify(full)).toBe(before);
  });

  it('leaves out an account created after the as-of date', () => {
    const created = bundle(account('new', { features: { createdAt: '2026-07-01T00:00:00.000Z' }, modifiedAt: '2026-01-01T00:00:00.000Z' }));
    expect(bundleAsOf(created, asOf)).toBeNull();
  });

  it('without a creation date, takes any earlier record as proof the account existed', () => {
    const lateModified = { modifiedAt: '2026-09-01T00:00:00.000Z' };
    expect(bundleAsOf(bundle(account('quiet', lateModified)), asOf)).toBeNull();
    const withActivity = bundle(account('active', lateModified), { activities: [activity('x', 'active', '2026-05-01T00:00:00.000Z')] });
    expect(bundleAsOf(withActivity, asOf)).not.toBeNull();
    expect(bundleAsOf(bundle(account('old')), asOf)).not.toBeNull();
  });
});

describe('outcomesAfter', () => {
  const b = bundle(account('a1'), {
    opportunities: [
      opportunity('before', 'a1', { createdAt: '2026-05-31T23:59:59.000Z' }),
      won('closes-in-window', 'a1', '2026-03-01T00:00:00.000Z', '2026-08-01T00:00:00.000Z'),
    ],
  });

  it('counts an opportunity closed won inside the horizon even if it was opened before', () => {
    expect(outcomesAfter(b, asOf, 90)).toEqual({ opened: false, won: true });
  });

  it('uses a half-open window [asOf, asOf + horizon)', () => {
    const atStart = bundle(account('a'), { opportunities: [opportunity('o', 'a', { createdAt: '2026-06-01T00:00:00.000Z' })] });
    const atEnd = bundle(account('a'), { opportunities: [opportunity('o', 'a', { createdAt: '2026-06-11T00:00:00.000Z' })] });
    expect(outcomesAfter(atStart, asOf, 10).opened).toBe(true);
    expect(outcomesAfter(atEnd, asOf, 10).opened).toBe(false);
  });

  it('does not count a win that closes after the horizon', () => {
    expect(outcomesAfter(b, asOf, 30)).toEqual({ opened: false, won: false });
  });
});
