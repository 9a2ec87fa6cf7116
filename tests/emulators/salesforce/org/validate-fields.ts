/**
 * Per-field checks of a write, in the real API's words: restricted picklists, lengths, numeric ranges, e-mail
 * syntax and lookups (well-formed id, right object, record exists).
 */
import { keyPrefixOf, normalizeId } from '../ids.js';
import { isNumberType, type FieldDef } from '../schema/field.js';
import type { Org } from './org.js';
import { saveError, type SaveError } from './save-errors.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function shown(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}...` : value;
}

function checkText(field: FieldDef, value: string): SaveError | null {
  if (field.type === 'picklist' || field.type === 'multipicklist') {
    const parts = field.type === 'multipicklist' ? value.split(';') : [value];
    if (field.restrictedPicklist && parts.some((p) => !field.picklistValues.includes(p))) {
      return saveError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${value}`, [field.name]);
    }
  }
  if (field.length > 0 && value.length > field.length) {
    return saveError('STRING_TOO_LONG', `${field.label}: data value too large: ${shown(value)} (max length=${field.length})`, [field.name]);
  }
  if (field.type === 'email' && value !== '' && !EMAIL.test(value)) {
    return saveError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value}`, [field.name]);
  }
  return null;
}

function checkNumber(field: FieldDef, value: number): { error: SaveError | null; value: number } {
  const integerDigits = field.type === 'int' ? field.digits || 9 : field.precision - field.scale;
  const rounded = field.type === 'int' ? value : Number(value.toFixed(field.scale));
  if (Math.abs(Math.trunc(rounded)) >= 10 ** integerDigits) {
    return { error: saveError('NUMBER_OUTSIDE_VALID_RANGE', `${field.label}: value outside of valid range on numeric field: ${value}`, [field.name]), value };
  }
  return { error: null, value: rounded };
}

function checkReference(org: Org, field: FieldDef, value: string): { error: SaveError | null; value: string } {
  const id = normalizeId(value);
  if (id === null) return { error: saveError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, [field.name]), value };
  const target = org.schema.objectByPrefix(keyPrefixOf(id));
  if (target === undefined || !field.referenceTo.includes(target.name)) {
    return { error: saveError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${value}`, [field.name]), value };
  }
  const record = org.store.get(target.name, id);
  if (record === undefined || record['IsDeleted'] === true) {
    return { error: saveError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]), value };
  }
  return { error: null, value: id };
}

/** Checks one value; returns the value to store (ids in 18-character form, numbers rounded to their scale). */
export function checkFieldValue(org: Org, field: FieldDef, value: unknown): { error: SaveError | null; value: unknown } {
  if (value === null) return { error: null, value };
  if (field.type === 'reference' && typeof value === 'string') return checkReference(org, field, value);
  if (isNumberType(field.type) && typeof value === 'number') return checkNumber(field, value);
  if (typeof value === 'string') return { error: checkText(field, value), value };
  return { error: null, value };
}
