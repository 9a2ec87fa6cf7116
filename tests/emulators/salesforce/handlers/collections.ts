/**
 * sObject Collections: POST (create), PATCH (update), PATCH …/{Object}/{ExtIdField} (upsert) and DELETE, up to 200
 * records a call, results in request order, `allOrNone` rolling every change back when one record fails.
 */
import { apiError, json, jsonBody, type Reply, type RequestInfo } from '../http/reply.js';
import { createRecord, decodeJsonRecord, updatableRecord, updateRecord, upsertRecord, type DecodedRecord, type SaveOutcome } from '../org/api-writes.js';
import { LOCKED, RequestError, ROLLED_BACK } from '../org/save-errors.js';
import type { SfRecord } from '../org/store.js';
import type { EmulatorState } from '../state.js';
import { requireObject, saveContext, saveResultJson, upsertKeyField } from './write-context.js';

const MAX_RECORDS = 200;

interface CollectionBody {
  allOrNone: boolean;
  records: SfRecord[];
}

function readBody(request: RequestInfo): CollectionBody {
  const body = jsonBody(request) as { allOrNone?: unknown; records?: unknown } | null;
  if (body === null || !Array.isArray(body.records)) throw new RequestError(400, 'JSON_PARSER_ERROR', 'The request body must be an object with a "records" array');
  if (body.records.length > MAX_RECORDS) {
    throw new RequestError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
  }
  return { allOrNone: body.allOrNone === true, records: body.records as SfRecord[] };
}

function recordType(state: EmulatorState, record: SfRecord): string {
  const attributes = record['attributes'] as { type?: unknown } | undefined;
  if (typeof attributes?.type !== 'string') throw new RequestError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
  return requireObject(state, attributes.type);
}

interface Work {
  save: () => SaveOutcome;
  /** A rolled-back create has no id to report. */
  create: boolean;
}

/** Runs every record, then rolls everything back under allOrNone when one failed. */
function saveAll(state: EmulatorState, allOrNone: boolean, work: Work[]): SaveOutcome[] {
  let outcomes: SaveOutcome[] = [];
  state.org.store.transaction(() => {
    outcomes = work.map((w) => w.save());
    return !allOrNone || outcomes.every((o) => o.success);
  });
  if (!allOrNone || outcomes.every((o) => o.success)) return outcomes;
  return outcomes.map((o, i) => {
    if (!o.success) return o;
    const rolledBack: SaveOutcome = { id: work[i]?.create === true || o.created === true ? null : o.id, success: false, errors: [ROLLED_BACK()] };
    return o.created === undefined ? rolledBack : { ...rolledBack, created: o.created };
  });
}

export function createCollection(request: RequestInfo, state: EmulatorState, isLocked: (key: string) => boolean): Reply {
  const body = readBody(request);
  const decoded = body.records.map((record) => {
    const object = recordType(state, record);
    return { object, record: decodeJsonRecord(state.org, object, record) };
  });
  const work = decoded.map(({ object, record }, index) => ({ create: true, save: () => createRecord(state.org, object, record, saveContext(isLocked), `${object}#${index}`) }));
  return json(200, saveAll(state, body.allOrNone, work).map(saveResultJson));
}

export function updateCollection(request: RequestInfo, state: EmulatorState, isLocked: (key: string) => boolean): Reply {
  const body = readBody(request);
  const decoded = body.records.map((record) => {
    const object = recordType(state, record);
    return { object, record: decodeJsonRecord(state.org, object, record) };
  });
  const work = decoded.map(({ object, record }) => ({ create: false, save: () => updateRecord(state.org, object, record, saveContext(isLocked)) }));
  return json(200, saveAll(state, body.allOrNone, work).map(saveResultJson));
}

function keyOf(record: DecodedRecord, keyName: string): string | null {
  const value = keyName === 'Id' ? record.id : record.fields[keyName];
  return value === undefined || value === null ? null : String(value).toLowerCase();
}

export function upsertCollection(request: RequestInfo, state: EmulatorState, isLocked: (key: string) => boolean): Reply {
  const object = requireObject(state, request.params['object']);
  const keyField = upsertKeyField(state, object, request.params['field'] ?? '');
  const keyName = keyField === 'Id' ? 'Id' : keyField.name;
  const body = readBody(request);
  const decoded = body.records.map((record) => {
    if (recordType(state, record) !== object) throw new RequestError(400, 'INVALID_TYPE', `All records must be of type ${object} in an upsert by ${keyName}`);
    return decodeJsonRecord(state.org, object, record);
  });
  const keys = decoded.map((record) => keyOf(record, keyName));
  const repeated = new Set(keys.filter((key, i) => key !== null && keys.indexOf(key) !== i));
  const work = decoded.map((record, i) => ({
    create: false,
    save: (): SaveOutcome => {
      const key = keys[i] ?? null;
      if (key !== null && repeated.has(key)) return { id: null, success: false, errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: `Duplicate external id specified: ${String(keyName === 'Id' ? record.id : record.fields[keyName])}`, fields: [keyName] }] };
      return upsertRecord(state.org, object, keyField, record, saveContext(isLocked));
    },
  }));
  return json(200, saveAll(state, body.allOrNone, work).map(saveResultJson));
}

export function deleteCollection(request: RequestInfo, state: EmulatorState, isLocked: (key: string) => boolean): Reply {
  const ids = (request.query.get('ids') ?? '').split(',').filter((id) => id !== '');
  if (ids.length > MAX_RECORDS) return apiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
  const allOrNone = request.query.get('allOrNone') === 'true';
  const work = ids.map((rawId) => ({ create: false, save: (): SaveOutcome => {
    const found = state.org.lookupAny(rawId);
    if (found === undefined) return { id: null, success: false, errors: [{ statusCode: 'MALFORMED_ID', message: `malformed id ${rawId}`, fields: [] }] };
    const target = updatableRecord(state.org, found.object, rawId);
    if ('success' in target) return target;
    if (isLocked(target.id)) return { id: target.id, success: false, errors: [LOCKED()] };
    state.org.delete(found.object, target.id, 'rest');
    return { id: target.id, success: true, errors: [] };
  } }));
  return json(200, saveAll(state, allOrNone, work).map(saveResultJson));
}
