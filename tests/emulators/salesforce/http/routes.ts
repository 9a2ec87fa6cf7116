/**
 * The route table: which handler answers which method and path, the endpoint name calls are counted under, how
 * the call is authenticated, whether it counts against the daily API request limit, and the API version it needs.
 */
import * as bulkIngest from '../handlers/bulk-ingest.js';
import * as bulkQuery from '../handlers/bulk-query.js';
import * as collections from '../handlers/collections.js';
import { metadataCall } from '../handlers/metadata.js';
import { identity, tokenEndpoint } from '../handlers/oauth.js';
import { query, queryAll, queryMore } from '../handlers/query.js';
import * as info from '../handlers/rest-info.js';
import * as sobject from '../handlers/sobject.js';
import type { EmulatorState } from '../state.js';
import type { Reply, RequestInfo } from './reply.js';

export type Handler = (request: RequestInfo, state: EmulatorState, isLocked: (key: string) => boolean) => Reply;

export interface Route {
  method: string;
  pattern: RegExp;
  endpoint: string;
  auth: 'none' | 'rest' | 'soap';
  /** Counted against DailyApiRequests and answered with Sforce-Limit-Info. */
  api: boolean;
  minVersion: number;
  handler: Handler;
}

const DATA = '^/services/data/v(?<version>\\d+\\.\\d)';
const OBJECT = '(?<object>[A-Za-z][A-Za-z0-9_]*)';

function rest(method: string, path: string, endpoint: string, handler: Handler, minVersion = 20): Route {
  return { method, pattern: new RegExp(`${DATA}${path}/?$`), endpoint, auth: 'rest', api: true, minVersion, handler };
}

export const ROUTES: readonly Route[] = [
  { method: 'POST', pattern: /^\/services\/oauth2\/token\/?$/, endpoint: 'oauth2/token', auth: 'none', api: false, minVersion: 0, handler: tokenEndpoint },
  { method: 'GET', pattern: /^\/id\/(?<org>\w+)\/(?<user>\w+)\/?$/, endpoint: 'identity', auth: 'none', api: false, minVersion: 0, handler: identity },
  { method: 'GET', pattern: /^\/services\/data\/?$/, endpoint: 'versions', auth: 'none', api: false, minVersion: 0, handler: info.versions },
  { method: 'POST', pattern: /^\/services\/Soap\/m\/(?<version>\d+\.\d)\/?$/, endpoint: 'metadata', auth: 'soap', api: true, minVersion: 31, handler: metadataCall },
  rest('GET', '', 'resources', info.resources),
  rest('GET', '/limits', 'limits', info.limits),
  rest('GET', '/sobjects', 'describeGlobal', info.describeGlobal),
  rest('GET', `/sobjects/${OBJECT}/describe`, 'describe', info.describe),
  rest('GET', `/sobjects/${OBJECT}/deleted`, 'sobject/deleted', sobject.deletedRecords),
  rest('GET', `/sobjects/${OBJECT}/updated`, 'sobject/updated', sobject.updatedRecords),
  rest('POST', `/sobjects/${OBJECT}`, 'sobject', sobject.createOne),
  rest('GET', `/sobjects/${OBJECT}/(?<id>\\w+)`, 'sobject', sobject.getOne),
  rest('PATCH', `/sobjects/${OBJECT}/(?<id>\\w+)`, 'sobject', sobject.updateOne),
  rest('DELETE', `/sobjects/${OBJECT}/(?<id>\\w+)`, 'sobject', sobject.deleteOne),
  rest('PATCH', `/sobjects/${OBJECT}/(?<field>\\w+)/(?<value>[^/]+)`, 'sobject/upsert', sobject.upsertOne),
  rest('GET', '/query', 'query', query),
  rest('GET', '/queryAll', 'queryAll', queryAll),
  rest('GET', '/(?:query|queryAll)/(?<locator>[^/]+)', 'query/more', queryMore),
  rest('POST', '/composite/sobjects', 'collections', collections.createCollection, 42),
  rest('PATCH', '/composite/sobjects', 'collections', collections.updateCollection, 42),
  rest('DELETE', '/composite/sobjects', 'collections', collections.deleteCollection, 42),
  rest('PATCH', `/composite/sobjects/${OBJECT}/(?<field>\\w+)`, 'collections/upsert', collections.upsertCollection, 46),
  rest('POST', '/jobs/query', 'bulk/query', bulkQuery.createQueryJob, 47),
  rest('GET', '/jobs/query/(?<id>\\w+)', 'bulk/query', bulkQuery.queryJobStatus, 47),
  rest('PATCH', '/jobs/query/(?<id>\\w+)', 'bulk/query', bulkQuery.abortQueryJob, 47),
  rest('DELETE', '/jobs/query/(?<id>\\w+)', 'bulk/query', bulkQuery.deleteQueryJob, 47),
  rest('GET', '/jobs/query/(?<id>\\w+)/results', 'bulk/query/results', bulkQuery.queryJobResults, 47),
  rest('POST', '/jobs/ingest', 'bulk/ingest', bulkIngest.createIngestJob, 41),
  rest('PUT', '/jobs/ingest/(?<id>\\w+)/batches', 'bulk/ingest/batches', bulkIngest.uploadBatch, 41),
  rest('PATCH', '/jobs/ingest/(?<id>\\w+)', 'bulk/ingest', bulkIngest.changeIngestState, 41),
  rest('GET', '/jobs/ingest/(?<id>\\w+)', 'bulk/ingest', bulkIngest.ingestJobStatus, 41),
  rest('DELETE', '/jobs/ingest/(?<id>\\w+)', 'bulk/ingest', bulkIngest.deleteIngestJob, 41),
  rest('GET', '/jobs/ingest/(?<id>\\w+)/(?<results>successfulResults|failedResults|unprocessedrecords)', 'bulk/ingest/results', bulkIngest.ingestResults, 41),
];

export type RouteMatch = { route: Route; params: Record<string, string> } | { allowed: string[] } | null;

/** The route for a request; `{ allowed }` when the path exists with other methods; null when it does not exist. */
export function matchRoute(method: string, path: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    if (route.method === method) return { route, params: { ...(match.groups ?? {}) } };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { allowed } : null;
}
