/** Field definitions as describe reports them, and small builders so the standard objects read like a table. */

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'url'
  | 'phone'
  | 'combobox'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Characters for text types (0 for the others, as describe reports it). */
  length: number;
  precision: number;
  scale: number;
  /** Digits of an `int` field. */
  digits: number;
  picklistValues: string[];
  restrictedPicklist: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  custom: boolean;
  externalId: boolean;
  unique: boolean;
  caseSensitive: boolean;
  idLookup: boolean;
  calculated: boolean;
  defaultedOnCreate: boolean;
  filterable: boolean;
  sortable: boolean;
  defaultValue: string | number | boolean | null;
}

export type FieldOptions = Partial<Omit<FieldDef, 'name' | 'label' | 'type'>>;

const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['id', 'string', 'textarea', 'email', 'url', 'phone', 'combobox', 'picklist', 'multipicklist', 'reference']);
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['int', 'double', 'currency', 'percent']);

export function isTextType(type: FieldType): boolean {
  return TEXT_TYPES.has(type);
}

export function isNumberType(type: FieldType): boolean {
  return NUMBER_TYPES.has(type);
}

export function field(name: string, label: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  const longText = type === 'textarea' && (options.length ?? 255) > 255;
  return {
    name,
    label,
    type,
    length: 0,
    precision: 0,
    scale: 0,
    digits: 0,
    picklistValues: [],
    restrictedPicklist: false,
    referenceTo: [],
    relationshipName: null,
    createable: true,
    updateable: true,
    nillable: true,
    custom: name.endsWith('__c'),
    externalId: false,
    unique: false,
    caseSensitive: false,
    idLookup: false,
    calculated: false,
    defaultedOnCreate: false,
    filterable: !longText,
    sortable: !longText,
    defaultValue: null,
    ...options,
  };
}

export const text = (name: string, label: string, length: number, options: FieldOptions = {}): FieldDef =>
  field(name, label, 'string', { length, ...options });

export const longText = (name: string, label: string, length = 32000, options: FieldOptions = {}): FieldDef =>
  field(name, label, 'textarea', { length, ...options });

export const picklist = (name: string, label: string, values: readonly string[], options: FieldOptions = {}): FieldDef =>
  field(name, label, 'picklist', { length: 255, picklistValues: [...values], ...options });

export const reference = (
  name: string,
  label: string,
  referenceTo: readonly string[],
  relationshipName: string,
  options: FieldOptions = {},
): FieldDef => field(name, label, 'reference', { length: 18, referenceTo: [...referenceTo], relationshipName, ...options });

export const checkbox = (name: string, label: string, options: FieldOptions = {}): FieldDef =>
  field(name, label, 'boolean', { nillable: false, defaultedOnCreate: true, defaultValue: false, ...options });

export const readOnly: FieldOptions = { createable: false, updateable: false };
/** Required on create: not nillable and not defaulted, exactly how describe tells a client a field is required. */
export const required: FieldOptions = { nillable: false };
