/**
 * A score worker: its own store connection, scoring and persisting whole batches the main thread hands out.
 * Started only from compiled JavaScript (see score-pool.ts); each batch is persisted exactly as in-process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scoring } from '../scoring/index.js';
import { openStore } from '../store/open-store.js';
import type { StateStore } from '../store/store.js';
import { scoreBatch, type BatchContext } from './score-batch.js';
import type { FromScoreWorker, ScoreWorkerInit, ToScoreWorker } from './score-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('score-worker.js is a worker thread of the score phase; it cannot run on its own.');
const init = workerData as ScoreWorkerInit;
const send = (message: FromScoreWorker): void => port.postMessage(message);

let store: StateStore | undefined;
try {
  store = await openStore(init.storeOptions);
  const ctx: BatchContext = { store, source: init.source, mapping: init.mapping, scoring, scoringConfig: init.scoringConfig };
  port.on('message', (message: ToScoreWorker) => void handle(ctx, message));
  send({ type: 'ready' });
} catch (error) {
  await store?.close();
  send({ type: 'failed', message: messageOf(error) });
}

async function handle(ctx: BatchContext, message: ToScoreWorker): Promise<void> {
  try {
    if (message.type === 'stop') {
      await ctx.store.close();
      port?.close();
      return;
    }
    const now = new Date(message.now);
    const bundles = await ctx.store.loadBundles(ctx.source, message.accountIds, { activitiesSince: ctx.scoring.activitiesSince(ctx.scoringConfig, now) });
    const { counts } = await scoreBatch(ctx, init.runId, bundles, init.models, now, false);
    send({ type: 'done', counts });
  } catch (error) {
    send({ type: 'failed', message: messageOf(error) });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
