/** Id lists are queried in chunks so statements stay bounded whatever the caller passes (10k+ ids). */
export const ID_CHUNK = 1000;

export function chunk<T>(items: readonly T[], size: number = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

export function distinct<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** One item per id, the last one winning (a batch that scores or writes the same thing twice keeps the newer copy). */
export function lastById<T>(items: T[], idOf: (item: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const item of items) byId.set(idOf(item), item);
  return [...byId.values()];
}

export function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}
