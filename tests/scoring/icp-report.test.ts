import { buildIcpReport, icpRowText, renderIcpText } from '../../src/scoring/icp-report.js';
import type { AccountBundle } from '../../src/model/records.js';
import { account, bundle, opportunity, won } from './backtest-fixtures.js';

/**
 * 20 accounts, 8 won (base 40%): Software 6 of 10 won (one spelled "software "), all with 300 employees;
 * Retail 2 of 10 won, 20 employees. Salesforce is used by the 6 Software winners and one Retail winner.
 */
function dataSet(): AccountBundle[] {
  const bundles: AccountBundle[] = [];
  for (let i = 1; i <= 10; i++) {
    const isWon = i <= 6;
    bundles.push(
      bundle(
        account(`s${i}`, {
          industry: i === 10 ? 'software ' : 'Software',
          employees: 300,
          technologies: isWon ? ['Salesforce', 'Salesforce'] : [],
          features: { fundingStage: i <= 3 ? 'Series B' : null, createdAt: '2024-01-01' },
        }),
        { opportunities: isWon ? [won(`o${i}`, `s${i}`, '2026-01-01', '2026-02-01')] : [] },
      ),
    );
  }
  for (let i = 1; i <= 10; i++) {
    const isWon = i <= 2;
    bundles.push(
      bundle(account(`r${i}`, { industry: 'Retail', employees: 20, technologies: i === 1 ? ['Salesforce'] : [] }), {
        opportunities: isWon ? [won(`q${i}`, `r${i}`, '2026-01-01', '2026-02-01')] : [opportunity(`l${i}`, `r${i}`, { isClosed: true })],
      }),
    );
  }
  return bundles;
}

describe('buildIcpReport', () => {
  it('ranks attribute values by smoothed win lift, with counts', () => {
    const report = buildIcpReport(dataSet(), { featureNames: [] });
    expect(report).toMatchObject({ accounts: 20, wonAccounts: 8, baseWinRate: 0.4, warnings: [`only 8 won accounts: treat these lifts as hints, not evidence`] });
    // Salesforce (7 of 7): (7 + 10 × 0.4) / (7 + 10) = 11/17 → 1.62×. Software (6 of 10): 10/20 → 1.25×.
    expect(report.positive.map((r) => [r.attribute, r.value, r.accounts, r.won])).toEqual([
      ['technology', 'Salesforce', 7, 7],
      ['employees', '200–999 employees', 10, 6],
      ['industry', 'Software', 10, 6],
    ]);
    expect(report.positive[0]!.lift).toBeCloseTo(11 / 17 / 0.4, 12);
    expect(report.positive[2]!.lift).toBeCloseTo(1.25, 12);
    // Retail (2 of 10): 6/20 → 0.75×.
    expect(report.negative.map((r) => [r.value, r.lift])).toEqual([
      ['< 50 employees', expect.closeTo(0.75, 12)],
      ['Retail', expect.closeTo(0.75, 12)],
    ]);
    expect(report.valuesConsidered).toBe(5);
  });

  it('gives raw lifts without smoothing and honours minCount for extra features', () => {
    const report = buildIcpReport(dataSet(), { priorWeight: 0, minCount: 3, featureNames: ['fundingStage'] });
    expect(report.positive[0]).toMatchObject({ value: 'Salesforce', winRate: 1, lift: 2.5 });
    const funding = report.positive.find((r) => r.attribute === 'fundingStage')!;
    expect(funding).toMatchObject({ value: 'Series B', accounts: 3, won: 3, lift: 2.5 });
    expect(buildIcpReport(dataSet(), { minCount: 4, featureNames: ['fundingStage'] }).positive.some((r) => r.attribute === 'fundingStage')).toBe(false);
  });

  it('keeps only the top rows on each side', () => {
    const report = buildIcpReport(dataSet(), { top: 1, featureNames: [] });
    expect(report.positive).toHaveLength(1);
    expect(report.negative).toHaveLength(1);
  });

  it('writes rows the way revops read them', () => {
    const report = buildIcpReport(dataSet(), { featureNames: [] });
    expect(icpRowText(report.positive[2]!)).toBe('Industry Software: 1.25× base win rate, 10 accounts (6 won)');
    expect(icpRowText(report.negative[0]!)).toBe('< 50 employees: 0.75× base win rate, 10 accounts (2 won)');
    const text = renderIcpText(report);
    expect(text).toContain('ICP report: 20 accounts, 8 won (base win rate 40.0%)');
    expect(text).toContain('  Technology Salesforce: 1.62× base win rate, 7 accounts (7 won)');
  });

  it('says so when there is nothing to learn from', () => {
    const noWins = buildIcpReport(dataSet().map((b) => ({ ...b, opportunities: [] })));
    expect(noWins.positive).toEqual([]);
    expect(noWins.negative).toEqual([]);
    expect(noWins.warnings).toEqual(['no won accounts yet: there is no win rate to compare against']);
    expect(renderIcpText(noWins)).toContain('(none)');
    expect(buildIcpReport([]).warnings).toEqual(['no accounts: nothing to learn from']);
  });
});
