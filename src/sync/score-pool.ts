/**
 * Scores batches in worker threads, one store connection each, so a real run uses every core: batches are
 * independent (distinct accounts, distinct task keys) and each worker persists its own batch in the usual order
 * (outbox, ledger, scoring state). The main thread only hands out account-id ranges and adds up the counts.
 */
import { Worker } from 'node:worker_threads';
import type { BatchCounts } from './score-batch.js';
import type { FromScoreWorker, ScoreWorkerInit, ToScoreWorker } from './score-worker-protocol.js';

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

export function scoreInWorkers(options: PoolOptions): Promise<void> {
  const { batches, init, now, onBatchDone } = options;
  const workers: Worker[] = [];
  let next = 0;
  let settled = false;
  return new Promise<void>((resolve, reject) => {
    let running = Math.min(options.workers, batches.length);
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      // A worker stopped mid-batch loses only that batch's open transaction: what it committed is the same partial
      // state a killed process leaves, which the next run resumes from.
      for (const w of workers) void w.terminate();
      reject(new Error(`score worker failed: ${reason}`));
    };
    const handOut = (worker: Worker): void => {
      const accountIds = batches[next++];
      const message: ToScoreWorker = accountIds ? { type: 'batch', accountIds, now: now().toISOString() } : { type: 'stop' };
      worker.postMessage(message);
    };
    for (let i = 0; i < running; i++) {
      const worker = new Worker(WORKER_URL, {
        workerData: init,
        resourceLimits: options.youngGenerationMb ? { maxYoungGenerationSizeMb: options.youngGenerationMb } : undefined,
      });
      workers.push(worker);
      worker.on('message', (message: FromScoreWorker) => {
        if (settled) return;
        if (message.type === 'failed') return fail(message.message);
        if (message.type === 'done') onBatchDone(message.counts);
        handOut(worker);
      });
      worker.on('error', (error) => fail(error.message));
      worker.on('exit', (code) => {
        if (settled) return;
        if (code !== 0) return fail(`exited with code ${code}`);
        running--;
        if (running > 0) return;
        settled = true;
        if (next < batches.length) reject(new Error('score workers stopped before every batch was scored'));
        else resolve();
      });
    }
  });
}
