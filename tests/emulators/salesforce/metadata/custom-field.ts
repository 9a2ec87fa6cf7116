/**
 * CustomField metadata (as createMetadata/upsertMetadata send it) → the field describe then reports. Checks the
 * attributes each type needs (Text needs length, Number precision and scale, Checkbox a default, Picklist values).
 */
import { field, type FieldDef, type FieldType } from '../schema/field.js';
import { saveError, type SaveError } from '../org/save-errors.js';

export type Metadata = Record<string, unknown>;

const TYPES: Record<string, FieldType> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
};
const FIXED_LENGTH: Partial<Record<string, number>> = { TextArea: 255, Email: 80, Phone: 40, Url: 255, Picklist: 255, MultiselectPicklist: 4099 };
const EXTERNAL_ID_TYPES = new Set(['Text', 'Number', 'Email']);
const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__c$/;

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function bool(value: unknown): boolean {
  return value === true || value === 'true';
}

function int(value: unknown): number | undefined {
  const text = str(value);
  return text === undefined || !/^\d+$/.test(text) ? undefined : Number(text);
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

export function splitFullName(fullName: string): { owner: string; name: string } | null {
  const dot = fullName.indexOf('.');
  return dot <= 0 ? null : { owner: fullName.slice(0, dot), name: fullName.slice(dot + 1) };
}

function picklistValues(metadata: Metadata): { values: string[]; restricted: boolean } | null {
  const valueSet = metadata['valueSet'] as Metadata | undefined;
  const definition = valueSet?.['valueSetDefinition'] as Metadata | undefined;
  const values = asArray(definition?.['value']).map((v) => str((v as Metadata)['fullName'])).filter((v): v is string => v !== undefined);
  return values.length === 0 ? null : { values, restricted: bool(valueSet?.['restricted']) };
}

function invalid(message: string, fields: string[] = []): { error: SaveError } {
  return { error: saveError('FIELD_INTEGRITY_EXCEPTION', message, fields) };
}

/** The FieldDef for a CustomField metadata component, or the SaveResult error a real org gives. */
export function customFieldDef(metadata: Metadata): { owner: string; def: FieldDef } | { error: SaveError } {
  const fullName = str(metadata['fullName']) ?? '';
  const parts = splitFullName(fullName);
  if (parts === null || !API_NAME.test(parts.name)) return invalid(`Invalid fullName "${fullName}": a custom field is Object.Name__c`, ['fullName']);
  const label = str(metadata['label']);
  if (label === undefined || label.trim() === '') return { error: saveError('REQUIRED_FIELD_MISSING', 'Required field is missing: label', ['label']) };
  const typeName = str(metadata['type']) ?? '';
  const type = TYPES[typeName];
  if (type === undefined) return invalid(`Unsupported or missing type "${typeName}" for CustomField ${fullName}`, ['type']);
  const common = { custom: true, nillable: !bool(metadata['required']), externalId: bool(metadata['externalId']), unique: bool(metadata['unique']), caseSensitive: bool(metadata['caseSensitive']) };
  if (common.externalId && !EXTERNAL_ID_TYPES.has(typeName)) return invalid(`External ID: only Text, Number and Email fields can be external ids (${fullName} is ${typeName})`, ['externalId']);
  const length = int(metadata['length']);
  switch (typeName) {
    case 'Text':
      if (length === undefined || length < 1 || length > 255) return invalid(`Length: You must enter a value between 1 and 255 for ${fullName}`, ['length']);
      return { owner: parts.owner, def: field(parts.name, label, type, { ...common, length }) };
    case 'LongTextArea':
      if (length === undefined || length < 256 || length > 131072) return invalid(`Length: You must enter a value between 256 and 131,072 for ${fullName}`, ['length']);
      return { owner: parts.owner, def: field(parts.name, label, type, { ...common, length }) };
    case 'Number':
    case 'Currency':
    case 'Percent': {
      const precision = int(metadata['precision']);
      const scale = int(metadata['scale']) ?? 0;
      if (precision === undefined || precision < 1 || precision > 18 || scale > precision) return invalid(`Length and Decimal Places: precision must be 1–18 and at least the scale for ${fullName}`, ['precision', 'scale']);
      return { owner: parts.owner, def: field(parts.name, label, type, { ...common, precision, scale }) };
    }
    case 'Checkbox': {
      const defaultValue = str(metadata['defaultValue']);
      if (defaultValue !== 'true' && defaultValue !== 'false') return invalid(`Default Value: a Checkbox needs defaultValue true or false (${fullName})`, ['defaultValue']);
      return { owner: parts.owner, def: field(parts.name, label, type, { ...common, nillable: false, defaultedOnCreate: true, defaultValue: defaultValue === 'true' }) };
    }
    case 'Picklist':
    case 'MultiselectPicklist': {
      const values = picklistValues(metadata);
      if (values === null) return invalid(`Values: a ${typeName} needs valueSet.valueSetDefinition.value entries (${fullName})`, ['valueSet']);
      return { owner: parts.owner, def: field(parts.name, label, type, { ...common, length: FIXED_LENGTH[typeName] ?? 255, picklistValues: values.values, restrictedPicklist: values.restricted }) };
    }
    default:
      return { owner: parts.owner, def: field(parts.name, label, type, { ...common, length: FIXED_LENGTH[typeName] ?? 0 }) };
  }
}
