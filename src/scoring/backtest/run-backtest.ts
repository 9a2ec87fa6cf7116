/**
 * Backtest: score every account with only what was known before the as-of date, then check which accounts opened
 * and which won an opportunity within the horizon. Two passes over the bundles (train, then score); in between and
 * after, memory holds one small tuple per account. Every figure carries a seeded bootstrap interval, and each outcome
 * gets a verdict on which fit model to use.
 */
import type { AccountBundle } from '../../model/records.js';
import { BUYING_STAGES } from '../../model/scores.js';
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { ScoringApi, ScoringModels } from '../api.js';
import { EMPLOYEE_BAND_ORDER, employeeBand } from '../icp-report-bands.js';
import { modelParams } from '../model-params.js';
import { bootstrap, type BootstrapSettings } from '../stats/bootstrap.js';
import { sortScores, weightedAuc } from '../stats/ranking.js';
import { bundleAsOf, outcomesAfter } from './as-of.js';
import { calibrationTable } from './calibration.js';
import { type FitVariant, trainFitVariants } from './fit-variants.js';
import { attachIntervals } from './intervals.js';
import { RankedOutcomes, auc, gainCurve, groupLift, recallAt } from './metrics.js';
import type { BacktestReport, FitModelInfo, GroupTable, OutcomeName, OutcomeReport, PriorityReport, RankerResult } from './report-types.js';
import type { Tuple } from './tuple.js';
import { fitVerdict, priorityVerdict } from './verdicts.js';
import { agreementWarnings, constantScoreWarnings, reportWarnings } from './warnings.js';
import { DAY_MS } from '../time.js';

