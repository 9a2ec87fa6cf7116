/**
 * Bulk API 2.0 ingest jobs: POST …/jobs/ingest, PUT …/{id}/batches (CSV), PATCH …/{id} UploadComplete or Aborted,
 * GET …/{id} (progress), GET …/successfulResults, …/failedResults, …/unprocessedrecords, DELETE …/{id}.
 */
import { DELIMITERS, LINE_ENDINGS, writeCsv } from '../bulk/csv-format.js';
import { advance, jobInfo, jobStore, type IngestJob } from '../bulk/jobs.js';
import { markUnprocessed, processIngest } from '../bulk/process-ingest.js';
import { apiError, csv, json, jsonBody, noContent, type Reply, type RequestInfo } from '../http/reply.js';
import { RequestError } from '../org/save-errors.js';
import type { EmulatorState } from '../state.js';
import { upsertKeyField } from './write-context.js';

const OPERATIONS = new Set(['insert', 'update', 'upsert', 'delete', 'hardDelete']);

function requireJob(request: RequestInfo, state: EmulatorState): IngestJob {
  const job = jobStore(state).get('ingest', request.params['id']);
  if (job === undefined || job.kind !== 'ingest') throw new RequestError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return job;
}

export function createIngestJob(request: RequestInfo, state: EmulatorState): Reply {
  const body = jsonBody(request) as Record<string, unknown> | null;
  const operation = body?.['operation'];
  if (typeof operation !== 'string' || !OPERATIONS.has(operation)) return apiError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(operation)}`);
  const def = typeof body?.['object'] === 'string' ? state.org.schema.object(body['object']) : undefined;
  if (def === undefined) return apiError(400, 'INVALIDJOB', `InvalidJob : Entity '${String(body?.['object'])}' is not supported by the Bulk API.`);
  const externalIdFieldName = typeof body?.['externalIdFieldName'] === 'string' ? body['externalIdFieldName'] : null;
  if (operation === 'upsert') {
    if (externalIdFieldName === null) return apiError(400, 'INVALIDJOB', 'InvalidJob : External ID field is required for upsert');
    upsertKeyField(state, def.name, externalIdFieldName);
  }
  const columnDelimiter = typeof body?.['columnDelimiter'] === 'string' ? body['columnDelimiter'] : 'COMMA';
  const lineEnding = typeof body?.['lineEnding'] === 'string' ? body['lineEnding'] : 'LF';
  if (!(columnDelimiter in DELIMITERS) || !(lineEnding in LINE_ENDINGS)) return apiError(400, 'INVALIDJOB', 'InvalidJob : unknown columnDelimiter or lineEnding');
  const now = state.clock();
  const store = jobStore(state);
  const job: IngestJob = {
    kind: 'ingest',
    id: store.newId(),
    operation: operation as IngestJob['operation'],
    object: def.name,
    externalIdFieldName,
    state: 'Open',
    apiVersion: Number(request.params['version']),
    createdMs: now,
    modifiedMs: now,
    readyMs: null,
    checks: 0,
    errorMessage: null,
    columnDelimiter,
    lineEnding,
    uploads: [],
    header: [],
    successful: [],
    failed: [],
    unprocessed: [],
  };
  store.add(job);
  return json(200, jobInfo(job, state));
}

export function uploadBatch(request: RequestInfo, state: EmulatorState): Reply {
  const job = requireJob(request, state);
  if (job.state !== 'Open') return apiError(409, 'INVALIDJOBSTATE', `InvalidJobState : job ${job.id} is ${job.state}; data can only be uploaded while it is Open`);
  if (!(request.headers['content-type'] ?? '').startsWith('text/csv')) return apiError(400, 'INVALIDJOB', 'InvalidJob : Content-Type must be text/csv');
  job.uploads.push(request.body.toString('utf8'));
  return { status: 201, headers: {}, body: '' };
}

export function changeIngestState(request: RequestInfo, state: EmulatorState, isLocked: (key: string) => boolean): Reply {
  const job = requireJob(request, state);
  const wanted = (jsonBody(request) as { state?: unknown } | null)?.state;
  if (wanted === 'UploadComplete') {
    if (job.state !== 'Open') return apiError(409, 'INVALIDJOBSTATE', `InvalidJobState : job ${job.id} is ${job.state}, not Open`);
    job.state = 'UploadComplete';
    job.readyMs = state.clock();
    job.modifiedMs = job.readyMs;
    processIngest(state, job, isLocked);
  } else if (wanted === 'Aborted') {
    if (job.state === 'JobComplete' || job.state === 'Failed') return apiError(409, 'INVALIDJOBSTATE', `InvalidJobState : job ${job.id} is already ${job.state}`);
    if (job.readyMs === null) markUnprocessed(job);
    job.state = 'Aborted';
    job.modifiedMs = state.clock();
  } else {
    return apiError(400, 'INVALIDJOBSTATE', `InvalidJobState : state must be UploadComplete or Aborted, got ${String(wanted)}`);
  }
  return json(200, jobInfo(job, state));
}

export function ingestJobStatus(request: RequestInfo, state: EmulatorState): Reply {
  const job = requireJob(request, state);
  advance(job, state);
  return json(200, jobInfo(job, state));
}

export function ingestResults(request: RequestInfo, state: EmulatorState): Reply {
  const job = requireJob(request, state);
  const kind = request.params['results'] ?? '';
  if (kind === 'unprocessedrecords') {
    return csv(200, writeCsv(job, job.header.length === 0 ? [] : [job.header, ...job.unprocessed]));
  }
  if (job.state !== 'JobComplete' && job.state !== 'Failed') return apiError(400, 'INVALIDJOBSTATE', `InvalidJobState : job ${job.id} is ${job.state}; results are available once it is JobComplete`);
  const header = kind === 'successfulResults' ? ['sf__Id', 'sf__Created', ...job.header] : ['sf__Id', 'sf__Error', ...job.header];
  const rows = kind === 'successfulResults' ? job.successful : job.failed;
  return csv(200, writeCsv(job, [header, ...rows]));
}

export function deleteIngestJob(request: RequestInfo, state: EmulatorState): Reply {
  const job = requireJob(request, state);
  jobStore(state).jobs.delete(job.id.slice(0, 15));
  return noContent();
}
