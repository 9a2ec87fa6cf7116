/**
 * Trains in worker threads: each worker adds the bundles of the batches it is handed to a trainer of its own, and the
 * trainers' partials come back to be merged in the main thread. Merged partials give exactly the models one trainer
 * over every account gives, so how batches fall to workers changes nothing.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { AccountBundle } from '../model/records.js';
import type { ModelTrainer, ScoringApi, TrainerPartial } from '../scoring/api.js';
import type { LoadBundleOptions, StateStore } from '../store/store.js';
import { runWorkerPool } from './worker-pool.js';
import type { WorkerStoreOptions } from './worker-store.js';

/**
 * The trainer learns from firmographics, contacts and opportunities: activities (most of the rows) stay unread,
 * except for the fixed sample of accounts the priority model replays with their full history (`wantsHistory`).
 */
export const TRAINING_BUNDLES: LoadBundleOptions = { activities: false };

/** Loads one batch for training (the priority sample with every activity, the rest without) and adds it to `trainer`. */
export async function addTrainingBatch(
  store: StateStore,
  source: string,
  accountIds: readonly string[],
  trainer: ModelTrainer,
  training: { scoring: ScoringApi; scoringConfig: ScoringConfig; population: number },
): Promise<number> {
  const wanted = new Set(accountIds.filter((id) => training.scoring.wantsHistory(id, training.population, training.scoringConfig)));
  const plain = accountIds.filter((id) => !wanted.has(id));
  const add = (bundles: AccountBundle[], withHistory: boolean): void => {
    for (const bundle of bundles) trainer.add(bundle, withHistory);
  };
  const plainBundles = plain.length > 0 ? await store.loadBundles(source, plain, TRAINING_BUNDLES) : [];
  add(plainBundles, false);
  const fullBundles = wanted.size > 0 ? await store.loadBundles(source, [...wanted]) : [];
  add(fullBundles, true);
  return plainBundles.length + fullBundles.length;
}

export interface TrainWorkerInit {
  storeOptions: WorkerStoreOptions;
  source: string;
  scoringConfig: ScoringConfig;
  /** The trainer's `now` (ISO); every worker's trainer and the main thread's must share it to merge. */
  now: string;
  /** Accounts in the whole pass: the priority sample's share depends on it. */
  population: number;
}

export interface TrainPoolOptions {
  workers: number;
  batches: string[][];
  init: TrainWorkerInit;
  /** Called with the number of accounts each finished batch held. */
  onBatchDone: (accounts: number) => void;
}

const WORKER_URL = new URL('./train-worker.js', import.meta.url);

/** Decoding bundles allocates many short-lived objects: a 192 MB nursery (as for scoring) took 5–10% off at 100k. */
const WORKER_YOUNG_GENERATION_MB = 192;

/** Resolves with one partial per worker, to merge into the main thread's trainer. */
export function trainInWorkers(options: TrainPoolOptions): Promise<TrainerPartial[]> {
  return runWorkerPool<object, number, TrainerPartial>({
    role: 'train',
    script: WORKER_URL,
    workers: options.workers,
    workerData: options.init,
    batches: options.batches,
    youngGenerationMb: WORKER_YOUNG_GENERATION_MB,
    onBatchDone: options.onBatchDone,
  });
}
