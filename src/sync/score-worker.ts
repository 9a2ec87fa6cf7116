/**
 * A score worker: its own store connection, scoring and persisting whole batches the main thread hands out.
 * Started only from compiled JavaScript (see score-pool.ts); each batch is persisted exactly as in-process.
 */
import { workerData } from 'node:worker_threads';
import { scoring } from '../scoring/index.js';
import { servePool } from './pool-worker.js';
import { scoreBatch, type BatchContext, type BatchCounts } from './score-batch.js';
import type { ScoreBatchFields, ScoreWorkerInit } from './score-worker-protocol.js';

const init = workerData as ScoreWorkerInit;

await servePool<ScoreBatchFields, BatchCounts, null>(init.storeOptions, (store) => {
  const ctx: BatchContext = {
    store,
    source: init.source,
    mapping: init.mapping,
    scoring,
    scoringConfig: init.scoringConfig,
    ...(init.outputEncoding ? { outputEncoding: init.outputEncoding } : {}),
  };
  return {
    async batch(message) {
      const { counts } = await scoreBatch(ctx, init.runId, message.accountIds, init.models, new Date(message.now), false);
      return counts;
    },
    final: () => null,
  };
});
