/**
 * Builds one canonical record from a flat CRM/CSV row with the object's mapping. Shared by every connector, so the
 * same row maps the same way whatever it came from. A bad value in any mapped field rejects the whole record with the
 * field, the value and the fix: storing a record with a silently blanked field would skew its scores unnoticed.
 */
import type { FieldSource, ObjectMapping } from '../config/mapping-types.js';
import { ACTIVITY_TYPES, type FeatureValue, type ObjectKind, type RecordByKind } from '../model/records.js';
import { CANONICAL_FIELDS, unknownCanonicalFields, type CanonicalField } from './canonical-fields.js';
import { parseDate } from './parse-date.js';
import { applyFieldSource, rawText, UNMAPPED_ENUM, type FieldFailure } from './transforms.js';

/** modifiedAt of a record whose mapping has no modification stamp (or an empty one): such records are always pulled. */
export const UNKNOWN_MODIFIED_AT = '1970-01-01T00:00:00.000Z';

/** A field left empty because its value could not be mapped (an enum value not in `values`); the record is kept. */
export interface FieldReject {
  field: string;
  reason: string;
}

export type MapResult<K extends ObjectKind> = { ok: true; record: RecordByKind[K]; fieldRejects?: FieldReject[] } | { ok: false; field: string; reason: string };

type Rejection = { ok: false; field: string; reason: string };
type Value<T> = { ok: true; value: T } | Rejection;

const MAX_SHOWN_VALUE = 80;
/** What the date transform already produced; no need to parse it twice. */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function mapRecord<K extends ObjectKind>(kind: K, raw: Record<string, unknown>, mapping: ObjectMapping, source: string): MapResult<K> {
  const unknown = unknownCanonicalFields(kind, Object.keys(mapping.fields));
  if (unknown.length > 0) {
    return {
      ok: false,
      field: unknown[0] ?? '',
      reason: `the mapping for ${kind} names unknown field(s) ${unknown.join(', ')}. Fix: use one of ${Object.keys(CANONICAL_FIELDS[kind]).join(', ')}, or declare it under features.`,
    };
  }
  const id = mapId(raw, mapping.id);
  if (!id.ok) return id;
  const modifiedAt = mapModifiedAt(raw, mapping.modifiedAt);
  if (!modifiedAt.ok) return modifiedAt;

  const record: Record<string, unknown> = { id: id.value, source };
  const detail: Record<string, unknown> = {};
  const fieldRejects: FieldReject[] = [];
  for (const [name, spec] of Object.entries(CANONICAL_FIELDS[kind])) {
    const value = fieldOnly(mapCanonical(name, spec, mapping.fields[name], raw), spec, mapping.fields[name], fieldRejects);
    if (!value.ok) return value;
    if (!spec.inDetail) record[name] = value.value;
    else if (value.value !== null) detail[name] = value.value;
  }
  if (kind === 'activity') record.detail = detail;
  if (kind === 'account' || kind === 'contact' || kind === 'lead') {
    const features = mapFeatures(raw, mapping.features, fieldRejects);
    if (!features.ok) return features;
    record.features = features.value;
    record.crmValues = currentOutputValues(raw, mapping);
  }
  record.modifiedAt = modifiedAt.value;
  return { ok: true, record: record as unknown as RecordByKind[K], ...(fieldRejects.length > 0 ? { fieldRejects } : {}) };
}

/**
 * An enum value missing from `values` rejects the field, not the record (docs/mappings.md): the field is left empty
 * and reported, unless the field is required, when the record cannot exist without it.
 */
function fieldOnly(value: Value<FeatureValue>, spec: CanonicalField, source: FieldSource | undefined, rejects: FieldReject[]): Value<FeatureValue> {
  if (value.ok || !source || source.transform !== 'enum' || source.required || spec.notNull || !value.reason.includes(UNMAPPED_ENUM)) return value;
  rejects.push({ field: value.field, reason: `${value.reason.replace(/\.$/, '')}; the record is kept with this field empty.` });
  return { ok: true, value: spec.fallback ?? null };
}

function mapId(raw: Record<string, unknown>, source: FieldSource): Value<string> {
  const result = applyFieldSource({ ...source, transform: source.transform ?? 'string', required: true }, raw[source.field]);
  if (!result.ok) return rejection('id', result.failure);
  if (typeof result.value !== 'string' && typeof result.value !== 'number') {
    return rejection('id', { field: source.field, value: rawText(raw[source.field]), reason: 'is not a single id value', fix: 'map the id to a column holding one value per record' });
  }
  return { ok: true, value: String(result.value) };
}

