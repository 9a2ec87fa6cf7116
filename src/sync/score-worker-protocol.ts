/** What the score phase (main thread) gives its score workers; everything here is plain, cloneable data. */
import type { MappingFile } from '../config/mapping-types.js';
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { ScoringModels } from '../scoring/api.js';
import type { WorkerStoreOptions } from './worker-store.js';

export interface ScoreWorkerInit {
  storeOptions: WorkerStoreOptions;
  source: string;
  runId: string;
  mapping: MappingFile;
  scoringConfig: ScoringConfig;
  models: ScoringModels;
  /** The connector's output encoding, when it cannot hold every character. */
  outputEncoding?: string;
}

/** `now` comes from the engine's clock when the batch is handed out, as the in-process path reads it per batch. */
export interface ScoreBatchFields {
  now: string;
}
