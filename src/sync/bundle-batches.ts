import type { AccountBundle } from '../model/records.js';
import type { LoadBundleOptions, StateStore } from '../store/store.js';

/** Streams account bundles from the store in fixed-size batches so memory stays bounded on large orgs. */
export async function forEachBundleBatch(
  store: StateStore,
  source: string,
  batchSize: number,
  accountIds: readonly string[],
  handle: (bundles: AccountBundle[]) => void | Promise<void>,
  options: LoadBundleOptions = {},
): Promise<void> {
  const size = Math.max(1, batchSize);
  for (let start = 0; start < accountIds.length; start += size) {
    await handle(await store.loadBundles(source, accountIds.slice(start, start + size), options));
  }
}
