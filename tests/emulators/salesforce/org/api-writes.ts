/**
 * Creates, updates and upserts coming through the API, checked the way the real API checks them (in this order):
 * the record id, locks, field permissions, field values, required fields, the Task/Event Lead rule, uniqueness.
 * Every entry point returns a SaveResult-shaped outcome; nothing here knows about HTTP.
 */
import { keyPrefixOf, normalizeId } from '../ids.js';
import type { FieldDef } from '../schema/field.js';
import { coerceCsv, coerceJson } from './coerce.js';
import type { Org } from './org.js';
import { LOCKED, RequestError, saveError, type SaveError } from './save-errors.js';
import type { SfRecord, WriteVia } from './store.js';
import { checkFieldValue } from './validate-fields.js';

export interface SaveOutcome {
  id: string | null;
  success: boolean;
  errors: SaveError[];
  created?: boolean;
}

export interface DecodedRecord {
  /** Canonical field name → coerced value. */
  fields: SfRecord;
  /** The `Id`/`id` key of the body, as sent. */
  id?: string;
}

export interface SaveContext {
  via: WriteVia;
  /** The fault plan's say on whether this record (by id or external key) is locked by someone else. */
  isLocked(key: string): boolean;
}

const IGNORED_KEYS = new Set(['attributes']);

/** Reads a JSON record body: an unknown field or a value of the wrong type fails the whole request, as in REST. */
export function decodeJsonRecord(org: Org, object: string, raw: Record<string, unknown>): DecodedRecord {
  const decoded: DecodedRecord = { fields: {} };
  for (const [key, value] of Object.entries(raw)) {
    if (IGNORED_KEYS.has(key)) continue;
    if (key.toLowerCase() === 'id') {
      decoded.id = typeof value === 'string' ? value : String(value);
      continue;
    }
    const field = org.schema.field(object, key, 'integration-user');
    if (field === undefined) throw new RequestError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${object}`);
    const coerced = coerceJson(field, value);
    if (!coerced.ok) {
      throw new RequestError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${coerced.javaType} from VALUE_STRING value ${String(value)} or request may be missing a required field at [line:1, column:1]`);
    }
    decoded.fields[field.name] = coerced.value;
  }
  return decoded;
}

/** Reads one CSV row of a Bulk ingest job against its (already checked) header. */
export function decodeCsvRow(header: readonly (FieldDef | 'Id')[], cells: readonly string[]): DecodedRecord | SaveError {
  const decoded: DecodedRecord = { fields: {} };
  for (let i = 0; i < header.length; i += 1) {
    const field = header[i];
    const cell = cells[i] ?? '';
    if (field === undefined) continue;
    if (field === 'Id') {
      if (cell !== '') decoded.id = cell;
      continue;
    }
    const coerced = coerceCsv(field, cell);
    if (!coerced.ok) return saveError('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${cell}`, [field.name]);
    if (coerced.value !== undefined) decoded.fields[field.name] = coerced.value;
  }
  return decoded;
}

function failed(errors: SaveError[], id: string | null = null): SaveOutcome {
  return { id, success: false, errors };
}

function permissionErrors(org: Org, object: string, fields: SfRecord, create: boolean): SaveError[] {
  const blocked = Object.keys(fields).filter((name) => {
    const field = org.schema.field(object, name, 'integration-user');
    return field === undefined || !(create ? field.createable : field.updateable);
  });
  if (blocked.length === 0) return [];
  return [saveError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${blocked.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, blocked)];
}

function valueErrors(org: Org, object: string, fields: SfRecord): SaveError[] {
  const errors: SaveError[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const field = org.schema.field(object, name, 'all');
    if (field === undefined) continue;
    const checked = checkFieldValue(org, field, value);
    if (checked.error !== null) errors.push(checked.error);
    else fields[name] = checked.value;
  }
  return errors;
}

function requiredErrors(org: Org, object: string, merged: SfRecord, touched: SfRecord, create: boolean): SaveError[] {
  const missing = org.schema
    .fields(object, 'all')
    .filter((f) => (create ? f.createable : f.updateable && f.name in touched) && !f.nillable && !f.defaultedOnCreate && f.type !== 'boolean')
    .filter((f) => merged[f.name] === null || merged[f.name] === undefined || merged[f.name] === '')
    .map((f) => f.name);
  if (object === 'CampaignMember' && (merged['LeadId'] ?? null) === null && (merged['ContactId'] ?? null) === null) missing.push('ContactId', 'LeadId');
  return missing.length === 0 ? [] : [saveError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing)];
}

/** An activity whose Name (WhoId) is a Lead cannot also be Related To (WhatId) a record. */
function activityRuleErrors(object: string, merged: SfRecord): SaveError[] {
  if (object !== 'Task' && object !== 'Event') return [];
  const who = merged['WhoId'];
  if (typeof who !== 'string' || keyPrefixOf(who) !== '00Q' || (merged['WhatId'] ?? null) === null) return [];
  return [saveError('FIELD_INTEGRITY_EXCEPTION', 'Related To ID: a Lead in Name ID (WhoId) cannot be combined with a Related To record (WhatId)', ['WhoId', 'WhatId'])];
}

