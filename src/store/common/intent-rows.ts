import { normalizeDomain } from '../../model/domain.js';
import type { IntentSignal } from '../../model/records.js';

/**
 * Intent rows are matched to accounts by normalised domain on both sides, so "https://www.Acme.com" in an intent
 * file meets "acme.com" on the account. A value that is not a domain is kept as typed (trimmed, lower case).
 */
export function intentDomain(domain: string): string {
  return normalizeDomain(domain) ?? domain.trim().toLowerCase();
}

/** One row per unique key (domain, topic, observedAt, source); a file that repeats a key keeps its last score. */
export function toIntentRows(signals: IntentSignal[]): IntentSignal[] {
  const byKey = new Map<string, IntentSignal>();
  for (const signal of signals) {
    const row = { ...signal, domain: intentDomain(signal.domain) };
    byKey.set(JSON.stringify([row.domain, row.topic, row.observedAt, row.source]), row);
  }
  return [...byKey.values()];
}

export interface IntentDbRow {
  domain: string;
  topic: string;
  observed_at: string;
  score: number | string;
  source: string;
}

export function toIntentSignal(row: IntentDbRow): IntentSignal {
  return { domain: row.domain, topic: row.topic, score: Number(row.score), observedAt: row.observed_at, source: row.source };
}
