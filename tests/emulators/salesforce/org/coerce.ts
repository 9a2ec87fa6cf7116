/**
 * Turning request values into stored values by field type: JSON bodies (REST) and CSV cells (Bulk API 2.0).
 * A value of the wrong type is a deserialisation error in REST (the whole request fails) and a per-row error in Bulk.
 */
import { isNumberType, isTextType, type FieldDef } from '../schema/field.js';
import { isValidDate, parseDateTime, restDateTime, restFormOfIso } from '../values.js';

export type Coerced = { ok: true; value: unknown } | { ok: false; javaType: string };

const JAVA_TYPE: Partial<Record<FieldDef['type'], string>> = {
  boolean: 'boolean',
  int: 'int',
  double: 'double',
  currency: 'double',
  percent: 'double',
  date: 'date',
  datetime: 'datetime',
};

function bad(field: FieldDef): Coerced {
  return { ok: false, javaType: JAVA_TYPE[field.type] ?? 'string' };
}

function fromText(field: FieldDef, text: string): Coerced {
  if (isTextType(field.type)) return { ok: true, value: text };
  if (field.type === 'boolean') {
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === '1') return { ok: true, value: true };
    if (lower === 'false' || lower === '0') return { ok: true, value: false };
    return bad(field);
  }
  if (isNumberType(field.type)) {
    const trimmed = text.trim();
    const value = Number(trimmed);
    if (trimmed === '' || !Number.isFinite(value) || (field.type === 'int' && !Number.isInteger(value))) return bad(field);
    return { ok: true, value };
  }
  if (field.type === 'date') return isValidDate(text) ? { ok: true, value: text } : bad(field);
  const ms = parseDateTime(text);
  return ms === null ? bad(field) : { ok: true, value: restDateTime(ms) };
}

/** A JSON value from a REST body. Numbers and booleans are accepted for text fields, numeric strings for numbers. */
export function coerceJson(field: FieldDef, raw: unknown): Coerced {
  if (raw === null) return { ok: true, value: null };
  if (typeof raw === 'string') return fromText(field, raw);
  if (typeof raw === 'number') {
    if (isNumberType(field.type)) return field.type === 'int' && !Number.isInteger(raw) ? bad(field) : { ok: true, value: raw };
    if (isTextType(field.type)) return { ok: true, value: String(raw) };
    return bad(field);
  }
  if (typeof raw === 'boolean') {
    if (field.type === 'boolean') return { ok: true, value: raw };
    if (isTextType(field.type)) return { ok: true, value: String(raw) };
    return bad(field);
  }
  return bad(field);
}

/** A CSV cell from a Bulk ingest upload: `#N/A` sets null, an empty cell leaves the field alone (undefined). */
export function coerceCsv(field: FieldDef, cell: string): Coerced | { ok: true; value: undefined } {
  if (cell === '#N/A') return { ok: true, value: null };
  if (cell === '') return { ok: true, value: undefined };
  return fromText(field, cell);
}

/** Values handed to the privileged org methods: Date objects and ISO strings in any zone become stored forms. */
export function normalizeStored(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (value instanceof Date) return field.type === 'date' ? value.toISOString().slice(0, 10) : restDateTime(value.getTime());
  if (field.type === 'datetime' && typeof value === 'string') {
    const quick = restFormOfIso(value);
    if (quick !== null) return quick;
    const ms = parseDateTime(value);
    return ms === null ? value : restDateTime(ms);
  }
  return value;
}
