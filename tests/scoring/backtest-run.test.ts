import { ScoringConfigSchema } from '../../src/config/scoring-schema.js';
import type { AccountBundle } from '../../src/model/records.js';
import { BacktestError, runBacktest } from '../../src/scoring/backtest/run-backtest.js';
import type { BacktestReport, RankerResult } from '../../src/scoring/backtest/report-types.js';
import { fakeScoringApi } from './backtest-fake-api.js';
import { account, activity, bundle, opportunity, won } from './backtest-fixtures.js';

const asOf = new Date('2026-06-01T00:00:00.000Z');
const now = new Date('2026-11-01T00:00:00.000Z');
const config = ScoringConfigSchema.parse({ fit: { mode: 'auto' } });

/**
 * As of 2026-06-01 Software has won 2 of its 4 accounts (learned fit 50), Retail 0 of 4 (learned fit 0).
 * Rules fit = employees / 10. In the 90-day horizon p1, p2 and n3 open an opportunity; only p1 wins.
 */
const bundles: AccountBundle[] = [
  bundle(account('h1', { industry: 'Software', employees: 100 }), { opportunities: [won('h1o', 'h1', '2026-01-10T00:00:00Z', '2026-03-01T00:00:00Z')] }),
  bundle(account('h2', { industry: 'Software', employees: 200 }), { opportunities: [won('h2o', 'h2', '2026-01-10T00:00:00Z', '2026-04-01T00:00:00Z')] }),
  bundle(account('h3', { industry: 'Retail', employees: 900 }), {
    opportunities: [opportunity('h3o', 'h3', { isClosed: true, createdAt: '2026-01-10T00:00:00Z', closeDate: '2026-02-01T00:00:00Z' })],
  }),
  bundle(account('p1', { industry: 'Software', employees: 50 }), {
    activities: [activity('p1a', 'p1', '2026-05-15T00:00:00Z')],
    opportunities: [won('p1o', 'p1', '2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z')],
  }),
  bundle(account('p2', { industry: 'Software', employees: 300 }), { opportunities: [opportunity('p2o', 'p2', { createdAt: '2026-06-20T00:00:00Z' })] }),
  // n1's activity happens after the as-of date: it must not raise n1's engagement.
  bundle(account('n1', { industry: 'Retail', employees: 800 }), { activities: [activity('n1a', 'n1', '2026-07-01T00:00:00Z')] }),
  bundle(account('n2', { industry: 'Retail', employees: 600 })),
  bundle(account('n3', { industry: 'Retail', employees: 700 }), { opportunities: [opportunity('n3o', 'n3', { createdAt: '2026-07-10T00:00:00Z' })] }),
  bundle(account('x1', { industry: 'Software', employees: 400, features: { createdAt: '2026-07-01T00:00:00Z' } }), {
    opportunities: [won('x1o', 'x1', '2026-07-05T00:00:00Z', '2026-08-01T00:00:00Z')],
  }),
];

function ranker(report: BacktestReport, outcome: 'opened' | 'won', key: string): RankerResult {
  const found = report.outcomes[outcome].rankers.find((r) => r.key === key);
  if (!found) throw new Error(`no ranker ${key}`);
  return found;
}

