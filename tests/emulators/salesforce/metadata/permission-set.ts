/** PermissionSet metadata: its field permissions become the integration user's FLS once the set is assigned to it. */
import type { Org } from '../org/org.js';
import { saveError, type SaveError } from '../org/save-errors.js';
import type { FieldPermission, PermissionSetEntry } from '../org/schema.js';
import { splitFullName, type Metadata } from './custom-field.js';

function bool(value: unknown): boolean {
  return value === true || value === 'true';
}

function asArray(value: unknown): Metadata[] {
  return value === undefined || value === null ? [] : ((Array.isArray(value) ? value : [value]) as Metadata[]);
}

function fieldExists(org: Org, fullName: string): boolean {
  const parts = splitFullName(fullName);
  if (parts === null) return false;
  const owner = parts.owner === 'Task' || parts.owner === 'Event' ? 'Activity' : parts.owner;
  return org.schema.customField(owner, parts.name) !== undefined || org.schema.field(parts.owner, parts.name, 'all') !== undefined;
}

/** Reads the component; merges its field permissions into an existing set (unlisted fields keep theirs). */
export function permissionSetFromMetadata(org: Org, metadata: Metadata, existing: PermissionSetEntry | undefined): PermissionSetEntry | { error: SaveError } {
  const fullName = typeof metadata['fullName'] === 'string' ? metadata['fullName'] : '';
  if (!/^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/.test(fullName)) return { error: saveError('FIELD_INTEGRITY_EXCEPTION', `Invalid permission set name "${fullName}"`, ['fullName']) };
  const label = typeof metadata['label'] === 'string' ? metadata['label'] : existing?.label;
  if (label === undefined || label === '') return { error: saveError('REQUIRED_FIELD_MISSING', 'Required field is missing: label', ['label']) };
  const fieldPermissions = new Map<string, FieldPermission>(existing?.fieldPermissions ?? []);
  for (const entry of asArray(metadata['fieldPermissions'])) {
    const name = typeof entry['field'] === 'string' ? entry['field'] : '';
    if (!fieldExists(org, name)) return { error: saveError('FIELD_INTEGRITY_EXCEPTION', `In field: field - no CustomField named ${name} found`, ['fieldPermissions']) };
    const permission = { readable: bool(entry['readable']), editable: bool(entry['editable']) };
    if (permission.editable && !permission.readable) return { error: saveError('FIELD_INTEGRITY_EXCEPTION', `Permission Edit ${name} depends on permission(s): Read ${name}`, ['fieldPermissions']) };
    fieldPermissions.set(name, permission);
  }
  const description = typeof metadata['description'] === 'string' ? metadata['description'] : (existing?.description ?? null);
  return { fullName, label, description, fieldPermissions };
}

export function permissionSetMetadata(entry: PermissionSetEntry): Metadata {
  return {
    fullName: entry.fullName,
    label: entry.label,
    ...(entry.description === null ? {} : { description: entry.description }),
    fieldPermissions: [...entry.fieldPermissions].map(([name, p]) => ({ editable: String(p.editable), field: name, readable: String(p.readable) })),
  };
}