function uniqueErrors(org: Org, object: string, merged: SfRecord, touched: SfRecord, selfId: string | null): SaveError[] {
  const errors: SaveError[] = [];
  for (const field of org.schema.fields(object, 'all')) {
    if (!field.unique || !(field.name in touched) || merged[field.name] === null || merged[field.name] === undefined) continue;
    const other = org.store.lookup(object, { field: field.name, caseSensitive: field.caseSensitive }, merged[field.name]).find((id) => id !== selfId);
    if (other !== undefined) errors.push(saveError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${other}`, [field.name]));
  }
  return errors;
}

/** The checks shared by create and update, run against the record as it would look after the write. */
function checkAndWrite(org: Org, object: string, id: string | null, decoded: DecodedRecord, context: SaveContext): SaveOutcome {
  const create = id === null;
  const touched = { ...decoded.fields };
  const fieldErrors = [...permissionErrors(org, object, touched, create), ...valueErrors(org, object, touched)];
  if (fieldErrors.length > 0) return failed(fieldErrors, id);
  const before = id === null ? {} : (org.store.get(object, id) ?? {});
  const merged = { ...before, ...touched };
  const recordErrors = [...requiredErrors(org, object, merged, touched, create), ...activityRuleErrors(object, merged), ...uniqueErrors(org, object, merged, touched, id)];
  if (recordErrors.length > 0) return failed(recordErrors, id);
  const def = org.schema.object(object);
  const newId = id ?? org.ids.newId(def?.keyPrefix ?? '000');
  org.write(object, newId, touched, context.via, { create });
  return { id: newId, success: true, errors: [] };
}

export function createRecord(org: Org, object: string, decoded: DecodedRecord, context: SaveContext, lockKey: string): SaveOutcome {
  if (decoded.id !== undefined) return failed([saveError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id'])]);
  if (context.isLocked(lockKey)) return failed([LOCKED()]);
  return checkAndWrite(org, object, null, decoded, context);
}

/** Finds the record an update names; the error outcome when it cannot be updated. */
export function updatableRecord(org: Org, object: string, rawId: string | undefined): { id: string } | SaveOutcome {
  if (rawId === undefined || rawId === '') return failed([saveError('MISSING_ARGUMENT', 'Id not specified in an update call')]);
  const id = normalizeId(rawId);
  const def = org.schema.object(object);
  if (id === null || def === undefined || keyPrefixOf(id) !== def.keyPrefix) return failed([saveError('MALFORMED_ID', `malformed id ${rawId}`)]);
  const record = org.store.get(object, id);
  if (record === undefined) return failed([saveError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id')]);
  if (record['IsDeleted'] === true) return failed([saveError('ENTITY_IS_DELETED', 'entity is deleted')], id);
  if (object === 'Lead' && record['IsConverted'] === true) return failed([saveError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead')], id);
  return { id };
}

export function updateRecord(org: Org, object: string, decoded: DecodedRecord, context: SaveContext): SaveOutcome {
  const target = updatableRecord(org, object, decoded.id);
  if ('success' in target) return target;
  if (context.isLocked(target.id)) return failed([LOCKED()], target.id);
  return checkAndWrite(org, object, target.id, decoded, context);
}

/** Upsert on an External ID field (or Id): update the one match, create when none, refuse several. */
export function upsertRecord(org: Org, object: string, keyField: FieldDef | 'Id', decoded: DecodedRecord, context: SaveContext): SaveOutcome {
  const keyName = keyField === 'Id' ? 'Id' : keyField.name;
  const keyValue = keyField === 'Id' ? decoded.id : decoded.fields[keyField.name];
  if (keyValue === undefined || keyValue === null || keyValue === '') return failed([saveError('MISSING_ARGUMENT', `${keyName} not specified`)]);
  if (context.isLocked(String(keyValue))) return failed([LOCKED()]);
  const matches = keyField === 'Id' ? idMatch(org, object, String(keyValue)) : org.store.lookup(object, { field: keyField.name, caseSensitive: keyField.caseSensitive }, keyValue);
  if (matches.length > 1) {
    return failed([saveError('DUPLICATE_EXTERNAL_ID', `${keyName}: more than one record found for external id field: [${matches.join(', ')}]`, [keyName])]);
  }
  const [match] = matches;
  if (match === undefined) {
    const { id: _id, ...rest } = decoded;
    return { ...checkAndWrite(org, object, null, rest, context), created: true };
  }
  const target = updatableRecord(org, object, match);
  if ('success' in target) return { ...target, created: false };
  return { ...checkAndWrite(org, object, target.id, { fields: decoded.fields }, context), created: false };
}

function idMatch(org: Org, object: string, rawId: string): string[] {
  const id = normalizeId(rawId);
  return id !== null && org.store.get(object, id) !== undefined ? [id] : [];
}
