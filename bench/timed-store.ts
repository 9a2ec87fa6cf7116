import type { StateStore } from '../src/store/store.js';

/**
 * Wraps every store method to add up the wall time spent in it, so the output says how much of a pass is the store
 * (reads, score and plan persistence) and how much is scoring itself. `transaction` counts the whole transaction,
 * so the methods called inside it are counted twice: once on their own, once within it.
 */
export function timedStore(store: StateStore, spent: Map<string, number>): StateStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return async (...args: unknown[]) => {
        const start = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          spent.set(name, (spent.get(name) ?? 0) + performance.now() - start);
        }
      };
    },
  });
}

/** The store methods that took at least 50 ms, in seconds; empties `spent` for the next step. */
export function takeStoreSeconds(spent: Map<string, number>): Record<string, number> {
  const out = Object.fromEntries([...spent].filter(([, ms]) => ms >= 50).map(([name, ms]) => [name, Math.round(ms / 100) / 10]));
  spent.clear();
  return out;
}
