/**
 * Bulk API 2.0 query jobs: POST …/jobs/query, GET …/jobs/query/{id} (progress), GET …/results as CSV pages with
 * `Sforce-Locator` (the next page, or the text "null") and `Sforce-NumberOfRecords`, `?locator=&maxRecords=`.
 */
import { advance, jobInfo, jobStore, type QueryJob } from '../bulk/jobs.js';
import { DELIMITERS, LINE_ENDINGS, writeCsv } from '../bulk/csv-format.js';
import { apiError, csv, json, jsonBody, noContent, type Reply, type RequestInfo } from '../http/reply.js';
import { RequestError } from '../org/save-errors.js';
import { runSoql, toCsvCells } from '../soql/run.js';
import type { EmulatorState } from '../state.js';

function requireJob(request: RequestInfo, state: EmulatorState): QueryJob {
  const job = jobStore(state).get('query', request.params['id']);
  if (job === undefined || job.kind !== 'query') throw new RequestError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return job;
}

export function createQueryJob(request: RequestInfo, state: EmulatorState): Reply {
  const body = jsonBody(request) as { operation?: unknown; query?: unknown; columnDelimiter?: unknown; lineEnding?: unknown } | null;
  const operation = body?.operation;
  if (operation !== 'query' && operation !== 'queryAll') return apiError(400, 'INVALIDJOB', `InvalidJob : operation must be query or queryAll, got ${String(operation)}`);
  if (typeof body?.query !== 'string') return apiError(400, 'INVALIDJOB', 'InvalidJob : query is required');
  const columnDelimiter = typeof body.columnDelimiter === 'string' ? body.columnDelimiter : 'COMMA';
  const lineEnding = typeof body.lineEnding === 'string' ? body.lineEnding : 'LF';
  if (!(columnDelimiter in DELIMITERS) || !(lineEnding in LINE_ENDINGS)) return apiError(400, 'INVALIDJOB', 'InvalidJob : unknown columnDelimiter or lineEnding');
  const result = runSoql(state.org, body.query, { scanAll: operation === 'queryAll', nowMs: state.clock() });
  if (result.count) return apiError(400, 'INVALIDJOB', 'InvalidJob : Aggregate Queries are not supported by Bulk API 2.0');
  if (result.subqueries.length > 0) return apiError(400, 'INVALIDJOB', 'InvalidJob : Parent-to-child relationship queries are not supported by Bulk API 2.0');
  const now = state.clock();
  const store = jobStore(state);
  const job: QueryJob = {
    kind: 'query',
    id: store.newId(),
    operation,
    object: result.object,
    query: body.query,
    state: 'UploadComplete',
    apiVersion: Number(request.params['version']),
    createdMs: now,
    modifiedMs: now,
    readyMs: now,
    checks: 0,
    errorMessage: null,
    columnDelimiter,
    lineEnding,
    header: result.columns.map((c) => c.display),
    rows: result.rows.map((row) => toCsvCells(result, row)),
  };
  store.add(job);
  return json(200, jobInfo(job, state));
}

export function queryJobStatus(request: RequestInfo, state: EmulatorState): Reply {
  const job = requireJob(request, state);
  advance(job, state);
  return json(200, jobInfo(job, state));
}

function locatorOffset(locator: string | null): number | null {
  if (locator === null || locator === '') return 0;
  const offset = Number(Buffer.from(locator, 'base64url').toString('utf8'));
  return Number.isInteger(offset) && offset >= 0 ? offset : null;
}

export function queryJobResults(request: RequestInfo, state: EmulatorState): Reply {
  const job = requireJob(request, state);
  if (job.state !== 'JobComplete') return apiError(400, 'INVALIDJOBSTATE', `InvalidJobState : job ${job.id} is ${job.state}, results are available once it is JobComplete`);
  const offset = locatorOffset(request.query.get('locator'));
  if (offset === null || offset > job.rows.length) return apiError(400, 'INVALID_LOCATOR', `Invalid locator: ${request.query.get('locator') ?? ''}`);
  const maxRecords = Number(request.query.get('maxRecords') ?? state.config.bulk.resultPageSize);
  if (!Number.isInteger(maxRecords) || maxRecords <= 0) return apiError(400, 'INVALID_MAX_RECORDS', 'maxRecords must be a positive integer');
  const rows = job.rows.slice(offset, offset + maxRecords);
  const next = offset + rows.length;
  const locator = next < job.rows.length ? Buffer.from(String(next)).toString('base64url') : 'null';
  return csv(200, writeCsv(job, [job.header, ...rows]), { 'Sforce-Locator': locator, 'Sforce-NumberOfRecords': String(rows.length) });
}

export function abortQueryJob(request: RequestInfo, state: EmulatorState): Reply {
  const job = requireJob(request, state);
  const body = jsonBody(request) as { state?: unknown } | null;
  if (body?.state !== 'Aborted') return apiError(400, 'INVALIDJOBSTATE', 'InvalidJobState : a query job can only be set to Aborted');
  if (job.state !== 'JobComplete' && job.state !== 'Failed') job.state = 'Aborted';
  return json(200, jobInfo(job, state));
}

export function deleteQueryJob(request: RequestInfo, state: EmulatorState): Reply {
  const job = requireJob(request, state);
  jobStore(state).jobs.delete(job.id.slice(0, 15));
  return noContent();
}

