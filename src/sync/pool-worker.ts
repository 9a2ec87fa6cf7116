/**
 * The worker-thread side of worker-pool.ts: opens the worker's own store connection, runs each batch it is handed and
 * answers with the result; on "stop" closes the store and sends its final result. Any error goes back as "failed",
 * which makes the pool reject.
 */
import { parentPort } from 'node:worker_threads';
import { openStore } from '../store/open-store.js';
import type { StateStore } from '../store/store.js';
import type { FromPoolWorker, ToPoolWorker } from './worker-protocol.js';
import type { WorkerStoreOptions } from './worker-store.js';

export interface PoolWorkerJob<Extra extends object, Done, Final> {
  batch(message: { accountIds: string[] } & Extra): Promise<Done>;
  /** Sent back once the store is closed. */
  final(): Final;
}

/** `makeJob` gets the opened store: a worker's job needs it for every batch. */
export async function servePool<Extra extends object, Done, Final>(
  storeOptions: WorkerStoreOptions,
  makeJob: (store: StateStore) => PoolWorkerJob<Extra, Done, Final>,
): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('a pool worker is a worker thread of the sync engine; it cannot run on its own.');
  const send = (message: FromPoolWorker<Done, Final>): void => port.postMessage(message);
  let opened: StateStore | undefined;
  let job: PoolWorkerJob<Extra, Done, Final>;
  try {
    opened = await openStore(storeOptions);
    job = makeJob(opened);
  } catch (error) {
    await opened?.close();
    return send({ type: 'failed', message: messageOf(error), name: nameOf(error) });
  }
  const store = opened;
  const handle = async (message: ToPoolWorker<Extra>): Promise<void> => {
    try {
      if (message.type === 'batch') return send({ type: 'done', result: await job.batch(message) });
      await store.close();
      send({ type: 'stopped', result: job.final() });
      port.close();
    } catch (error) {
      send({ type: 'failed', message: messageOf(error), name: nameOf(error) });
    }
  };
  port.on('message', (message: ToPoolWorker<Extra>) => void handle(message));
  send({ type: 'ready' });
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
