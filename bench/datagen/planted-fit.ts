/**
 * The planted pattern: the true (hidden) probability that an opportunity on an account is won, from its
 * firmographics alone. Scoring never sees this; tests and benchmarks use it to check that a learned fit model
 * recovers it and beats a naive head-count baseline. Documented in examples/README.md — keep the two in step.
 */
import type { Account } from '../../src/model/records.js';

type FitInputs = Pick<Account, 'industry' | 'employees' | 'technologies' | 'country'>;

/** Log-odds contributions. Unknown values (null, unlisted) contribute 0. */
export const PLANTED_WIN_MODEL = {
  base: -1.9,
  industry: {
    Software: 1.3,
    'Financial Services': 1.1,
    Healthcare: 0.5,
    Government: -1.1,
    Education: -0.9,
  } as Readonly<Record<string, number>>,
  /** Head-count bands [min, max) → log-odds. The sweet spot is 200–5,000; very small companies rarely buy. */
  employeeBands: [
    { min: 0, max: 50, logOdds: -1.7 },
    { min: 50, max: 200, logOdds: -0.2 },
    { min: 200, max: 5_001, logOdds: 0.9 },
    { min: 5_001, max: 20_000, logOdds: 0.2 },
    { min: 20_000, max: Number.POSITIVE_INFINITY, logOdds: -0.3 },
  ] as const,
  /** Each listed technology in the account's stack adds this much. */
  technologies: { Snowflake: 0.6, Segment: 0.5 } as Readonly<Record<string, number>>,
  country: { US: 0.4, GB: 0.4, DE: 0.4 } as Readonly<Record<string, number>>,
};

export function plantedLogOdds(account: FitInputs): number {
  const model = PLANTED_WIN_MODEL;
  let logOdds = model.base;
  if (account.industry !== null) logOdds += model.industry[account.industry] ?? 0;
  if (account.employees !== null) {
    const employees = account.employees;
    const band = model.employeeBands.find((b) => employees >= b.min && employees < b.max);
    logOdds += band?.logOdds ?? 0;
  }
  for (const technology of account.technologies) logOdds += model.technologies[technology] ?? 0;
  if (account.country !== null) logOdds += model.country[account.country] ?? 0;
  return logOdds;
}

/** The latent fit of an account, 0–1: the true probability that an opportunity on it is won. */
export function latentFit(account: FitInputs): number {
  return 1 / (1 + Math.exp(-plantedLogOdds(account)));
}

/**
 * Expected number of opportunities opened on an account over the history window. Better-fitting accounts open
 * opportunities more often, so "who opened and won" carries the fit signal twice, as it does in real pipelines.
 */
export function expectedOpportunities(account: FitInputs, historyMonths: number): number {
  return (0.1 + 1.4 * latentFit(account)) * (historyMonths / 24);
}
