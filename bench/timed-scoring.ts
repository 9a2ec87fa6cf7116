/**
 * Wraps the scoring API so the benchmark can split the models phase: the first training pass (every account, no
 * activities), the priority replay (the sample with its history; in workers it shows as the time until `finish`), and
 * `finish()` itself (the fit model choice with its bootstrap, and fitting the priority model).
 */
import type { ModelTrainer, ScoringApi } from '../src/scoring/api.js';

export interface TrainingTimes {
  start: number;
  countDone: number | null;
  finishStart: number | null;
  finishEnd: number | null;
}

export function timedScoring(api: ScoringApi): { api: ScoringApi; times: TrainingTimes } {
  const times: TrainingTimes = { start: 0, countDone: null, finishStart: null, finishEnd: null };
  const wrapped: ScoringApi = {
    ...api,
    createModelTrainer(config, now) {
      const trainer = api.createModelTrainer(config, now);
      times.start = performance.now();
      times.countDone = times.finishStart = times.finishEnd = null;
      const timed: ModelTrainer = {
        add: (bundle, inSample) => trainer.add(bundle, inSample),
        get needsHistory() {
          times.countDone ??= performance.now();
          return trainer.needsHistory;
        },
        addHistory: (bundle) => trainer.addHistory(bundle),
        partial: () => trainer.partial(),
        merge: (partial) => trainer.merge(partial),
        finish() {
          times.finishStart = performance.now();
          const models = trainer.finish();
          times.finishEnd = performance.now();
          return models;
        },
      };
      return timed;
    },
  };
  return { api: wrapped, times };
}
