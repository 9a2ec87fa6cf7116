import type { AccountBundle } from '../model/records.js';
import type { EngineDeps } from './engine-deps.js';

/** Streams account bundles from the store in fixed-size batches so memory stays bounded on large orgs. */
export async function forEachBundleBatch(
  deps: Pick<EngineDeps, 'store' | 'connector' | 'settings'>,
  accountIds: readonly string[],
  handle: (bundles: AccountBundle[]) => void | Promise<void>,
): Promise<void> {
  const size = Math.max(1, deps.settings.scoreBatchSize);
  for (let start = 0; start < accountIds.length; start += size) {
    const bundles = await deps.store.loadBundles(deps.connector.name, accountIds.slice(start, start + size));
    await handle(bundles);
  }
}
