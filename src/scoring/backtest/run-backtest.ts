/**
 * Backtest: score every account with only what was known before the as-of date, then check which accounts opened
 * and which won an opportunity within the horizon. Two passes over the bundles (train, then score); in between and
 * after, memory holds one small tuple per account.
 */
import type { AccountBundle } from '../../model/records.js';
import { BUYING_STAGES } from '../../model/scores.js';
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { ScoringApi } from '../api.js';
import { EMPLOYEE_BAND_ORDER, employeeBand } from '../icp-report-bands.js';
import { bundleAsOf, outcomesAfter } from './as-of.js';
import { type FitVariant, trainFitVariants } from './fit-variants.js';
import { RankedOutcomes, auc, gainCurve, groupLift, recallAt } from './metrics.js';
import type { BacktestReport, FitModelInfo, GroupTable, OutcomeName, OutcomeReport, RankerResult } from './report-types.js';
import { DAY_MS } from '../time.js';

export interface BacktestOptions {
  asOf: Date;
  horizonDays: number;
  now: Date;
  /** Fewer accounts with an outcome than this raises an "unreliable" warning (default 10). */
  minPositives?: number;
}

/** Bad backtest arguments; the message says what to pass instead. */
export class BacktestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BacktestError';
  }
}

export const RECALL_FRACTIONS = [0.1, 0.2, 0.3] as const;
const FIT_BUCKETS = ['Strong', 'Moderate', 'Weak'];
const TIERS = ['Tier 1', 'Tier 2', 'Tier 3', 'none'];

/** One account's scores and outcomes: all the backtest keeps after scoring it. */
interface Tuple {
  fit: number;
  otherFits: number[];
  engagement: number;
  intent: number;
  employees: number;
  fitBucket: string;
  otherBuckets: string[];
  tier: string;
  stage: string;
  opened: boolean;
  won: boolean;
}

export function runBacktest(
  bundles: Iterable<AccountBundle>,
  api: ScoringApi,
  config: ScoringConfig,
  options: BacktestOptions,
): BacktestReport {
  const { asOf, horizonDays, now } = options;
  validateOptions(options);
  const asOfBundles = function* (): Generator<AccountBundle> {
    for (const bundle of bundles) {
      const truncated = bundleAsOf(bundle, asOf);
      if (truncated) yield truncated;
    }
  };
  const variants = trainFitVariants(asOfBundles, api, config, asOf);
  const tuples: Tuple[] = [];
  let accounts = 0;
  for (const bundle of bundles) {
    accounts++;
    const truncated = bundleAsOf(bundle, asOf);
    if (truncated) tuples.push(scoreTuple(truncated, bundle, api, variants.inForce, variants.others, options));
  }
  const horizonEnd = new Date(asOf.getTime() + horizonDays * DAY_MS);
  const fitModels = [variants.inForce.info, ...variants.others.map((v) => v.info)];
  const outcomes = {
    opened: outcomeReport('opened', tuples, fitModels),
    won: outcomeReport('won', tuples, fitModels),
  };
  const counts = {
    accounts,
    scored: tuples.length,
    notYetExisting: accounts - tuples.length,
    opened: outcomes.opened.positives,
    won: outcomes.won.positives,
  };
  return {
    asOf: asOf.toISOString(),
    horizonDays,
    horizonEnd: horizonEnd.toISOString(),
    generatedAt: now.toISOString(),
    counts,
    model: variants.inForce.info,
    fitModels,
    outcomes,
    warnings: [...variants.warnings, ...reportWarnings(counts, horizonEnd, now, options.minPositives ?? 10)],
  };
}

function validateOptions({ asOf, horizonDays, now }: BacktestOptions): void {
  if (Number.isNaN(asOf.getTime())) throw new BacktestError('the as-of date is not a valid date: pass e.g. 2026-06-30 or 90d');
  if (!(asOf.getTime() < now.getTime())) {
    throw new BacktestError(`the as-of date ${asOf.toISOString().slice(0, 10)} is not in the past: pass an earlier date, e.g. 90d`);
  }
  if (!Number.isFinite(horizonDays) || horizonDays <= 0) {
    throw new BacktestError(`the horizon must be a positive number of days (got ${String(horizonDays)}): pass e.g. 90d`);
  }
}

