/**
 * Whether a phase may hand its batches to worker threads, and the store each worker then opens for itself. The score
 * and train phases ask the same question, so they split their work under the same conditions.
 */
import type { EngineDeps, RunOptions } from './engine-deps.js';

/** A store the worker can open itself: StoreOptions without the clock (a function does not cross threads). */
export type WorkerStoreOptions = { driver: 'sqlite'; path: string } | { driver: 'postgres'; url: string; schema?: string };

/** A worker thread cannot load TypeScript: under ts-jest (or ts-node) the sources end in .ts and batches stay in-process. */
const RUNNING_COMPILED = import.meta.url.endsWith('.js');

/**
 * The store options for `workers` worker threads, or null to keep the batches in-process: dry runs, runs with fault
 * hooks (they live in the main thread), a single worker, TypeScript sources, and stores another connection cannot
 * share (in-memory SQLite) or that stamp times with an injected clock.
 */
export function workerStore(deps: EngineDeps, options: RunOptions, workers: number): WorkerStoreOptions | null {
  if (options.dryRun || workers <= 1 || deps.faults || !RUNNING_COMPILED) return null;
  const store = deps.storeOptions;
  if (!store || store.clock) return null;
  if (store.driver === 'postgres') return { driver: 'postgres', url: store.url, schema: store.schema };
  return store.path === ':memory:' ? null : { driver: 'sqlite', path: store.path };
}
