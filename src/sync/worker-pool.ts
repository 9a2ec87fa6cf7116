/**
 * Runs account-id batches through worker threads, each with its own store connection (pool-worker.ts): the main thread
 * hands the next batch to whichever worker is ready, passes each batch's result on, and resolves with every worker's
 * final result once all have stopped. A failure in any worker stops them all and rejects, naming the worker's role.
 */
import { Worker } from 'node:worker_threads';
import type { FromPoolWorker, ToPoolWorker } from './worker-protocol.js';

export interface WorkerPoolOptions<Extra extends object, Done> {
  /** What the workers do, for error messages: "<role> worker failed: …". */
  role: string;
  /** The compiled worker script. */
  script: URL;
  workers: number;
  workerData: unknown;
  batches: readonly string[][];
  /** What else a batch message carries, read when the batch is handed out. */
  batchFields?: () => Extra;
  onBatchDone: (result: Done) => void;
  /** Young-generation size per worker: a larger nursery means fewer scavenges for allocation-heavy batches. */
  youngGenerationMb?: number;
}

export function batchesOf(accountIds: readonly string[], batchSize: number): string[][] {
  const size = Math.max(1, batchSize);
  const batches: string[][] = [];
  for (let start = 0; start < accountIds.length; start += size) batches.push(accountIds.slice(start, start + size));
  return batches;
}

/** Resolves with each worker's final result, in the order the workers stopped. */
export function runWorkerPool<Extra extends object, Done, Final>(options: WorkerPoolOptions<Extra, Done>): Promise<Final[]> {
  const { batches, role } = options;
  const workers: Worker[] = [];
  const finals: Final[] = [];
  let next = 0;
  let settled = false;
  return new Promise<Final[]>((resolve, reject) => {
    let running = Math.min(options.workers, batches.length);
    if (running <= 0) return resolve(finals);
    // The error keeps its class name (StoreError, ConnectorError …), so the CLI still reads it as advice, not a crash.
    const fail = (reason: string, name = 'Error'): void => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      reject(Object.assign(new Error(`${role} worker failed: ${reason}`), { name }));
    };
    const handOut = (worker: Worker): void => {
      const accountIds = batches[next++];
      const extra = options.batchFields?.() ?? ({} as Extra);
      const message: ToPoolWorker<Extra> = accountIds ? { ...extra, type: 'batch', accountIds } : { type: 'stop' };
      worker.postMessage(message);
    };
    for (let i = 0; i < running; i++) {
      const worker = new Worker(options.script, {
        workerData: options.workerData,
        resourceLimits: options.youngGenerationMb ? { maxYoungGenerationSizeMb: options.youngGenerationMb } : undefined,
      });
      workers.push(worker);
      let stopped = false;
      worker.on('message', (message: FromPoolWorker<Done, Final>) => {
        if (settled) return;
        if (message.type === 'failed') return fail(message.message, message.name);
        if (message.type === 'stopped') {
          stopped = true;
          finals.push(message.result);
          if (--running > 0) return;
          settled = true;
          return resolve(finals);
        }
        if (message.type === 'done') options.onBatchDone(message.result);
        handOut(worker);
      });
      worker.on('error', (error) => fail(error.message));
      // A worker only exits after "stopped"; exiting before it means its batches (or its final result) are lost.
      worker.on('exit', (code) => {
        if (!stopped) fail(code === 0 ? 'exited before it was told to stop' : `exited with code ${code}`);
      });
    }
  });
}