function scoreTuple(
  truncated: AccountBundle,
  full: AccountBundle,
  api: ScoringApi,
  inForce: FitVariant,
  others: readonly FitVariant[],
  { asOf, horizonDays }: BacktestOptions,
): Tuple {
  // No prior state: every account is scored cold, as a first run on that date would.
  const main = api.scoreAccount(truncated, null, inForce.models, inForce.config, asOf).account;
  const otherFits = others.map((v) => api.scoreAccount(truncated, null, v.models, v.config, asOf).account.fit);
  const outcome = outcomesAfter(full, asOf, horizonDays);
  return {
    fit: finite(main.fit.score),
    otherFits: otherFits.map((f) => finite(f.score)),
    engagement: finite(main.engagement.score),
    intent: finite(main.intent.score),
    employees: truncated.account.employees ?? -1,
    fitBucket: main.fit.bucket,
    otherBuckets: otherFits.map((f) => f.bucket),
    tier: main.tier.tier,
    stage: main.stage.stage,
    opened: outcome.opened,
    won: outcome.won,
  };
}

function outcomeReport(outcome: OutcomeName, tuples: readonly Tuple[], fitModels: readonly FitModelInfo[]): OutcomeReport {
  const labels = tuples.map((t) => t[outcome]);
  const positives = labels.filter(Boolean).length;
  const ranker = (key: string, label: string, scores: number[]): RankerResult => {
    const ranked = new RankedOutcomes(scores, labels);
    return { key, label, auc: auc(scores, labels), recall: recallAt(ranked, RECALL_FRACTIONS), gain: gainCurve(ranked) };
  };
  const [inForce, ...others] = fitModels;
  const rankers = [
    ranker('fit', `Fit (${inForce!.mode}, in force)`, tuples.map((t) => t.fit)),
    ...others.map((m, i) => ranker(m.key, `Fit (${m.mode})`, tuples.map((t) => t.otherFits[i]!))),
    ranker('engagement', 'Engagement', tuples.map((t) => t.engagement)),
    ranker('intent', 'Intent', tuples.map((t) => t.intent)),
    ranker('combined', 'Fit, then engagement', tuples.map((t) => combinedRank(t.fit, t.engagement))),
    ranker('baseline', 'Baseline: employee count', tuples.map((t) => t.employees)),
  ];
  const table = (key: string, label: string, groups: string[], order: readonly string[]): GroupTable => ({
    key,
    label,
    rows: groupLift(groups, labels, order),
  });
  const groups = [
    table('fitBucket', `Fit bucket (${inForce!.mode}, in force)`, tuples.map((t) => t.fitBucket), FIT_BUCKETS),
    ...others.map((m, i) => table(`${m.key}Bucket`, `Fit bucket (${m.mode})`, tuples.map((t) => t.otherBuckets[i]!), FIT_BUCKETS)),
    table('tier', 'Tier', tuples.map((t) => t.tier), TIERS),
    table('stage', 'Buying stage', tuples.map((t) => t.stage), BUYING_STAGES),
    table('employeeBand', 'Baseline: employee band', tuples.map((t) => employeeBand(t.employees < 0 ? null : t.employees)), EMPLOYEE_BAND_ORDER),
  ];
  return { outcome, positives, accounts: tuples.length, rate: tuples.length === 0 ? 0 : positives / tuples.length, rankers, groups };
}

/** Sorts by fit, and by engagement among equal fits (both are 0–100). */
export function combinedRank(fit: number, engagement: number): number {
  return fit * 1000 + Math.min(Math.max(engagement, 0), 999);
}

function reportWarnings(counts: BacktestReport['counts'], horizonEnd: Date, now: Date, minPositives: number): string[] {
  const warnings: string[] = [];
  if (counts.scored === 0) {
    warnings.push('no account existed before the as-of date: pick a later as-of date');
    return warnings;
  }
  if (horizonEnd.getTime() > now.getTime()) {
    warnings.push(
      `the horizon ends ${horizonEnd.toISOString().slice(0, 10)}, after today: outcomes after today are not known yet, so rates are understated`,
    );
  }
  const verbs: Record<OutcomeName, string> = { opened: 'opened', won: 'won' };
  for (const outcome of ['opened', 'won'] as const) {
    const n = counts[outcome];
    if (n === 0) {
      warnings.push(`no account ${verbs[outcome]} an opportunity in the horizon: AUC and lift cannot be computed (try a longer horizon)`);
    } else if (n < minPositives) {
      warnings.push(`only ${accountsText(n)} ${verbs[outcome]} an opportunity in the horizon: AUC and lift are unreliable (fewer than ${minPositives})`);
    } else if (n === counts.scored) {
      warnings.push(`every scored account ${verbs[outcome]} an opportunity in the horizon: there is nothing to rank`);
    }
  }
  if (counts.notYetExisting > 0) {
    warnings.push(
      `${accountsText(counts.notYetExisting)} had no record dated before the as-of date and were left out ` +
        '(map the account creation date as the feature "createdAt" to decide this exactly)',
    );
  }
  return warnings;
}

function accountsText(n: number): string {
  return n === 1 ? '1 account' : `${n} accounts`;
}

/** A scorer that returns NaN must not break the sort: it ranks last. */
function finite(value: number): number {
  return Number.isFinite(value) ? value : -1;
}
