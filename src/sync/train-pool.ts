/**
 * Trains in worker threads: each worker adds the bundles of the batches it is handed to a trainer of its own, and the
 * trainers' partials come back to be merged in the main thread. Merged partials give exactly the models one trainer
 * over every account gives, so how batches fall to workers changes nothing.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { ModelTrainer, ScoringApi, TrainerPartial } from '../scoring/api.js';
import type { LoadBundleOptions, StateStore } from '../store/store.js';
import { runWorkerPool } from './worker-pool.js';
import type { WorkerStoreOptions } from './worker-store.js';

/**
 * The first pass learns from firmographics, contacts and opportunities: activities (most of the rows) stay unread. Only
 * the fixed sample of accounts the priority model replays is read again with its full history, in a second pass.
 */
export const TRAINING_BUNDLES: LoadBundleOptions = { activities: false };

export interface TrainingContext {
  scoring: ScoringApi;
  scoringConfig: ScoringConfig;
  /** Accounts in the whole pass: the priority sample's share depends on it. */
  population: number;
}

/** First pass: one batch without activities, each account marked when it is in the priority sample. */
export async function addTrainingBatch(store: StateStore, source: string, accountIds: readonly string[], trainer: ModelTrainer, training: TrainingContext): Promise<number> {
  const bundles = await store.loadBundles(source, [...accountIds], TRAINING_BUNDLES);
  for (const bundle of bundles) trainer.add(bundle, training.scoring.wantsHistory(bundle.account.id, training.population, training.scoringConfig));
  return bundles.length;
}

/**
 * Second pass (only when the first found enough outcomes): the sampled accounts with the activities the replayed
 * snapshots can see (`since`: the older snapshot's lookback), replayed.
 */
export async function addHistoryBatch(store: StateStore, source: string, accountIds: readonly string[], trainer: ModelTrainer, since: string): Promise<number> {
  const bundles = await store.loadBundles(source, [...accountIds], { activitiesSince: since });
  for (const bundle of bundles) trainer.addHistory(bundle);
  return bundles.length;
}

export interface TrainWorkerInit {
  storeOptions: WorkerStoreOptions;
  source: string;
  scoringConfig: ScoringConfig;
  /** The trainer's `now` (ISO); every worker's trainer and the main thread's must share it to merge. */
  now: string;
  /** Accounts in the whole pass: the priority sample's share depends on it. */
  population: number;
  /** Which pass the workers run: counting every account, or replaying the priority sample's history. */
  pass: 'count' | 'history';
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
