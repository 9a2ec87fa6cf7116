/** Messages between the score phase (main thread) and its score workers; everything here is plain, cloneable data. */
import type { MappingFile } from '../config/mapping-types.js';
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { ScoringModels } from '../scoring/api.js';
import type { BatchCounts } from './score-batch.js';

/** A store the worker can open itself: StoreOptions without the clock (a function does not cross threads). */
export type WorkerStoreOptions = { driver: 'sqlite'; path: string } | { driver: 'postgres'; url: string; schema?: string };

export interface ScoreWorkerInit {
  storeOptions: WorkerStoreOptions;
  source: string;
  runId: string;
  mapping: MappingFile;
  scoringConfig: ScoringConfig;
  models: ScoringModels;
}

export type ToScoreWorker =
  /** `now` comes from the engine's clock when the batch is handed out, as the in-process path reads it per batch. */
  | { type: 'batch'; accountIds: string[]; now: string }
  | { type: 'stop' };

export type FromScoreWorker = { type: 'ready' } | { type: 'done'; counts: BatchCounts } | { type: 'failed'; message: string };
