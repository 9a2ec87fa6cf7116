/**
 * Single-record resources: POST …/sobjects/{Object} (201), GET/PATCH/DELETE …/sobjects/{Object}/{id},
 * PATCH …/sobjects/{Object}/{ExtIdField}/{value} (201 created / 200 updated / 300 several matches), and the
 * Get Deleted / Get Updated replication resources. Errors are `[{ message, errorCode, fields }]`.
 */
import { normalizeId } from '../ids.js';
import { apiError, json, jsonBody, noContent, NOT_FOUND, type Reply, type RequestInfo } from '../http/reply.js';
import { createRecord, decodeJsonRecord, updatableRecord, updateRecord, upsertRecord, type SaveOutcome } from '../org/api-writes.js';
import { RequestError } from '../org/save-errors.js';
import type { SfRecord } from '../org/store.js';
import type { EmulatorState } from '../state.js';
import { parseDateTime, restDateTime } from '../values.js';
import { requireObject, saveContext, upsertKeyField } from './write-context.js';

function recordBody(request: RequestInfo): SfRecord {
  const body = jsonBody(request);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new RequestError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  return body as SfRecord;
}

/** A failed single-record write: HTTP 400 (404 for a deleted or missing record) with the REST error body. */
function failure(outcome: SaveOutcome): Reply {
  const missing = outcome.errors.some((e) => e.statusCode === 'ENTITY_IS_DELETED' || e.statusCode === 'INVALID_CROSS_REFERENCE_KEY') && outcome.errors.length === 1;
  return json(missing ? 404 : 400, outcome.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })));
}

export function createOne(request: RequestInfo, state: EmulatorState, isLocked: (key: string) => boolean): Reply {
  const object = requireObject(state, request.params['object']);
  const decoded = decodeJsonRecord(state.org, object, recordBody(request));
  const outcome = createRecord(state.org, object, decoded, saveContext(isLocked), `${object}#0`);
  return outcome.success ? json(201, { id: outcome.id, success: true, errors: [] }) : failure(outcome);
}

export function getOne(request: RequestInfo, state: EmulatorState): Reply {
  const object = requireObject(state, request.params['object']);
  const id = normalizeId(request.params['id'] ?? '');
  const record = id === null ? undefined : state.org.store.get(object, id);
  if (record === undefined) return NOT_FOUND();
  if (record['IsDeleted'] === true) return apiError(404, 'ENTITY_IS_DELETED', 'entity is deleted', { fields: [] });
  const wanted = request.query.get('fields')?.split(',').map((f) => f.trim().toLowerCase());
  const fields = state.org.schema.fields(object, 'integration-user').filter((f) => wanted === undefined || wanted.includes(f.name.toLowerCase()));
  const out: SfRecord = { attributes: { type: object, url: `/services/data/v${request.params['version'] ?? ''}/sobjects/${object}/${String(id)}` } };
  for (const field of fields) out[field.name] = record[field.name] ?? null;
  return json(200, out);
}

export function updateOne(request: RequestInfo, state: EmulatorState, isLocked: (key: string) => boolean): Reply {
  const object = requireObject(state, request.params['object']);
  const decoded = decodeJsonRecord(state.org, object, recordBody(request));
  const outcome = updateRecord(state.org, object, { ...decoded, id: request.params['id'] ?? '' }, saveContext(isLocked));
  if (outcome.success) return noContent();
  if (outcome.errors[0]?.statusCode === 'INVALID_CROSS_REFERENCE_KEY') return NOT_FOUND();
  return failure(outcome);
}

export function deleteOne(request: RequestInfo, state: EmulatorState, isLocked: (key: string) => boolean): Reply {
  const object = requireObject(state, request.params['object']);
  const target = updatableRecord(state.org, object, request.params['id']);
  if ('success' in target) return target.errors[0]?.statusCode === 'INVALID_CROSS_REFERENCE_KEY' ? NOT_FOUND() : failure(target);
  if (isLocked(target.id)) return apiError(400, 'UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record', { fields: [] });
  state.org.delete(object, target.id, 'rest');
  return noContent();
}

export function upsertOne(request: RequestInfo, state: EmulatorState, isLocked: (key: string) => boolean): Reply {
  const object = requireObject(state, request.params['object']);
  const keyField = upsertKeyField(state, object, request.params['field'] ?? '');
  const value = decodeURIComponent(request.params['value'] ?? '');
  const decoded = decodeJsonRecord(state.org, object, recordBody(request));
  const keyed = keyField === 'Id' ? { ...decoded, id: value } : { ...decoded, fields: { ...decoded.fields, [keyField.name]: value } };
  const outcome = upsertRecord(state.org, object, keyField, keyed, saveContext(isLocked));
  const duplicate = outcome.errors.find((e) => e.statusCode === 'DUPLICATE_EXTERNAL_ID');
  if (duplicate !== undefined) {
    const ids = /\[(.*)\]/.exec(duplicate.message)?.[1]?.split(', ') ?? [];
    return json(300, ids.map((id) => `/services/data/v${request.params['version'] ?? ''}/sobjects/${object}/${id}`));
  }
  if (!outcome.success) return failure(outcome);
  if (outcome.created === true) return json(201, { id: outcome.id, success: true, errors: [], created: true });
  return Number(request.params['version']) >= 46 ? json(200, { id: outcome.id, success: true, errors: [], created: false }) : noContent();
}

function window(request: RequestInfo): { start: number; end: number } {
  const start = parseDateTime(request.query.get('start') ?? '');
  const end = parseDateTime(request.query.get('end') ?? '');
  if (start === null || end === null || end < start) {
    throw new RequestError(400, 'INVALID_REPLICATION_DATE', 'start and end must be date-times (YYYY-MM-DDThh:mm:ssZ) with start before end');
  }
  return { start, end };
}

function stampOf(record: SfRecord): number {
  return parseDateTime(String(record['SystemModstamp'])) ?? 0;
}

export function deletedRecords(request: RequestInfo, state: EmulatorState): Reply {
  const object = requireObject(state, request.params['object']);
  const { start, end } = window(request);
  const deleted = [...state.org.store.table(object).values()]
    .filter((r) => r['IsDeleted'] === true && stampOf(r) >= start && stampOf(r) <= end)
    .map((r) => ({ id: r['Id'], deletedDate: r['SystemModstamp'] }));
  return json(200, { deletedRecords: deleted, earliestDateAvailable: restDateTime(state.clock() - 15 * 86_400_000), latestDateCovered: restDateTime(Math.min(end, state.clock())) });
}

export function updatedRecords(request: RequestInfo, state: EmulatorState): Reply {
  const object = requireObject(state, request.params['object']);
  const { start, end } = window(request);
  const ids = [...state.org.store.table(object).values()].filter((r) => r['IsDeleted'] !== true && stampOf(r) >= start && stampOf(r) <= end).map((r) => r['Id']);
  return json(200, { ids, latestDateCovered: restDateTime(Math.min(end, state.clock())) });
}
