/**
 * Reading query results page by page, and proving every page arrived. jsforce's autoFetch stops silently at
 * `maxFetch` (resolving with done: false), and its Bulk 2.0 result reader crashes on a second results page, so we
 * follow `nextRecordsUrl` and the Bulk `Sforce-Locator` ourselves and count rows against what Salesforce said it has.
 * Each page is handed over as it arrives, so memory stays at one page and the engine can store as it goes.
 */
import { createRequire } from 'node:module';
import type { Connection } from 'jsforce';
import type { SalesforceApi } from './api.js';
import { SalesforceConnectorError } from './errors.js';

export type SfRow = Record<string, unknown>;

interface QueryResultPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: SfRow[];
}

function incomplete(soql: string, detail: string): SalesforceConnectorError {
  // Retryable: the next run reads again from the same watermark; nothing after the gap was stored as complete.
  return new SalesforceConnectorError(`Salesforce query did not deliver every record (${detail}): ${soql.slice(0, 200)}`, 'retryable', 'INCOMPLETE_QUERY');
}

/**
 * REST query (or queryAll, which adds deleted rows) page by page: `GET /query?q=`, then each `nextRecordsUrl`.
 * Throws when the last page is not `done` or the rows do not add up to `totalSize`.
 */
export async function* restPages(api: SalesforceApi, soql: string, options: { all?: boolean } = {}): AsyncGenerator<SfRow[]> {
  const resource = options.all ? 'queryAll' : 'query';
  let page = await api.call((conn) => conn.request<QueryResultPage>(`/${resource}?q=${encodeURIComponent(soql)}`));
  const total = page.totalSize;
  let seen = 0;
  for (;;) {
    const records = page.records.map((r) => flatten(r));
    seen += records.length;
    if (records.length > 0) yield records;
    if (page.done) break;
    const next = page.nextRecordsUrl;
    if (next === undefined) throw incomplete(soql, 'a page said more follow but named no next page');
    page = await api.call((conn) => conn.request<QueryResultPage>(next));
  }
  if (seen !== total) throw incomplete(soql, `${seen} rows arrived, Salesforce reported ${total}`);
}

/** `SELECT COUNT() FROM …`: Salesforce answers with totalSize and no rows. */
export async function countRows(api: SalesforceApi, soql: string): Promise<number> {
  const page = await api.call((conn) => conn.request<QueryResultPage>(`/query?q=${encodeURIComponent(soql)}`));
  return page.totalSize;
}

/**
 * REST gives parent fields as nested objects (`Campaign: { attributes, Type }`) and a subquery as a query result;
 * flat keys (`Campaign.Type`) match the Bulk CSV header and the mapping's field names.
 */
export function flatten(record: SfRow, prefix = '', out: SfRow = {}): SfRow {
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    const name = prefix + key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const nested = value as SfRow;
      if (Array.isArray(nested.records)) out[name] = (nested.records as SfRow[]).map((r) => flatten(r));
      else flatten(nested, `${name}.`, out);
    } else {
      out[name] = value;
    }
  }
  return out;
}

interface HttpApiLike {
  on(event: 'response', listener: (response: { headers?: Record<string, string | undefined> }) => void): void;
  request<T>(req: { method: string; url: string; headers?: Record<string, string>; body?: string }): PromiseLike<T>;
}
type HttpApiClass = new (conn: Connection, options: object) => HttpApiLike;

/**
 * jsforce's HttpApi, which `conn.request` uses internally: same session, same 401 refresh and replay, same transport
 * (so api.ts counts these calls), and unlike `conn.request` it lets us see response headers (`Sforce-Locator`).
 */
const HttpApi = (createRequire(import.meta.url)('jsforce/lib/http-api') as { default: HttpApiClass }).default;

interface QueryJob {
  id: string;
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
  errorMessage?: string;
}

export interface BulkQueryOptions {
  timeoutMs: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A Bulk API 2.0 query job: create it, poll until JobComplete, then read the CSV results one locator page at a
 * time (`Sforce-Locator` until "null"), checking the rows add up to `Sforce-NumberOfRecords` per page and to
 * `numberRecordsProcessed` overall. Values arrive as strings; the mapping's transforms parse them.
 */
export async function* bulkPages(api: SalesforceApi, soql: string, options: BulkQueryOptions): AsyncGenerator<SfRow[]> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const job = await api.call((conn) => conn.requestPost<QueryJob>('/jobs/query', { operation: 'query', query: soql }));
  const deadline = now() + options.timeoutMs;
  let info = job;
  while (info.state !== 'JobComplete') {
    if (info.state === 'Failed' || info.state === 'Aborted') {
      throw new SalesforceConnectorError(`Bulk query job ${job.id} ${info.state.toLowerCase()}: ${info.errorMessage ?? 'no reason given'}`, 'retryable', 'BULK_JOB_FAILED');
    }
    if (now() > deadline) {
      await api.call((conn) => conn.request({ method: 'PATCH', url: `/jobs/query/${job.id}`, body: JSON.stringify({ state: 'Aborted' }), headers: { 'content-type': 'application/json' } })).catch(() => undefined);
      throw new SalesforceConnectorError(`Bulk query job ${job.id} did not finish in ${Math.round(options.timeoutMs / 1000)} s. Fix: raise connectors.salesforce.bulkTimeoutSeconds.`, 'retryable', 'BULK_TIMEOUT');
    }
    await sleep(options.pollMs ?? 2_000);
    info = await api.call((conn) => conn.request<QueryJob & { numberRecordsProcessed?: number }>(`/jobs/query/${job.id}`));
  }
  const expected = (info as { numberRecordsProcessed?: number }).numberRecordsProcessed;
  let locator: string | null = null;
  let seen = 0;
  do {
    const url: string = `/jobs/query/${job.id}/results${locator === null ? '' : `?locator=${encodeURIComponent(locator)}`}`;
    const headers: { locator: string | null; count: number | null } = { locator: null, count: null };
    const rows = await api.call(async (conn) => {
      const http = new HttpApi(conn, {});
      http.on('response', (response) => {
        const next = response.headers?.['sforce-locator'];
        headers.locator = next === undefined || next === 'null' || next === '' ? null : next;
        const n = response.headers?.['sforce-numberofrecords'];
        headers.count = n === undefined ? null : Number(n);
      });
      const body = await http.request<SfRow[] | string>({ method: 'GET', url: conn._normalizeUrl(url), headers: { Accept: 'text/csv' } });
      return Array.isArray(body) ? body : [];
    });
    if (headers.count !== null && headers.count !== rows.length) throw incomplete(soql, `a results page held ${rows.length} rows, its header said ${headers.count}`);
    seen += rows.length;
    if (rows.length > 0) yield rows;
    locator = headers.locator;
  } while (locator !== null);
  if (expected !== undefined && seen !== expected) throw incomplete(soql, `${seen} rows arrived, the job processed ${expected}`);
}
