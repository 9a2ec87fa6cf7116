/**
 * A train worker: its own store connection and its own trainer, fed the bundles of every batch (without activities in the first pass, the priority sample with all of them in the second)
 * it is handed; its trainer's partial goes back when it stops. Started only from compiled JavaScript (train-pool.ts).
 */
import { workerData } from 'node:worker_threads';
import { scoring } from '../scoring/index.js';
import { servePool } from './pool-worker.js';
import { addHistoryBatch, addTrainingBatch, type TrainWorkerInit } from './train-pool.js';

const init = workerData as TrainWorkerInit;
const trainer = scoring.createModelTrainer(init.scoringConfig, new Date(init.now));

await servePool(init.storeOptions, (store) => ({
  async batch({ accountIds }): Promise<number> {
    if (init.pass === 'history') return addHistoryBatch(store, init.source, accountIds, trainer, scoring.historySince(init.scoringConfig, new Date(init.now)));
    return addTrainingBatch(store, init.source, accountIds, trainer, { scoring, scoringConfig: init.scoringConfig, population: init.population });
  },
  final: () => trainer.partial(),
}));