export interface BacktestOptions {
  asOf: Date;
  horizonDays: number;
  now: Date;
  /** Fewer accounts with (or without) an outcome than this raises an "unreliable" warning (default 10). */
  minPositives?: number;
  /** The fit model a run would put in force today, to set the verdicts against (see `trainTodayModel`). */
  today?: ScoringModels | null;
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

/** The as-of bundles (accounts that existed before `asOf`), for the ICP report of the same date. */
export function* bundlesAsOf(bundles: Iterable<AccountBundle>, asOf: Date): Generator<AccountBundle> {
  for (const bundle of bundles) {
    const truncated = bundleAsOf(bundle, asOf);
    if (truncated) yield truncated;
  }
}

/** What a run would train today on every bundle: both passes, as the models phase runs them. */
export function trainTodayModel(bundles: readonly AccountBundle[], api: ScoringApi, config: ScoringConfig, now: Date): ScoringModels {
  const trainer = api.createModelTrainer(config, now);
  const inSample = (bundle: AccountBundle): boolean => api.wantsHistory(bundle.account.id, bundles.length, config);
  for (const bundle of bundles) trainer.add(bundle, inSample(bundle));
  if (trainer.needsHistory) for (const bundle of bundles) if (inSample(bundle)) trainer.addHistory(bundle);
  return trainer.finish();
}

export function runBacktest(
  bundles: Iterable<AccountBundle>,
  api: ScoringApi,
  config: ScoringConfig,
  options: BacktestOptions,
): BacktestReport {
  const { asOf, horizonDays, now } = options;
  validateOptions(options);
  // The priority sample's share depends on how many accounts there are: an array knows, anything else is counted.
  let population = Array.isArray(bundles) ? bundles.length : 0;
  if (!Array.isArray(bundles)) for (const bundle of bundles) if (bundle) population++;
  const variants = trainFitVariants(() => bundlesAsOf(bundles, asOf), api, config, asOf, population);
  const tuples: Tuple[] = [];
  let accounts = 0;
  for (const bundle of bundles) {
    accounts++;
    const truncated = bundleAsOf(bundle, asOf);
    if (truncated) tuples.push(scoreTuple(truncated, bundle, api, variants.inForce, variants.others, config, options));
  }
  const horizonEnd = new Date(asOf.getTime() + horizonDays * DAY_MS);
  const fitModels = [variants.inForce.info, ...variants.others.map((v) => v.info)];
  const minOutcomes = options.minPositives ?? 10;
  const settings: BootstrapSettings = { samples: config.fit.selection.bootstrapSamples, confidence: config.fit.selection.confidence, seed: config.fit.selection.seed };
  const learnedMissing = fitModels.some((m) => m.mode === 'learned') ? null : variants.warnings.find((w) => w.startsWith('learned fit is not possible')) ?? 'learned fit is not possible';
  const outcomeOf = (name: OutcomeName): OutcomeReport => outcomeReport(name, tuples, fitModels, settings, { minOutcomes, margin: config.fit.selection.margin, learnedMissing });
  const outcomes = { opened: outcomeOf('opened'), won: outcomeOf('won') };
  const counts = {
    accounts,
    scored: tuples.length,
    notYetExisting: accounts - tuples.length,
    opened: outcomes.opened.positives,
    won: outcomes.won.positives,
  };
  const priority = priorityReport(tuples, variants.inForce.models, config, settings, minOutcomes);
  const today = options.today ? { key: 'today', mode: options.today.fitMode, version: options.today.version, reason: options.today.fitModeReason } : null;
  return {
    asOf: asOf.toISOString(),
    horizonDays,
    horizonEnd: horizonEnd.toISOString(),
    generatedAt: now.toISOString(),
    counts,
    model: variants.inForce.info,
    fitModels,
    outcomes,
    priority,
    intervals: settings,
    today,
    warnings: [
      ...variants.warnings,
      ...reportWarnings(counts, horizonEnd, now, minOutcomes),
      ...constantScoreWarnings(tuples, asOf),
      ...agreementWarnings(outcomes.won, today, asOf),
    ],
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
  config: ScoringConfig,
  { asOf, horizonDays }: BacktestOptions,
): Tuple {
  // No prior state: every account is scored cold, as a first run on that date would.
  const main = api.scoreAccount(truncated, null, inForce.models, inForce.config, asOf).account;
  const otherFits = others.map((v) => api.scoreAccount(truncated, null, v.models, v.config, asOf).account.fit);
  const outcome = outcomesAfter(full, asOf, horizonDays);
  const priorityOutcome = outcomesAfter(full, asOf, config.priority.horizonDays)[config.priority.outcome];
  return {
    fit: finite(main.fit.score),
    otherFits: otherFits.map((f) => finite(f.score)),
    engagement: finite(main.engagement.score),
    intent: finite(main.intent.score),
    priority: finite(main.priority?.score ?? NaN),
    priorityProbability: main.priority?.probability ?? null,
    employees: truncated.account.employees ?? -1,
    fitBucket: main.fit.bucket,
    otherBuckets: otherFits.map((f) => f.bucket),
    tier: main.tier.tier,
    stage: main.stage.stage,
    opened: outcome.opened,
    won: outcome.won,
    priorityOutcome,
  };
}

interface VerdictSettings {
  minOutcomes: number;
  margin: number;
  learnedMissing: string | null;
}

function outcomeReport(
  outcome: OutcomeName,
  tuples: readonly Tuple[],
  fitModels: readonly FitModelInfo[],
  settings: BootstrapSettings,
  verdictSettings: VerdictSettings,
): OutcomeReport {
  const labels = tuples.map((t) => t[outcome]);
  const positives = labels.filter(Boolean).length;
  const rankerInputs: { result: RankerResult; scores: number[] }[] = [];
  const ranker = (key: string, label: string, scores: number[]): void => {
    const ranked = new RankedOutcomes(scores, labels);
    rankerInputs.push({ result: { key, label, auc: auc(scores, labels), recall: recallAt(ranked, RECALL_FRACTIONS), gain: gainCurve(ranked) }, scores });
  };
  const [inForce, ...others] = fitModels;
  ranker('fit', `Fit (${inForce!.mode}, in force)`, tuples.map((t) => t.fit));
  others.forEach((m, i) => ranker(m.key, `Fit (${m.mode})`, tuples.map((t) => t.otherFits[i]!)));
  ranker('engagement', 'Engagement', tuples.map((t) => t.engagement));
  ranker('intent', 'Intent', tuples.map((t) => t.intent));
  ranker('priority', 'Priority', tuples.map((t) => t.priority));
  ranker('combined', 'Fit, then engagement', tuples.map((t) => combinedRank(t.fit, t.engagement)));
  ranker('baseline', 'Baseline: employee count', tuples.map((t) => t.employees));
  const groupInputs: { table: GroupTable; groups: string[] }[] = [];
  const table = (key: string, label: string, groups: string[], order: readonly string[]): void => {
    groupInputs.push({ table: { key, label, rows: groupLift(groups, labels, order) }, groups });
  };
  table('fitBucket', `Fit bucket (${inForce!.mode}, in force)`, tuples.map((t) => t.fitBucket), FIT_BUCKETS);
  others.forEach((m, i) => table(`${m.key}Bucket`, `Fit bucket (${m.mode})`, tuples.map((t) => t.otherBuckets[i]!), FIT_BUCKETS));
  table('tier', 'Tier', tuples.map((t) => t.tier), TIERS);
  table('stage', 'Buying stage', tuples.map((t) => t.stage), BUYING_STAGES);
  table('employeeBand', 'Baseline: employee band', tuples.map((t) => employeeBand(t.employees < 0 ? null : t.employees)), EMPLOYEE_BAND_ORDER);
  const keyOf = (mode: 'learned' | 'rules'): string | undefined => (inForce!.mode === mode ? 'fit' : others.find((m) => m.mode === mode)?.key);
  const learnedKey = keyOf('learned');
  const rulesKey = keyOf('rules');
  const pairs: [string, string][] = learnedKey && rulesKey ? [[learnedKey, rulesKey]] : [];
  const [difference] = attachIntervals(labels, rankerInputs, groupInputs, pairs, settings);
  const verdict = fitVerdict({
    outcome,
    positives,
    negatives: labels.length - positives,
    minOutcomes: verdictSettings.minOutcomes,
    margin: verdictSettings.margin,
    difference: difference ?? null,
    learnedPossible: pairs.length > 0 ? null : verdictSettings.learnedMissing,
  });
  return {
    outcome,
    positives,
    accounts: tuples.length,
    rate: tuples.length === 0 ? 0 : positives / tuples.length,
    rankers: rankerInputs.map((r) => r.result),
    groups: groupInputs.map((g) => g.table),
    verdict,
  };
}

function priorityReport(tuples: readonly Tuple[], models: ScoringModels, config: ScoringConfig, settings: BootstrapSettings, minOutcomes: number): PriorityReport {
  const choice = modelParams(models).priority;
  const labels = tuples.map((t) => t.priorityOutcome);
  const positives = labels.filter(Boolean).length;
  const sorted = (pick: (t: Tuple) => number) => sortScores(tuples.map(pick));
  const s = { priority: sorted((t) => t.priority), fit: sorted((t) => t.fit), engagement: sorted((t) => t.engagement), intent: sorted((t) => t.intent) };
  const aucOf = (key: keyof typeof s) => (w: ArrayLike<number> | null) => weightedAuc(s[key], labels, w);
  const diff = (key: 'fit' | 'engagement' | 'intent') => (w: ArrayLike<number> | null) => {
    const a = aucOf('priority')(w);
    const b = aucOf(key)(w);
    return a === null || b === null ? null : a - b;
  };
  const [priority, fit, engagement, intent, dFit, dEngagement, dIntent] = bootstrap(
    labels,
    [aucOf('priority'), aucOf('fit'), aucOf('engagement'), aucOf('intent'), diff('fit'), diff('engagement'), diff('intent')],
    settings,
  );
  const probabilities = tuples.map((t) => t.priorityProbability);
  const calibration = probabilities.every((p): p is number => p !== null) && tuples.length > 0 ? calibrationTable(probabilities, labels) : null;
  return {
    mode: choice?.mode ?? 'rule',
    reason: choice?.reason ?? 'rule: no priority model',
    outcome: config.priority.outcome,
    horizonDays: config.priority.horizonDays,
    accounts: tuples.length,
    positives,
    auc: { priority: priority!, fit: fit!, engagement: engagement!, intent: intent! },
    calibration,
    verdict: priorityVerdict(positives, tuples.length - positives, minOutcomes, { fit: dFit!, engagement: dEngagement!, intent: dIntent! }),
  };
}

/** Sorts by fit, and by engagement among equal fits (both are 0–100). */
export function combinedRank(fit: number, engagement: number): number {
  return fit * 1000 + Math.min(Math.max(engagement, 0), 999);
}

/** A scorer that returns NaN must not break the sort: it ranks last. */
function finite(value: number): number {
  return Number.isFinite(value) ? value : -1;
}
