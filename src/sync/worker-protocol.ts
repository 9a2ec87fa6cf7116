/** Messages between a worker pool (main thread, worker-pool.ts) and its workers (pool-worker.ts); plain, cloneable data. */

/** A batch of account ids, plus whatever else the pool's batches carry (`Extra`), or the signal to finish. */
export type ToPoolWorker<Extra extends object> = ({ type: 'batch'; accountIds: string[] } & Extra) | { type: 'stop' };

export type FromPoolWorker<Done, Final> =
  | { type: 'ready' }
  | { type: 'done'; result: Done }
  /** The worker's last word (e.g. a trainer's partial), sent once its store is closed. */
  | { type: 'stopped'; result: Final }
  /** `name`: the error's class name, so the main thread can rethrow a StoreError as one. */
  | { type: 'failed'; message: string; name?: string };
