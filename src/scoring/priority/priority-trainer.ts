/**
 * Learns the priority model from the account's own history: a sample of accounts is replayed as it stood on two past
 * dates (S1 = now − 2 × horizon, S2 = now − horizon; only what was known on each date, see backtest/as-of.ts), and
 * each snapshot is labelled with what happened in the horizon after it. The logistic model is fitted on S1, then
 * validated and calibrated (Platt) on S2, whose outcomes it never saw: a time split. Too few outcomes → the rule.
 */
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { AccountBundle } from '../../model/records.js';
import type { ScoringModels } from '../api.js';
import { bundleAsOf, outcomesAfter } from '../backtest/as-of.js';
import { fingerprint32 } from '../stats/hash.js';
import { bootstrap, type Estimate } from '../stats/bootstrap.js';
import { fitLogistic, fitPlatt, logit } from '../stats/logistic.js';
import { sortScores, weightedAuc } from '../stats/ranking.js';
import { DAY_MS } from '../time.js';
import { featureVector, type PriorityInputs } from './features.js';
import type { PriorityChoice, PriorityEvidence, PriorityModel } from './priority-model.js';
import { priorityTerms } from './priority.js';

/** What scoring one snapshot yields: the priority inputs (fit is filled in at the end, from the fit model of that date). */
export type SnapshotScorer = (bundle: AccountBundle, asOf: Date) => PriorityInputs;

export interface PriorityPartial {
  /** [account id, snapshot (0 = S1, 1 = S2), label, ...features] */
  rows: [string, number, number, ...number[]][];
  /** Outcomes per snapshot among the sampled accounts, counted in the first pass: [S1 positives, S1 accounts, S2 …]. */
  counts: number[];
}

/** Is this account one of those replayed with its full history? A fixed hash sample, so every process agrees. */
export function wantsHistory(accountId: string, population: number, config: ScoringConfig): boolean {
  const size = config.priority.trainingSample;
  if (population <= size) return true;
  return fingerprint32(accountId) / 4_294_967_296 < size / population;
}

export function snapshotDates(now: Date, config: ScoringConfig): [Date, Date] {
  const h = config.priority.horizonDays * DAY_MS;
  return [new Date(now.getTime() - 2 * h), new Date(now.getTime() - h)];
}

export class PriorityTrainer {
  private readonly rows: PriorityPartial['rows'] = [];
  private readonly counts = [0, 0, 0, 0];
  private readonly dates: [Date, Date];

  constructor(
    private readonly config: ScoringConfig,
    now: Date,
    private readonly scoreSnapshot: SnapshotScorer,
  ) {
    this.dates = snapshotDates(now, config);
  }

  /** First pass (no activities needed): count the outcomes the replay would learn from, so a thin history skips it. */
  count(bundle: AccountBundle): void {
    const { horizonDays, outcome } = this.config.priority;
    this.dates.forEach((date, snapshot) => {
      if (outcomesAfter(bundle, date, horizonDays)[outcome]) this.counts[snapshot * 2]!++;
      this.counts[snapshot * 2 + 1]!++;
    });
  }

  /** Is there enough history for the replay to learn from? (else `finish` gives the rule without it) */
  get worthReplaying(): boolean {
    const min = this.config.priority.minPositives;
    return [0, 1].every((s) => this.counts[s * 2]! >= min && this.counts[s * 2 + 1]! - this.counts[s * 2]! >= min);
  }

  /** Second pass: `bundle` must carry its full activity history. */
  add(bundle: AccountBundle): void {
    const { horizonDays, outcome } = this.config.priority;
    this.dates.forEach((date, snapshot) => {
      const past = bundleAsOf(bundle, date);
      if (!past) return;
      const inputs = this.scoreSnapshot(past, date);
      const label = outcomesAfter(bundle, date, horizonDays)[outcome];
      this.rows.push([bundle.account.id, snapshot, label ? 1 : 0, ...featureVector(inputs)]);
    });
  }

  partial(): PriorityPartial {
    return { rows: this.rows.map((r) => [...r]), counts: [...this.counts] };
  }

  merge(partial: PriorityPartial): void {
    for (const row of partial.rows) this.rows.push(row);
    partial.counts.forEach((n, i) => (this.counts[i] = (this.counts[i] ?? 0) + n));
  }

