/** Every request the emulator answered, so tests and benchmarks can count calls per endpoint and method. */

export interface CallRecord {
  seq: number;
  method: string;
  /** A stable name for the endpoint, e.g. `query`, `collections`, `bulk/ingest` (see README). */
  endpoint: string;
  path: string;
  status: number;
  /** Counted against the daily API request limit. */
  apiCounted: boolean;
  fault?: string;
}

export type CallSelector = string | { method?: string; endpoint?: string; apiOnly?: boolean };

function matches(call: CallRecord, selector: CallSelector | undefined): boolean {
  if (selector === undefined) return true;
  if (typeof selector === 'string') {
    const [method, endpoint] = selector.includes(' ') ? selector.split(' ', 2) : [undefined, selector];
    return (method === undefined || call.method === method) && call.endpoint === endpoint;
  }
  return (
    (selector.method === undefined || call.method === selector.method) &&
    (selector.endpoint === undefined || call.endpoint === selector.endpoint) &&
    (selector.apiOnly !== true || call.apiCounted)
  );
}

export class CallLog {
  private records: CallRecord[] = [];
  private seq = 0;

  record(call: Omit<CallRecord, 'seq'>): CallRecord {
    this.seq += 1;
    const entry = { seq: this.seq, ...call };
    this.records.push(entry);
    return entry;
  }

  /** How many calls match: `count()`, `count('query')`, `count('PATCH collections')`, `count({ apiOnly: true })`. */
  count(selector?: CallSelector): number {
    return this.records.filter((c) => matches(c, selector)).length;
  }

  /** Counts keyed `METHOD endpoint`, e.g. `{ "GET query": 3, "PATCH collections": 2 }`. */
  byEndpoint(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of this.records) {
      const key = `${call.method} ${call.endpoint}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  list(selector?: CallSelector): CallRecord[] {
    return this.records.filter((c) => matches(c, selector)).map((c) => ({ ...c }));
  }

  reset(): void {
    this.records = [];
  }
}
