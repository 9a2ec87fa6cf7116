/**
 * GET …/query?q= and …/queryAll?q=: pages of at most `pageSize` (2,000 by default) records, `Sforce-Query-Options:
 * batchSize=N` honoured within 200..2,000, and `nextRecordsUrl` locators (…/query/{queryId}-{offset}) that serve
 * the rest of the snapshot taken when the query ran, until they expire unused.
 */
import { IdFactory } from '../ids.js';
import { apiError, json, type Reply, type RequestInfo } from '../http/reply.js';
import type { SfRecord } from '../org/store.js';
import { runSoql, toJsonRecord } from '../soql/run.js';
import type { EmulatorState } from '../state.js';

interface Cursor {
  records: SfRecord[];
  pageSize: number;
  lastUsed: number;
}

const cursorsByState = new WeakMap<EmulatorState, { ids: IdFactory; cursors: Map<string, Cursor> }>();

function cursorStore(state: EmulatorState): { ids: IdFactory; cursors: Map<string, Cursor> } {
  let store = cursorsByState.get(state);
  if (store === undefined) {
    store = { ids: new IdFactory('QL'), cursors: new Map() };
    cursorsByState.set(state, store);
  }
  return store;
}

function pageSizeFor(request: RequestInfo, state: EmulatorState): number {
  const header = request.headers['sforce-query-options'];
  const match = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(',') : (header ?? ''));
  const asked = match?.[1] === undefined ? 2000 : Math.min(2000, Math.max(200, Number(match[1])));
  return Math.min(asked, state.config.pageSize);
}

function page(state: EmulatorState, version: string, queryId: string, cursor: Cursor, offset: number): Reply {
  const records = cursor.records.slice(offset, offset + cursor.pageSize);
  const next = offset + records.length;
  const done = next >= cursor.records.length;
  cursor.lastUsed = state.clock();
  return json(200, {
    totalSize: cursor.records.length,
    done,
    ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${queryId}-${next}` }),
    records,
  });
}

function run(request: RequestInfo, state: EmulatorState, scanAll: boolean): Reply {
  const soql = request.query.get('q');
  if (soql === null) return apiError(400, 'MALFORMED_QUERY', 'A query string must be provided in the q parameter');
  const version = request.params['version'] ?? '';
  const result = runSoql(state.org, soql, { scanAll, nowMs: state.clock() });
  if (result.count) return json(200, { totalSize: result.rows.length, done: true, records: [] });
  const cursor: Cursor = {
    records: result.rows.map((row) => toJsonRecord(result, row, version, state.org)),
    pageSize: pageSizeFor(request, state),
    lastUsed: state.clock(),
  };
  const store = cursorStore(state);
  const queryId = store.ids.newId('01g');
  if (cursor.records.length > cursor.pageSize) store.cursors.set(queryId, cursor);
  return page(state, version, queryId, cursor, 0);
}

export const query = (request: RequestInfo, state: EmulatorState): Reply => run(request, state, false);
export const queryAll = (request: RequestInfo, state: EmulatorState): Reply => run(request, state, true);

export function queryMore(request: RequestInfo, state: EmulatorState): Reply {
  const locator = request.params['locator'] ?? '';
  const match = /^(.+)-(\d+)$/.exec(locator);
  const store = cursorStore(state);
  const cursor = match?.[1] === undefined ? undefined : store.cursors.get(match[1]);
  if (match?.[1] === undefined || cursor === undefined || state.clock() - cursor.lastUsed > state.config.queryLocatorTtlMs) {
    return apiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  }
  return page(state, request.params['version'] ?? '', match[1], cursor, Number(match[2]));
}
