/**
 * A train worker: its own store connection and its own trainer, fed the bundles (without activities) of every batch
 * it is handed; its trainer's partial goes back when it stops. Started only from compiled JavaScript (train-pool.ts).
 */
import { workerData } from 'node:worker_threads';
import { scoring } from '../scoring/index.js';
import { servePool } from './pool-worker.js';
import { TRAINING_BUNDLES, type TrainWorkerInit } from './train-pool.js';

const init = workerData as TrainWorkerInit;
const trainer = scoring.createModelTrainer(init.scoringConfig, new Date(init.now));

await servePool(init.storeOptions, (store) => ({
  async batch({ accountIds }): Promise<number> {
    const bundles = await store.loadBundles(init.source, accountIds, TRAINING_BUNDLES);
    for (const bundle of bundles) trainer.add(bundle);
    return bundles.length;
  },
  final: () => trainer.partial(),
}));
