/**
 * The contract between the sync engine and scoring. Scoring is pure: canonical data in, scores, reasons and task
 * drafts out. No I/O, no clock reads (the engine passes `now`), no randomness.
 *
 * Models are trained by streaming bundles through a trainer once (history pass), then every affected account is
 * scored with those models. Both steps are linear in data size and keep only aggregates in memory.
 */
import type { AccountBundle, LeadBundle } from '../model/records.js';
import type { AccountScore, BuyingStage, ContactScore, LeadScore, PriorAccountState } from '../model/scores.js';
import type { TaskDraft } from '../model/tasks.js';
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { PriorityInputs } from './priority/features.js';

/** Everything learned from history that scoring needs; serialisable to JSON so the store can version it. */
export interface ScoringModels {
  /** e.g. "rules-3f2a9c" or "learned-7b1e2a": named by content (the same model keeps its name); goes into every score's modelVersion. */
  version: string;
  fitMode: 'rules' | 'learned';
  /** Why this mode is in force, e.g. "learned: 34 won accounts ≥ 20 required" or "rules: 7 won accounts < 20 required". */
  fitModeReason: string;
  trainedAt: string;
  /** Opaque, JSON-serialisable model parameters owned by the scoring modules. */
  params: unknown;
}

/**
 * A trainer's accumulated state as plain, JSON-serialisable data, so trainers over disjoint sets of accounts (e.g. in
 * worker threads) can be merged. Opaque outside the trainer that made it: `kind` and `asOf` say which trainers may
 * merge it.
 */
export interface TrainerPartial {
  kind: string;
  /** The trainer's `now` (ISO): what counts as won depends on it. */
  asOf: string;
  state: unknown;
}

export interface ModelTrainer {
  /**
   * First pass, every account; bundles may come without activities. `inSample`: the account is one of those the
   * priority model replays (see `ScoringApi.wantsHistory`), so its outcomes are counted.
   */
  add(bundle: AccountBundle, inSample?: boolean): void;
  /** After the first pass: is there enough history for the priority replay? If not, skip the second pass. */
  readonly needsHistory: boolean;
  /** Second pass, only the sampled accounts, each with its full activity history: replayed as of past dates. */
  addHistory(bundle: AccountBundle): void;
  partial(): TrainerPartial;
  /**
   * Adds the partial of a trainer made with the same config and `now`. Trainers over disjoint accounts, merged in any
   * order, finish exactly like one trainer over all of them (same models, same version).
   */
  merge(partial: TrainerPartial): void;
  finish(): ScoringModels;
}

export interface AccountScoringResult {
  account: AccountScore;
  contacts: ContactScore[];
  /** The bundle's matched leads, scored as members of the buying team (their fit is the account's). */
  leads: LeadScore[];
  tasks: TaskDraft[];
  /** State to remember for the next run (stage dwell, qualified dates, lifecycle, task cooldowns). */
  nextState: PriorAccountState;
  stageChange: { from: BuyingStage | null; to: BuyingStage } | null;
  /** What the priority score read (the trainer replays past snapshots through scoreAccount to learn from them). */
  priorityInputs: PriorityInputs;
}

export interface LeadScoringResult {
  lead: LeadScore;
  tasks: TaskDraft[];
}

export interface ScoringApi {
  createModelTrainer(config: ScoringConfig, now: Date): ModelTrainer;
  /** The earliest activity the priority replay of a trainer as of `now` reads (the second pass loads only those). */
  historySince(config: ScoringConfig, now: Date): string;
  /** Should this account reach the trainer with its full activity history? A fixed sample of `population` accounts. */
  wantsHistory(accountId: string, population: number, config: ScoringConfig): boolean;
  /** The earliest activity date any score as of `now` uses: the store need not load older ones. */
  activitiesSince(config: ScoringConfig, now: Date): string;
  scoreAccount(
    bundle: AccountBundle,
    prior: PriorAccountState | null,
    models: ScoringModels,
    config: ScoringConfig,
    now: Date,
  ): AccountScoringResult;
  /**
   * An unmatched lead on its own: persona, engagement, lifecycle (from `priorLifecycle`, its last stage) and a fit from
   * its own firmographics with the model in force.
   */
  scoreLead(bundle: LeadBundle, priorLifecycle: string | null, models: ScoringModels, config: ScoringConfig, now: Date): LeadScoringResult;
}