function mapModifiedAt(raw: Record<string, unknown>, source: FieldSource | undefined): Value<string> {
  if (source === undefined) return { ok: true, value: UNKNOWN_MODIFIED_AT };
  const result = mapCanonical('modifiedAt', { type: 'date' }, source, raw);
  if (!result.ok) return result;
  return { ok: true, value: typeof result.value === 'string' ? result.value : UNKNOWN_MODIFIED_AT };
}

function mapCanonical(name: string, spec: CanonicalField, source: FieldSource | undefined, raw: Record<string, unknown>): Value<FeatureValue> {
  if (source === undefined) {
    if (spec.fallback !== undefined) return { ok: true, value: spec.fallback };
    if (spec.notNull) {
      return { ok: false, field: name, reason: `the mapping has no source for ${name}, which every record needs. Fix: map ${name} to a field in the mapping file.` };
    }
    return { ok: true, value: null };
  }
  const result = applyFieldSource(source, raw[source.field]);
  if (!result.ok) return rejection(name, result.failure);
  if (result.value === null || (Array.isArray(result.value) && result.value.length === 0 && spec.type !== 'list')) {
    if (spec.fallback !== undefined) return { ok: true, value: spec.fallback };
    if (spec.notNull) {
      return rejection(name, { field: source.field, value: '', reason: 'is required but empty', fix: `fill in "${source.field}" for this record` });
    }
    return { ok: true, value: null };
  }
  const coerced = coerce(spec, result.value);
  if (coerced.ok) return coerced;
  return rejection(name, { field: source.field, value: rawText(raw[source.field]), reason: coerced.reason, fix: coerced.fix });
}

type Coerced = { ok: true; value: FeatureValue } | { ok: false; reason: string; fix: string };

/** Fits a transform's output to the canonical field's type, or says which transform would. */
function coerce(spec: CanonicalField, value: FeatureValue): Coerced {
  const wrong = (want: string, transform: string): Coerced => ({ ok: false, reason: `gives ${describe(value)} but this field needs ${want}`, fix: `use transform: ${transform} for it in the mapping` });
  switch (spec.type) {
    case 'string':
      if (Array.isArray(value)) return wrong('a single text value', 'string');
      return { ok: true, value: String(value) };
    case 'number':
      return typeof value === 'number' ? { ok: true, value } : wrong('a number', 'number');
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : wrong('true or false', 'boolean');
    case 'list':
      if (Array.isArray(value)) return { ok: true, value };
      return { ok: true, value: [String(value)] };
    case 'date': {
      if (typeof value !== 'string') return wrong('a date', 'date');
      if (isCanonicalIso(value)) return { ok: true, value };
      const parsed = parseDate(value);
      if (parsed.ok) return { ok: true, value: parsed.iso };
      return { ok: false, reason: parsed.reason, fix: 'use 2025-03-01, 2025-03-01T14:30:00Z, 3/1/2025, 3/1/2025 14:30 or epoch milliseconds' };
    }
    case 'activityType':
      if (typeof value === 'string' && (ACTIVITY_TYPES as readonly string[]).includes(value)) return { ok: true, value };
      return { ok: false, reason: `is not an activity type (${ACTIVITY_TYPES.join(', ')})`, fix: 'map the CRM value to one of them with transform: enum and `values`' };
  }
}

function isCanonicalIso(value: string): boolean {
  if (!CANONICAL_ISO.test(value)) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value;
}

function describe(value: FeatureValue): string {
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

function mapFeatures(raw: Record<string, unknown>, features: Record<string, FieldSource>, rejects: FieldReject[]): Value<Record<string, FeatureValue>> {
  const out: Record<string, FeatureValue> = {};
  for (const [name, source] of Object.entries(features)) {
    const result = applyFieldSource(source, raw[source.field]);
    if (!result.ok) {
      const field = fieldOnly(rejection(`features.${name}`, result.failure), { type: 'string' }, source, rejects);
      if (!field.ok) return field;
      out[name] = null;
      continue;
    }
    out[name] = result.value;
  }
  return { ok: true, value: out };
}

/** The values our output fields hold right now, as text, so the planner writes only real changes. */
function currentOutputValues(raw: Record<string, unknown>, mapping: ObjectMapping): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const [output, target] of Object.entries(mapping.outputs)) {
    const text = rawText(raw[target.field]).trim();
    values[output] = text === '' ? null : text;
  }
  return values;
}

function rejection(canonical: string, failure: FieldFailure): Rejection {
  const shown = failure.value.length > MAX_SHOWN_VALUE ? `${failure.value.slice(0, MAX_SHOWN_VALUE)}…` : failure.value;
  const what = shown.trim() === '' ? `"${failure.field}"` : `"${failure.field}" value "${shown}"`;
  const target = canonical === failure.field ? '' : ` (mapped to ${canonical})`;
  return { ok: false, field: failure.field, reason: `${what}${target} ${failure.reason}. Fix: ${failure.fix}.` };
}
