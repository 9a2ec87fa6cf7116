import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal content always gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== undefined) sorted[key] = sortKeys(inner);
  }
  return sorted;
}

/** Content hash used to tell a changed record from a re-pulled identical one. */
export function contentHash(value: unknown): string {
  return canonicalTextHash(canonicalJson(value));
}

/** The content hash of text already in canonical form, for callers that need the text too (one serialisation, not two). */
export function canonicalTextHash(canonical: string): string {
  return createHash('sha256').update(canonical).digest('base64url');
}
