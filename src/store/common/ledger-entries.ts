import type { TaskLedgerEntry } from '../store.js';

/** One entry per key; a 'created' entry wins over a 'planned' one for the same key, so a batch never downgrades itself. */
export function dedupeLedgerEntries(entries: TaskLedgerEntry[]): TaskLedgerEntry[] {
  const byKey = new Map<string, TaskLedgerEntry>();
  for (const entry of entries) {
    const known = byKey.get(entry.key);
    if (known?.status === 'created' && entry.status !== 'created') continue;
    byKey.set(entry.key, entry);
  }
  return [...byKey.values()];
}
