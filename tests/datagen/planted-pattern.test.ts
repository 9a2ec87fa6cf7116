import type { Account } from '../../src/model/records.js';
import { expectedOpportunities, generateAccounts, latentFit, type GeneratedAccount } from '../../bench/datagen/index.js';

const now = new Date('2026-11-20T12:00:00Z');
// Deals do not depend on activity volume, so a light data set keeps this fast.
const bundles: GeneratedAccount[] = [...generateAccounts({ seed: 11, accounts: 5_000, now, contactsPerAccount: 2, activitiesPerContact: 0.5 })];

function winRate(keep: (account: Account) => boolean): { rate: number; closed: number } {
  const closed = bundles.filter((b) => keep(b.account)).flatMap((b) => b.opportunities.filter((o) => o.isClosed));
  return { rate: closed.filter((o) => o.isWon).length / Math.max(1, closed.length), closed: closed.length };
}

const employeesBetween = (a: Account, min: number, max: number): boolean => a.employees !== null && a.employees >= min && a.employees <= max;

/** Probability that a random positive outranks a random negative (ties count half). */
function auc(scores: number[], labels: boolean[]): number {
  const ranked = scores.map((score, i) => ({ score, label: labels[i] === true })).sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < ranked.length; ) {
    let j = i;
    while (j < ranked.length && ranked[j]?.score === ranked[i]?.score) j += 1;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k += 1) if (ranked[k]?.label) { rankSum += averageRank; positives += 1; }
    i = j;
  }
  const negatives = ranked.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

describe('the planted win pattern', () => {
  it('wins far more often at mid-size software companies than at tiny government bodies', () => {
    const sweetSpot = winRate((a) => a.industry === 'Software' && employeesBetween(a, 200, 5_000));
    const poorFit = winRate((a) => a.industry === 'Government' && employeesBetween(a, 0, 49));
    expect(sweetSpot.closed).toBeGreaterThan(100);
    expect(sweetSpot.rate).toBeGreaterThan(0.5);
    expect(sweetSpot.rate).toBeGreaterThan(poorFit.rate + 0.35);
    // The tiny-government group is rare and seldom opens deals, so also compare the broader poor-fit group.
    const broadPoorFit = winRate((a) => (a.industry === 'Government' || a.industry === 'Education') && employeesBetween(a, 0, 199));
    expect(broadPoorFit.closed).toBeGreaterThan(20);
    expect(sweetSpot.rate).toBeGreaterThan(broadPoorFit.rate + 0.3);
  });

  it('rewards each planted feature on its own', () => {
    const base = (a: Account): boolean => employeesBetween(a, 200, 5_000);
    const withTech = winRate((a) => base(a) && (a.technologies.includes('Snowflake') || a.technologies.includes('Segment')));
    const withoutTech = winRate((a) => base(a) && !a.technologies.includes('Snowflake') && !a.technologies.includes('Segment'));
    expect(withTech.rate).toBeGreaterThan(withoutTech.rate + 0.05);
    const core = winRate((a) => base(a) && ['US', 'GB', 'DE'].includes(a.country ?? ''));
    const rest = winRate((a) => base(a) && a.country !== null && !['US', 'GB', 'DE'].includes(a.country));
    expect(core.rate).toBeGreaterThan(rest.rate + 0.03);
  });

  it('matches the exposed true probability (calibration)', () => {
    const closed = bundles.flatMap((b) => b.opportunities.filter((o) => o.isClosed).map((o) => ({ won: o.isWon, p: latentFit(b.account) })));
    const expectedWins = closed.reduce((sum, c) => sum + c.p, 0);
    const actualWins = closed.filter((c) => c.won).length;
    expect(Math.abs(actualWins - expectedWins) / expectedWins).toBeLessThan(0.08);
  });

  it('has better-fitting accounts open opportunities more often', () => {
    const sorted = [...bundles].sort((a, b) => a.truth.latentFit - b.truth.latentFit);
    const fifth = Math.floor(sorted.length / 5);
    const opened = (group: GeneratedAccount[]): number => group.reduce((n, b) => n + b.opportunities.length, 0) / group.length;
    expect(opened(sorted.slice(-fifth))).toBeGreaterThan(2.5 * opened(sorted.slice(0, fifth)));
    expect(expectedOpportunities(sorted[sorted.length - 1]?.account ?? sorted[0]!.account, 24)).toBeGreaterThan(expectedOpportunities(sorted[0]!.account, 24));
  });

  it('lets the true fit beat a head-count baseline at predicting won accounts', () => {
    const labels = bundles.map((b) => b.opportunities.some((o) => o.isWon));
    const fitAuc = auc(bundles.map((b) => b.truth.latentFit), labels);
    const employeesAuc = auc(bundles.map((b) => b.account.employees ?? 0), labels);
    expect(fitAuc).toBeGreaterThan(0.75);
    expect(fitAuc).toBeGreaterThan(employeesAuc + 0.1);
  });
});
