/**
 * Scores batches in worker threads (worker-pool.ts), one store connection each, so a real run uses every core:
 * batches are independent (distinct accounts, distinct task keys) and each worker persists its own batch in the usual
 * order (outbox, ledger, scoring state). The main thread only hands out account-id ranges and adds up the counts.
 * A worker stopped mid-batch loses only that batch's open transaction: what it committed is the same partial state a
 * killed process leaves, which the next run resumes from.
 */
import type { BatchCounts } from './score-batch.js';
import type { ScoreBatchFields, ScoreWorkerInit } from './score-worker-protocol.js';
import { runWorkerPool } from './worker-pool.js';

export interface PoolOptions {
  workers: number;
  batches: string[][];
  init: ScoreWorkerInit;
  now: () => Date;
  onBatchDone: (counts: BatchCounts) => void;
  /** Young-generation size per worker: scoring allocates many short-lived objects, and a larger nursery means fewer scavenges. */
  youngGenerationMb?: number;
}

const WORKER_URL = new URL('./score-worker.js', import.meta.url);

export async function scoreInWorkers(options: PoolOptions): Promise<void> {
  const { now, init, ...rest } = options;
  await runWorkerPool<ScoreBatchFields, BatchCounts, null>({
    ...rest,
    role: 'score',
    script: WORKER_URL,
    workerData: init,
    batchFields: () => ({ now: now().toISOString() }),
  });
}
