/**
 * Applies one FieldSource (column + transform) to a raw CRM/CSV value. Every failure says which field, which value,
 * what is wrong with it and how to fix it, so a rejected record can be corrected by the person who owns the data.
 */
import type { FieldSource, Transform } from '../config/mapping-types.js';
import type { FeatureValue } from '../model/records.js';
import { normalizeDomain } from '../model/domain.js';
import { parseDate } from './parse-date.js';

export interface FieldFailure {
  /** The CRM field / CSV column the value came from. */
  field: string;
  /** The offending value as text ('' when it was empty). */
  value: string;
  reason: string;
  fix: string;
}

export type TransformResult = { ok: true; value: FeatureValue } | { ok: false; failure: FieldFailure };

type Step = { ok: true; value: FeatureValue } | { ok: false; reason: string; fix: string };

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);
const GROUPED_NUMBER = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Text of a raw value for messages; objects are shown as JSON so the person can find them. */
export function rawText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return JSON.stringify(raw);
}

function isEmpty(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === 'string') return raw.trim() === '';
  if (Array.isArray(raw)) return raw.every((item) => isEmpty(item));
  return false;
}

export function applyFieldSource(source: FieldSource, raw: unknown): TransformResult {
  const transform: Transform = source.transform ?? 'string';
  const fail = (reason: string, fix: string, value: unknown = raw): TransformResult => ({
    ok: false,
    failure: { field: source.field, value: rawText(value), reason, fix },
  });
  if (isEmpty(raw)) {
    if (source.default !== undefined) {
      const step = convertDefault(source, transform);
      return step.ok ? step : fail(`default ${step.reason}`, step.fix, source.default);
    }
    if (source.required) return fail('is required but empty', `fill in "${source.field}" for this record`);
    return { ok: true, value: transform === 'split' ? [] : null };
  }
  const step = convert(source, transform, raw);
  return step.ok ? step : fail(step.reason, step.fix);
}

function convertDefault(source: FieldSource, transform: Transform): Step {
  const value = source.default;
  // An enum default may be written as the canonical value itself rather than a CRM value.
  if (transform === 'enum' && value !== undefined && Object.values(source.values ?? {}).includes(value)) {
    return { ok: true, value };
  }
  return convert(source, transform, value);
}

function convert(source: FieldSource, transform: Transform, raw: unknown): Step {
  if (typeof raw === 'object' && raw !== null && !(Array.isArray(raw) && transform === 'split')) {
    return {
      ok: false,
      reason: `is a nested ${Array.isArray(raw) ? 'list' : 'object'}, not a single value`,
      fix: 'map a field that holds a single value, or use transform: split for a list',
    };
  }
  switch (transform) {
    case 'string':
      return { ok: true, value: String(raw).trim() };
    case 'lowercase':
      return { ok: true, value: String(raw).trim().toLowerCase() };
    case 'number':
      return toNumber(raw, false);
    case 'integer':
      return toNumber(raw, true);
    case 'boolean':
      return toBoolean(raw);
    case 'date':
      return toDate(raw);
    case 'domain':
      return toDomain(raw);
    case 'split':
      return toList(raw, source.separator ?? ';');
    case 'enum':
      return toEnum(raw, source.values ?? {}, source.passThrough === true);
    case 'scale': {
      const number = toNumber(raw, false);
      return number.ok && typeof number.value === 'number' ? { ok: true, value: number.value * (source.factor ?? 1) } : number;
    }
    default:
      return { ok: false, reason: `uses unknown transform "${String(transform)}"`, fix: 'use one of string, number, integer, boolean, date, domain, lowercase, split, enum, scale' };
  }
}

/** Accepts what spreadsheets produce: "1,234.5", "$1,200", " 12 ". Rejects European "1.234,5" rather than misread it. */
export function parseNumberText(text: string): number | null {
  const cleaned = text.trim().replace(/^([-+]?)\s*[$€£¥]\s*/, '$1');
  if (GROUPED_NUMBER.test(cleaned)) return Number(cleaned.replace(/,/g, ''));
  if (PLAIN_NUMBER.test(cleaned)) return Number(cleaned);
  return null;
}

function toNumber(raw: unknown, integer: boolean): Step {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumberText(raw) : null;
  const fix = integer ? 'enter a whole number such as 250 or 1,200, or leave it empty' : 'enter a number such as 1234.5, 1,234.5 or $1,200, or leave it empty';
  if (value === null || !Number.isFinite(value)) return { ok: false, reason: `is not a ${integer ? 'whole number' : 'number'}`, fix };
  if (integer && !Number.isInteger(value)) return { ok: false, reason: 'is not a whole number', fix };
  return { ok: true, value };
}

function toBoolean(raw: unknown): Step {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  const word = String(raw).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return { ok: false, reason: 'is not a yes/no value', fix: 'use true/false, yes/no, y/n or 1/0, or leave it empty' };
}

function toDate(raw: unknown): Step {
  if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, reason: 'is not a date', fix: 'enter a date such as 2025-03-01' };
  const parsed = parseDate(raw);
  if (parsed.ok) return { ok: true, value: parsed.iso };
  return { ok: false, reason: parsed.reason, fix: 'use 2025-03-01, 2025-03-01T14:30:00Z, 3/1/2025, 3/1/2025 14:30 or epoch milliseconds' };
}

function toDomain(raw: unknown): Step {
  const domain = normalizeDomain(String(raw));
  if (domain !== null) return { ok: true, value: domain };
  return { ok: false, reason: 'is not a website, domain or email address', fix: 'enter a domain such as acme.com or a URL such as https://www.acme.com' };
}

function toList(raw: unknown, separator: string): Step {
  const items = Array.isArray(raw) ? raw.map((item) => rawText(item)) : String(raw).split(separator);
  return { ok: true, value: items.map((item) => item.trim()).filter((item) => item !== '') };
}

/** The reason an enum gives for a value missing from its map: mapRecord rejects only the field for it, not the record. */
export const UNMAPPED_ENUM = 'is not one of the mapped values';

function toEnum(raw: unknown, values: Record<string, string | number | boolean>, passThrough: boolean): Step {
  const wanted = String(raw).trim().toLowerCase();
  for (const [crmValue, canonical] of Object.entries(values)) {
    if (crmValue.trim().toLowerCase() === wanted) return { ok: true, value: canonical };
  }
  if (passThrough) return { ok: true, value: String(raw).trim() };
  const allowed = Object.keys(values);
  return {
    ok: false,
    reason: `${UNMAPPED_ENUM} (${allowed.join(', ')})`,
    fix: 'use one of those values, add this value to the mapping\'s `values`, or set passThrough: true to keep unlisted values as they are',
  };
}
