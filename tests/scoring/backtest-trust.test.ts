/**
 * What issue 8 adds to the backtest: the intent finding (a constant score is named, and intent known before the
 * as-of date does count: no leak-avoidance bug), warnings for too few negatives, verdicts with intervals, and the
 * JSON carrying everything the text shows.
 */
import { ScoringConfigSchema } from '../../src/config/scoring-schema.js';
import { backtestJson } from '../../src/scoring/backtest/report-json.js';
import { renderBacktestText } from '../../src/scoring/backtest/report-text.js';
import { bundlesAsOf, runBacktest } from '../../src/scoring/backtest/run-backtest.js';
import { fitVerdict } from '../../src/scoring/backtest/verdicts.js';
import { buildIcpReport } from '../../src/scoring/icp-report.js';
import { scoring } from '../../src/scoring/index.js';
import { fakeScoringApi } from './backtest-fake-api.js';
import { account, activity, bundle, opportunity, won } from './backtest-fixtures.js';

const asOf = new Date('2026-06-01T00:00:00.000Z');
const now = new Date('2026-11-01T00:00:00.000Z');
const config = ScoringConfigSchema.parse({});
const day = (d: number): string => new Date(asOf.getTime() - d * 86_400_000).toISOString();

describe('the intent finding', () => {
  it('names a score that is the same for every account: AUC 0.500 is "nothing to rank"', () => {
    const bundles = [
      bundle(account('a'), { activities: [activity('a1', 'a', day(5))], opportunities: [opportunity('ao', 'a', { createdAt: '2026-07-01T00:00:00Z' })] }),
      bundle(account('b'), { activities: [activity('b1', 'b', day(5))] }),
    ];
    const report = runBacktest(bundles, fakeScoringApi, config, { asOf, horizonDays: 90, now });
    expect(report.warnings).toContain(
      'Intent is 0 for every account as of 2026-06-01, so it ranks nothing (AUC 0.500 means "nothing to rank", not "no signal"): no first-party surge or third-party intent was recorded before that date',
    );
  });

  it('counts a first-party surge recorded before the as-of date (the truncation keeps the past, drops only the future)', () => {
    const visits = (id: string, days: number[]) => days.map((d, i) => activity(`${id}${i}`, id, day(d), { type: 'web_visit' }));
    const surging = bundle(account('s'), { activities: visits('s', [1, 2, 3, 4, 5, 6, 40]), opportunities: [opportunity('so', 's', { createdAt: '2026-06-20T00:00:00Z' })] });
    // The same surge after the as-of date must not count.
    const later = bundle(account('l'), { activities: [...visits('l', [40]), ...[1, 2, 3, 4, 5, 6].map((d, i) => activity(`lx${i}`, 'l', new Date(asOf.getTime() + d * 86_400_000).toISOString(), { type: 'web_visit' }))] });
    const quiet = bundle(account('q'), { activities: visits('q', [40]) });
    const report = runBacktest([surging, later, quiet], scoring, config, { asOf, horizonDays: 90, now });
    expect(report.outcomes.opened.rankers.find((r) => r.key === 'intent')!.auc.value).toBe(1);
    expect(report.warnings.some((w) => w.startsWith('Intent is'))).toBe(false);
  });
});

describe('warnings, verdicts and JSON', () => {
  const bundles = Array.from({ length: 12 }, (_, i) =>
    bundle(account(`w${i}`, { industry: 'Software', employees: 100 * (i + 1) }), {
      opportunities: i < 11 ? [won(`o${i}`, `w${i}`, '2026-06-10T00:00:00Z', '2026-07-01T00:00:00Z')] : [],
      activities: [activity(`x${i}`, `w${i}`, day(3))],
    }),
  );
  const report = runBacktest(bundles, fakeScoringApi, config, { asOf, horizonDays: 90, now });

  it('warns when too few accounts did NOT have the outcome', () => {
    expect(report.warnings).toContain('only 1 account did not win an opportunity in the horizon: AUC and lift are unreliable (fewer than 10)');
  });

  it('gives a verdict per outcome, "too few outcomes to tell" when it cannot', () => {
    expect(report.outcomes.won.verdict.text).toMatch(/^(too few outcomes to tell|no learned model to compare)/);
    expect(report.outcomes.won.verdict.use).toBe('rules');
    expect(renderBacktestText(report)).toContain(`  won: ${report.outcomes.won.verdict.text}`);
  });

  it('writes every figure of the text into the JSON: intervals, verdicts, priority, settings', () => {
    const json = backtestJson(report);
    expect(json.schema).toBe('scoresync.backtest/2');
    expect(json.intervals).toEqual({ confidence: 0.9, samples: 200, seed: 1 });
    expect(json.outcomes.won.verdict.text).toBe(report.outcomes.won.verdict.text);
    const fit = json.outcomes.opened.rankers.find((r) => r.key === 'fit')!;
    expect(fit.auc).toHaveProperty('low');
    expect(fit.recall[0]).toHaveProperty('high');
    expect(json.priority.verdict).toBe(report.priority.verdict);
  });
});

describe('fit verdict', () => {
  const base = { outcome: 'won' as const, positives: 50, negatives: 500, minOutcomes: 10, margin: 0, learnedPossible: null };
  it.each([
    [{ value: 0.05, low: 0.02, high: 0.08 }, 'learned ranks better than rules (AUC +0.05 [+0.02 to +0.08]): use learned', 'learned'],
    [{ value: -0.09, low: -0.15, high: -0.03 }, 'rules ranks better than learned (AUC −0.09 [−0.15 to −0.03]): use rules', 'rules'],
    [{ value: 0.01, low: -0.02, high: 0.04 }, 'no clear difference between learned and rules (AUC +0.01 [−0.02 to +0.04]): keep rules', 'rules'],
  ])('%j → %s', (difference, text, use) => {
    expect(fitVerdict({ ...base, difference })).toMatchObject({ text, use, decided: true });
  });

  it('cannot tell from six wins', () => {
    expect(fitVerdict({ ...base, positives: 6, difference: { value: -0.06, low: -0.2, high: 0.1 } }).text).toBe(
      'too few outcomes to tell (6 won, 500 did not; 10 of each needed): keep rules',
    );
  });
});

describe('ICP section of an as-of report', () => {
  it('counts only the wins known on the as-of date', () => {
    const bundles = [
      bundle(account('e', { industry: 'Software' }), { opportunities: [won('eo', 'e', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')] }),
      bundle(account('f', { industry: 'Software', modifiedAt: '2026-01-01T00:00:00Z' }), { opportunities: [won('fo', 'f', '2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z')] }),
    ];
    expect(buildIcpReport(bundles).wonAccounts).toBe(2);
    expect(buildIcpReport(bundlesAsOf(bundles, asOf)).wonAccounts).toBe(1);
  });
});