  /**
   * `fitAt(id, snapshot)` gives the account's fit score as the fit model of that snapshot date would have scored it.
   * Rows are put in (account, snapshot) order first, so the split between merged trainers changes nothing.
   */
  finish(fitAt: (accountId: string, snapshot: number) => number | null): PriorityChoice {
    const settings = this.config.priority;
    const rows = [...this.rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    const split = [0, 1].map((snapshot) =>
      rows
        .filter((r) => r[1] === snapshot)
        .map((r) => {
          const x = r.slice(3) as number[];
          x[0] = fitAt(r[0], snapshot) ?? x[0]!;
          return { x, y: r[2] === 1 };
        }),
    );
    const [train, valid] = split as [{ x: number[]; y: boolean }[], { x: number[]; y: boolean }[]];
    const [d1, d2] = this.dates.map((d) => d.toISOString().slice(0, 10)) as [string, string];
    const positives = (set: { y: boolean }[]): number => set.filter((e) => e.y).length;
    const thin = (set: { y: boolean }[]): boolean => positives(set) < settings.minPositives || set.length - positives(set) < settings.minPositives;
    if (!this.worthReplaying || thin(train) || thin(valid)) {
      const [p1, n1, p2, n2] = this.worthReplaying ? [positives(train), train.length, positives(valid), valid.length] : this.counts;
      const reason =
        `rule: too little history to learn from (${p1} of ${n1} accounts ${settings.outcome} an opportunity in the ${settings.horizonDays} days after ${d1}, ` +
        `${p2} of ${n2} after ${d2}; ${settings.minPositives} with and without it needed in each, priority.minPositives)`;
      return { mode: 'rule', reason, model: null, evidence: null };
    }
    const model = trainModel(train, valid, this.config);
    const evidence = {
      trainedAsOf: this.dates[0].toISOString(),
      validatedAsOf: this.dates[1].toISOString(),
      trainPositives: positives(train),
      trainAccounts: train.length,
      validationPositives: positives(valid),
      validationAccounts: valid.length,
      auc: heldOutAucs(valid, model, this.config),
    };
    const auc = evidence.auc.priority.value;
    const rule = evidence.auc.rule.value;
    if (model.calibration.b <= 0 || auc === null || auc <= 0.5) {
      const reason = `rule: the model learned from ${d1} did not rank the outcomes after ${d2} (AUC ${auc === null ? '—' : auc.toFixed(2)})`;
      return { mode: 'rule', reason, model: null, evidence };
    }
    if (rule !== null && rule >= auc) {
      const reason = `rule: it ranks the outcomes after ${d2} at least as well as the model learned from ${d1} (AUC ${rule.toFixed(2)} vs ${auc.toFixed(2)})`;
      return { mode: 'rule', reason, model: null, evidence };
    }
    const best = Math.max(...(['fit', 'engagement', 'intent'] as const).map((k) => evidence.auc[k].value ?? 0));
    const reason =
      `learned: held-out AUC ${fmt(evidence.auc.priority)} vs the rule ${rule === null ? '—' : rule.toFixed(2)} and the best single score ${best.toFixed(2)} on ` +
      `${evidence.validationPositives} of ${evidence.validationAccounts} accounts ${settings.outcome} in the ${settings.horizonDays} days after ${d2}`;
    return { mode: 'learned', reason, model, evidence };
  }
}

function fmt(e: Estimate): string {
  return e.value === null ? '—' : `${e.value.toFixed(2)} [${(e.low ?? e.value).toFixed(2)}–${(e.high ?? e.value).toFixed(2)}]`;
}

function trainModel(train: { x: number[]; y: boolean }[], valid: { x: number[]; y: boolean }[], config: ScoringConfig): PriorityModel {
  const d = train[0]?.x.length ?? 0;
  const means = Array.from({ length: d }, (_, j) => train.reduce((s, e) => s + e.x[j]!, 0) / train.length);
  const scales = Array.from({ length: d }, (_, j) => {
    const variance = train.reduce((s, e) => s + (e.x[j]! - means[j]!) ** 2, 0) / train.length;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  const z = (x: readonly number[]): number[] => x.map((v, j) => (v - means[j]!) / scales[j]!);
  const fit = fitLogistic(train.map((e) => z(e.x)), train.map((e) => e.y), config.priority.l2);
  const draft: PriorityModel = {
    outcome: config.priority.outcome,
    horizonDays: config.priority.horizonDays,
    means: means.map(round6),
    scales: scales.map(round6),
    intercept: round6(fit.intercept),
    coefficients: fit.coefficients.map(round6),
    calibration: { a: 0, b: 1 },
    baseLogit: 0,
  };
  const logits = valid.map((e) => priorityTerms(e.x, draft).logit);
  const platt = fitPlatt(logits, valid.map((e) => e.y));
  const rate = valid.filter((e) => e.y).length / valid.length;
  return { ...draft, calibration: { a: round6(platt.a), b: round6(platt.b) }, baseLogit: round6(logit(rate)) };
}

function heldOutAucs(valid: { x: number[]; y: boolean }[], model: PriorityModel, config: ScoringConfig): PriorityChoiceAuc {
  const labels = valid.map((e) => e.y);
  const ranker = (scores: number[]) => {
    const sorted = sortScores(scores);
    return (w: ArrayLike<number> | null): number | null => weightedAuc(sorted, labels, w);
  };
  const { bootstrapSamples, confidence, seed } = config.fit.selection;
  const w = config.priority.rule;
  const ruleScores = valid.map((e) => w.fit * e.x[0]! + w.engagement * e.x[1]! + w.intent * e.x[2]!);
  const [priority, fit, engagement, intent, rule] = bootstrap(
    labels,
    [
      ranker(valid.map((e) => priorityTerms(e.x, model).logit)),
      ranker(valid.map((e) => e.x[0]!)),
      ranker(valid.map((e) => e.x[1]!)),
      ranker(valid.map((e) => e.x[2]!)),
      ranker(ruleScores),
    ],
    { samples: bootstrapSamples, confidence, seed },
  );
  return { priority: priority!, fit: fit!, engagement: engagement!, intent: intent!, rule: rule! };
}

type PriorityChoiceAuc = PriorityEvidence['auc'];

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** Models for replaying a snapshot: nothing learned (the fit of the snapshot is replaced at the end anyway). */
export const SNAPSHOT_MODELS: ScoringModels = {
  version: 'snapshot',
  fitMode: 'rules',
  fitModeReason: 'priority training snapshot',
  trainedAt: new Date(0).toISOString(),
  params: { schema: 1, fit: null, persona: null, acv: { byGroup: {}, overall: null } },
};