describe('runBacktest', () => {
  const report = runBacktest(bundles, fakeScoringApi, config, { asOf, horizonDays: 90, now });

  it('counts accounts and outcomes, leaving out the account created later', () => {
    expect(report.counts).toEqual({ accounts: 9, scored: 8, notYetExisting: 1, opened: 3, won: 1 });
    expect(report.horizonEnd).toBe('2026-08-30T00:00:00.000Z');
  });

  it('reports the mode in force and compares the other mode', () => {
    expect(report.model).toMatchObject({ key: 'fit', mode: 'learned', version: 'learned-v1' });
    expect(report.fitModels.map((m) => m.key)).toEqual(['fit', 'fit-rules']);
  });

  it('computes AUC for every ranker (hand-computed pair counts)', () => {
    // Opened: positives p1 (50), p2 (50), n3 (0) vs negatives h1 50, h2 50, h3 0, n1 0, n2 0 → 9.5 of 15 pairs.
    expect(ranker(report, 'opened', 'fit').auc.value).toBeCloseTo(9.5 / 15, 12);
    // Rules fit = employees / 10: p1 5 beats none, p2 30 beats 10 and 20, n3 70 beats 10, 20, 60 → 5 of 15.
    expect(ranker(report, 'opened', 'fit-rules').auc.value).toBeCloseTo(5 / 15, 12);
    expect(ranker(report, 'opened', 'baseline').auc.value).toBeCloseTo(5 / 15, 12);
    // Engagement: only p1 has a (past) activity → 5 + 2.5 + 2.5 of 15. A leaked future activity on n1 would give 9/15.
    expect(ranker(report, 'opened', 'engagement').auc.value).toBeCloseTo(10 / 15, 12);
    expect(ranker(report, 'opened', 'intent').auc.value).toBeCloseTo(0.5, 12);
    // Won: p1 (50) vs seven negatives, three tied at 50 → 5.5 of 7.
    expect(ranker(report, 'won', 'fit').auc.value).toBeCloseTo(5.5 / 7, 12);
    // Combined: p1 is the only Software account with engagement, so it ranks first → 7 of 7.
    expect(ranker(report, 'won', 'combined').auc.value).toBe(1);
  });

  it('computes lift per fit bucket', () => {
    const buckets = report.outcomes.opened.groups.find((g) => g.key === 'fitBucket')!.rows;
    // Overall 3/8; Moderate (fit 50) 2/4 → 1.33×; Weak 1/4 → 0.67×.
    expect(buckets.map((r) => [r.group, r.accounts, r.positives])).toEqual([
      ['Moderate', 4, 2],
      ['Weak', 4, 1],
    ]);
    expect(buckets[0]!.lift).toBeCloseTo(4 / 3, 12);
    expect(buckets[1]!.lift).toBeCloseTo(2 / 3, 12);
    const stages = report.outcomes.opened.groups.find((g) => g.key === 'stage')!.rows;
    expect(stages.map((r) => [r.group, r.accounts, r.positives])).toEqual([
      ['Target', 7, 2],
      ['Awareness', 1, 1],
    ]);
  });

  it('computes recall at the top 10/20/30%', () => {
    // 8 accounts: top 10% = 1, top 20% and 30% = 2. The top block (fit 50) holds 4 accounts, 2 opened.
    const recall = ranker(report, 'opened', 'fit').recall;
    expect(recall.map((r) => r.accounts)).toEqual([1, 2, 2]);
    expect(recall[0]!.recall).toBeCloseTo(0.5 / 3, 12);
    expect(recall[2]!.recall).toBeCloseTo(1 / 3, 12);
    // Rules: the top two (h3 90, n1 80) opened nothing.
    expect(ranker(report, 'opened', 'fit-rules').recall[2]!.recall).toBe(0);
  });

  it('warns about small samples, an unfinished horizon is not flagged when it has passed, and names left-out accounts', () => {
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/only 3 accounts opened an opportunity in the horizon: AUC and lift are unreliable/),
        expect.stringMatching(/only 1 account won an opportunity/),
        expect.stringMatching(/^1 account had no record dated before the as-of date/),
      ]),
    );
    expect(report.warnings.some((w) => w.includes('after today'))).toBe(false);
  });

  it('warns when the horizon runs past today', () => {
    const late = runBacktest(bundles, fakeScoringApi, config, { asOf, horizonDays: 200, now });
    expect(late.warnings.some((w) => w.includes('2026-12-18, after today'))).toBe(true);
  });

  it('says why learned fit cannot be compared when history is too thin', () => {
    const early = runBacktest(bundles, fakeScoringApi, config, { asOf: new Date('2026-03-15T00:00:00Z'), horizonDays: 90, now });
    expect(early.model.mode).toBe('rules');
    expect(early.fitModels).toHaveLength(1);
    expect(early.warnings).toContain('learned fit is not possible as of 2026-03-15: rules: 1 won accounts');
  });

  it('compares learned fit when the config forces rules and history allows learned', () => {
    const rulesConfig = ScoringConfigSchema.parse({ fit: { mode: 'rules' } });
    const forced = runBacktest(bundles, fakeScoringApi, rulesConfig, { asOf, horizonDays: 90, now });
    expect(forced.model.mode).toBe('rules');
    expect(forced.fitModels.map((m) => [m.key, m.mode])).toEqual([
      ['fit', 'rules'],
      ['fit-learned', 'learned'],
    ]);
    expect(ranker(forced, 'opened', 'fit').auc.value).toBeCloseTo(5 / 15, 12);
    expect(ranker(forced, 'opened', 'fit-learned').auc.value).toBeCloseTo(9.5 / 15, 12);
  });

  it('reads the bundles three times (count, train, score) and keeps working with a re-iterable that is not an array', () => {
    let passes = 0;
    const reiterable = {
      *[Symbol.iterator]() {
        passes++;
        yield* bundles;
      },
    };
    const streamed = runBacktest(reiterable, fakeScoringApi, config, { asOf, horizonDays: 90, now });
    expect(passes).toBe(3);
    expect(streamed.counts).toEqual(report.counts);
  });

  it('refuses an as-of date that is not in the past and a horizon that is not positive', () => {
    expect(() => runBacktest(bundles, fakeScoringApi, config, { asOf: now, horizonDays: 90, now })).toThrow(BacktestError);
    expect(() => runBacktest(bundles, fakeScoringApi, config, { asOf, horizonDays: 0, now })).toThrow(/positive number of days/);
  });
});
