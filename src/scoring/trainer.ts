/**
 * The model trainer: one streaming pass over every bundle keeps only counts, won amounts and a compact copy of each
 * account's fit inputs; `finish()` then decides the fit mode on evidence (fit/fit-selection.ts), learns the priority
 * model from replayed snapshots (priority/priority-trainer.ts) and returns versioned, JSON-serialisable models.
 * Trainers over parts of the accounts merge exactly (`partial()` / `merge()`), so the pass can be split between
 * worker threads.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { AccountBundle, Opportunity } from '../model/records.js';
import type { ModelTrainer, ScoringModels, TrainerPartial } from './api.js';
import { AcvTrainer, type AcvPartial } from './acv.js';
import { accountTokens } from './fit/feature-tokens.js';
import { FitExamples, type FitExample, type FitExamplesPartial } from './fit/fit-examples.js';
import { chooseFitMode, rulesScoreOf, validateFit, WON_SINCE_VALIDATION, type FitChoice } from './fit/fit-selection.js';
import { blendedFitScore, LearnedFitTrainer, type LearnedFitModel, type LearnedFitPartial } from './fit/learned-fit.js';
import { rulesFieldContributors } from './fit/rules-fit.js';
import type { ModelParams } from './model-params.js';
import { PersonaBoostTrainer, type PersonaBoostPartial } from './persona-trainer.js';
import { PriorityTrainer, SNAPSHOT_MODELS, snapshotDates, type PriorityPartial } from './priority/priority-trainer.js';
import { scoreAccount } from './score-account.js';
import { wonBy } from './signals/opportunities.js';
import { fingerprint32 } from './stats/hash.js';
import { DAY_MS } from './time.js';
import { activitiesSince } from './activity-lookback.js';

/** A short, stable fingerprint for version strings (not for security). */
export function fingerprint(text: string): string {
  return fingerprint32(text).toString(16).padStart(8, '0').slice(0, 6);
}

/** What `TrainerPartial.state` holds for this trainer. */
interface TrainerState {
  fit: LearnedFitPartial;
  examples: FitExamplesPartial;
  persona: PersonaBoostPartial;
  acv: AcvPartial;
  priority: PriorityPartial;
}

const PARTIAL_KIND = 'scoring-trainer/2';

/**
 * Past dates the pass learns "as of", aligned to whole weeks so the evidence and the priority model change once a
 * week, not with every daily retrain (each change would rewrite scores in the CRM).
 */
export function trainingDates(config: ScoringConfig, now: Date): { validation: Date; snapshots: [Date, Date] } {
  const week = 7 * DAY_MS;
  const aligned = new Date(Math.floor(now.getTime() / week) * week);
  return {
    validation: new Date(aligned.getTime() - config.fit.selection.validationDays * DAY_MS),
    snapshots: snapshotDates(aligned, config),
  };
}

/** Each opportunity's dates parsed once: the pass asks "won by …?" for several dates. */
interface OppDates {
  won: boolean;
  createdMs: number;
  /** When a win counts: the close date, else the creation date. */
  wonMs: number;
  closedWonMs: number;
}

function oppDates(opportunities: readonly Opportunity[]): OppDates[] {
  return opportunities.map((opp) => {
    const createdMs = Date.parse(opp.createdAt);
    const closeMs = opp.closeDate ? Date.parse(opp.closeDate) : NaN;
    return {
      won: opp.isWon,
      createdMs,
      wonMs: Number.isNaN(closeMs) ? createdMs : closeMs,
      closedWonMs: opp.isClosed && opp.isWon ? closeMs : NaN,
    };
  });
}

/** The same test as `wonBy` (signals/opportunities.ts), on parsed dates. */
/** The earliest activity any replayed snapshot can use: the older snapshot's scoring lookback. */
export function historySince(config: ScoringConfig, now: Date): string {
  return activitiesSince(config, trainingDates(config, now).snapshots[0]);
}

function wonAt(opps: readonly OppDates[], ms: number): boolean {
  return opps.some((o) => o.won && o.createdMs <= ms && o.wonMs <= ms);
}

function wonBetween(opps: readonly OppDates[], fromMs: number, toMs: number): boolean {
  return opps.some((o) => o.closedWonMs >= fromMs && o.closedWonMs < toMs);
}

