import { DatagenOptionsError, generateAccount, generateAccounts, resolveOptions, type GeneratedAccount } from '../../bench/datagen/index.js';

const now = new Date('2026-11-20T12:00:00Z');

function take(seed: number, accounts: number, extra: Partial<{ activitiesPerContact: number }> = {}): GeneratedAccount[] {
  return [...generateAccounts({ seed, accounts, now, ...extra })];
}

describe('datagen determinism', () => {
  it('gives identical records for the same seed and options', () => {
    expect(JSON.stringify(take(42, 40))).toBe(JSON.stringify(take(42, 40)));
  });

  it('gives different records for a different seed', () => {
    const a = take(42, 40);
    const b = take(43, 40);
    expect(a.map((x) => x.account.name)).not.toEqual(b.map((x) => x.account.name));
    expect(a.map((x) => x.account.employees)).not.toEqual(b.map((x) => x.account.employees));
  });

  it('can regenerate any single account by index, equal to the streamed one', () => {
    const streamed = take(9, 25)[17];
    expect(generateAccount(resolveOptions({ seed: 9, accounts: 25, now }), 17)).toEqual(streamed);
  });

  it('keeps firmographics and deals when only the activity volume changes', () => {
    const light = take(5, 30, { activitiesPerContact: 1 });
    const heavy = take(5, 30, { activitiesPerContact: 20 });
    expect(heavy.map((x) => x.account)).toEqual(light.map((x) => x.account));
    expect(heavy.map((x) => x.opportunities)).toEqual(light.map((x) => x.opportunities));
    expect(heavy.reduce((n, x) => n + x.activities.length, 0)).toBeGreaterThan(light.reduce((n, x) => n + x.activities.length, 0) * 5);
  });

  it('uses the given source on every record', () => {
    for (const bundle of generateAccounts({ seed: 1, accounts: 20, now, source: 'salesforce' })) {
      const records = [bundle.account, ...bundle.contacts, ...bundle.opportunities, ...bundle.activities, ...bundle.intent];
      expect(new Set(records.map((r) => r.source))).toEqual(new Set(['salesforce']));
    }
  });

  it.each([
    [{ accounts: -1 }, /"accounts" must be an integer ≥ 0; got -1/],
    [{ accounts: 2.5 }, /"accounts" must be an integer/],
    [{ historyMonths: 0 }, /"historyMonths" must be an integer ≥ 1/],
    [{ contactsPerAccount: Number.NaN }, /"contactsPerAccount" must be a number ≥ 0/],
    [{ now: new Date('not a date') }, /"now" must be a valid Date/],
    [{ source: ' ' }, /"source" must be a non-empty connector name/],
  ])('rejects bad options %p with a message naming the option', (bad, message) => {
    expect(() => generateAccounts({ seed: 1, accounts: 1, now, ...bad })).toThrow(DatagenOptionsError);
    expect(() => generateAccounts({ seed: 1, accounts: 1, now, ...bad })).toThrow(message);
  });
});
