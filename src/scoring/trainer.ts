/**
 * The model trainer: one streaming pass over every bundle keeps only counts and won amounts, then `finish()` decides
 * the fit mode and returns versioned, JSON-serialisable models. Trainers over parts of the accounts merge exactly
 * (`partial()` / `merge()`), so the pass can be split between worker threads.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { AccountBundle } from '../model/records.js';
import type { ModelTrainer, ScoringModels, TrainerPartial } from './api.js';
import { AcvTrainer, type AcvPartial } from './acv.js';
import { LearnedFitTrainer, type LearnedFitPartial } from './fit/learned-fit.js';
import type { ModelParams } from './model-params.js';
import { PersonaBoostTrainer, type PersonaBoostPartial } from './persona-trainer.js';
import { wonBy } from './signals/opportunities.js';

/** FNV-1a: a short, stable fingerprint for version strings (not for security). */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0').slice(0, 6);
}

function decideMode(config: ScoringConfig, won: number): { mode: 'rules' | 'learned'; reason: string } {
  const required = config.fit.learned.minWonAccounts;
  if (config.fit.mode === 'rules') return { mode: 'rules', reason: `rules: forced by fit.mode (${won} won accounts)` };
  if (config.fit.mode === 'learned') return { mode: 'learned', reason: `learned: forced by fit.mode (${won} won accounts)` };
  return won >= required
    ? { mode: 'learned', reason: `learned: ${won} won accounts ≥ ${required} required` }
    : { mode: 'rules', reason: `rules: ${won} won accounts < ${required} required` };
}

/** What `TrainerPartial.state` holds for this trainer. */
interface TrainerState {
  fit: LearnedFitPartial;
  persona: PersonaBoostPartial;
  acv: AcvPartial;
}

const PARTIAL_KIND = 'scoring-trainer/1';

export function createModelTrainer(config: ScoringConfig, now: Date): ModelTrainer {
  const nowMs = now.getTime();
  const asOf = now.toISOString();
  const fit = new LearnedFitTrainer(config);
  const acv = new AcvTrainer(config);
  const persona = new PersonaBoostTrainer(config);
  return {
    add(bundle: AccountBundle): void {
      let isWon = false;
      const wonContactIds = new Set<string>();
      for (const opp of bundle.opportunities) {
        const createdMs = Date.parse(opp.createdAt);
        if (!opp.isWon || !(createdMs <= nowMs) || !wonBy(opp, createdMs, nowMs)) continue;
        isWon = true;
        if (opp.amount !== null && opp.amount > 0) acv.addWon(bundle.account, opp.amount);
        for (const id of opp.contactIds) wonContactIds.add(id);
      }
      fit.add(bundle.account, isWon);
      persona.add(bundle.contacts, wonContactIds);
    },
    partial(): TrainerPartial {
      const state: TrainerState = { fit: fit.partial(), persona: persona.partial(), acv: acv.partial() };
      return { kind: PARTIAL_KIND, asOf, state };
    },
    merge(partial: TrainerPartial): void {
      if (partial.kind !== PARTIAL_KIND || partial.asOf !== asOf) {
        throw new Error(`cannot merge a ${partial.kind} partial as of ${partial.asOf} into a ${PARTIAL_KIND} trainer as of ${asOf}`);
      }
      const state = partial.state as TrainerState;
      fit.merge(state.fit);
      persona.merge(state.persona);
      acv.merge(state.acv);
    },
    finish(): ScoringModels {
      const { mode, reason } = decideMode(config, fit.wonAccounts);
      const params: ModelParams = { schema: 1, fit: fit.finish(), persona: persona.finish(), acv: acv.finish() };
      // Named by content, never by date: the name is in every account's reasons text, so a daily retrain that learns
      // the same model must keep it, or every account would be rewritten every day.
      const version =
        mode === 'learned'
          ? `learned-${fingerprint(JSON.stringify([params, config.fit.learned]))}`
          : `rules-${fingerprint(JSON.stringify([config.fit.rules, config.fit.buckets, params.persona, params.acv]))}`;
      return { version, fitMode: mode, fitModeReason: reason, trainedAt: now.toISOString(), params };
    },
  };
}