export function createModelTrainer(config: ScoringConfig, now: Date): ModelTrainer {
  const nowMs = now.getTime();
  const asOf = now.toISOString();
  const { validation, snapshots } = trainingDates(config, now);
  const labelDates = [nowMs, validation.getTime(), snapshots[0].getTime(), snapshots[1].getTime()];
  const fit = new LearnedFitTrainer(config, labelDates.length);
  const examples = new FitExamples();
  const acv = new AcvTrainer(config);
  const persona = new PersonaBoostTrainer(config);
  const priority = new PriorityTrainer(config, new Date(snapshots[1].getTime() + config.priority.horizonDays * DAY_MS), (bundle, date) => {
    return scoreAccount(bundle, null, SNAPSHOT_MODELS, config, date).priorityInputs;
  });
  return {
    add(bundle: AccountBundle, inSample = false): void {
      const wonContactIds = new Set<string>();
      for (const opp of bundle.opportunities) {
        const createdMs = Date.parse(opp.createdAt);
        if (!opp.isWon || !(createdMs <= nowMs) || !wonBy(opp, createdMs, nowMs)) continue;
        if (opp.amount !== null && opp.amount > 0) acv.addWon(bundle.account, opp.amount);
        for (const id of opp.contactIds) wonContactIds.add(id);
      }
      const tokens = accountTokens(bundle.account, config);
      const rules = rulesFieldContributors(bundle.account, config);
      const dates = oppDates(bundle.opportunities);
      fit.add(bundle.account, labelDates.map((ms) => wonAt(dates, ms)), tokens, rules);
      const wonSince = wonBetween(dates, validation.getTime(), nowMs);
      examples.add(bundle.account.id, tokens, rules, wonSince ? WON_SINCE_VALIDATION : 0);
      persona.add(bundle.contacts, wonContactIds);
      if (inSample) priority.count(bundle);
    },
    get needsHistory(): boolean {
      return priority.worthReplaying;
    },
    addHistory(bundle: AccountBundle): void {
      priority.add(bundle);
    },
    partial(): TrainerPartial {
      const state: TrainerState = { fit: fit.partial(), examples: examples.partial(), persona: persona.partial(), acv: acv.partial(), priority: priority.partial() };
      return { kind: PARTIAL_KIND, asOf, state };
    },
    merge(partial: TrainerPartial): void {
      if (partial.kind !== PARTIAL_KIND || partial.asOf !== asOf) {
        throw new Error(`cannot merge a ${partial.kind} partial as of ${partial.asOf} into a ${PARTIAL_KIND} trainer as of ${asOf}`);
      }
      const state = partial.state as TrainerState;
      fit.merge(state.fit);
      examples.merge(state.examples);
      persona.merge(state.persona);
      acv.merge(state.acv);
      priority.merge(state.priority);
    },
    finish(): ScoringModels {
      const sorted = examples.sorted();
      const learnedNow = fit.finish(0);
      const hasBothOutcomes = sorted.some((e) => e.flags & WON_SINCE_VALIDATION) && sorted.some((e) => !(e.flags & WON_SINCE_VALIDATION));
      const evidence = hasBothOutcomes ? validateFit(sorted, fit.finish(1), config, validation) : null;
      const fitChoice = chooseFitMode(config, { wonAccounts: fit.wonAccounts, notWonAccounts: fit.accounts - fit.wonAccounts }, evidence);
      const snapshotFit = snapshotFitScorer(sorted, fitChoice, [fit.finish(2), fit.finish(3)], config);
      const priorityChoice = priority.finish(snapshotFit);
      const params: ModelParams = {
        schema: 1,
        fit: learnedNow,
        persona: persona.finish(),
        acv: acv.finish(),
        fitChoice,
        priority: priorityChoice,
      };
      // Named by content, never by date: the name is in every account's reasons text, so a daily retrain that learns
      // the same model must keep it, or every account would be rewritten every day. The evidence is left out of the
      // name: it moves with each day's outcomes while the model stays the same.
      const version =
        fitChoice.mode === 'learned'
          ? `learned-${fingerprint(JSON.stringify([params.fit, params.persona, params.acv, config.fit.learned, config.fit.rules]))}`
          : `rules-${fingerprint(JSON.stringify([config.fit.rules, config.fit.buckets, params.persona, params.acv]))}`;
      return { version, fitMode: fitChoice.mode, fitModeReason: fitChoice.reason, trainedAt: now.toISOString(), params };
    },
  };
}

/** The fit each replayed snapshot would have had: the chosen mode, with the learned model of that snapshot's date. */
function snapshotFitScorer(
  sorted: readonly FitExample[],
  choice: FitChoice,
  models: [LearnedFitModel, LearnedFitModel],
  config: ScoringConfig,
): (accountId: string, snapshot: number) => number | null {
  const byId = new Map(sorted.map((e) => [e.id, e]));
  return (accountId, snapshot) => {
    const example = byId.get(accountId);
    if (!example) return null;
    if (choice.mode === 'rules') return rulesScoreOf(example, config);
    return blendedFitScore(example.tokens, example.rules, models[snapshot === 0 ? 0 : 1], config);
  };
}

