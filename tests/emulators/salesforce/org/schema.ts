/**
 * What the org knows about its objects: standard fields, custom fields added through the Metadata API, and the
 * field-level security (FLS) the integration user gets from permission sets assigned to it. A custom field the user
 * cannot read is absent from describe and from SOQL, exactly as in a real org.
 */
import { CUSTOM_FIELD_OWNERS_ONLY, STANDARD_OBJECTS, type ObjectDef } from '../schema/standard-objects.js';
import type { FieldDef } from '../schema/field.js';

export type FieldAccess = 'none' | 'read' | 'edit';

export interface CustomFieldEntry {
  owner: string;
  def: FieldDef;
  /** Access granted without a permission set (fields seeded as already set up). */
  directAccess: FieldAccess;
  /** The Metadata API representation, returned by readMetadata. */
  metadata: Record<string, unknown>;
}

export interface FieldPermission {
  readable: boolean;
  editable: boolean;
}

export interface PermissionSetEntry {
  fullName: string;
  label: string;
  description: string | null;
  /** Keyed by `Object.Field` as written in the metadata (Activity.X__c, Task.X__c, Account.X__c). */
  fieldPermissions: Map<string, FieldPermission>;
}

export type FieldView = 'all' | 'integration-user';

interface FieldIndex {
  list: FieldDef[];
  byName: Map<string, FieldDef>;
}

export class OrgSchema {
  private readonly objects = new Map<string, ObjectDef>();
  private readonly byPrefix = new Map<string, ObjectDef>();
  private readonly customFields = new Map<string, Map<string, CustomFieldEntry>>();
  private readonly permissionSetEntries = new Map<string, PermissionSetEntry>();
  /** Field lists per object and view, rebuilt after any change to fields, permission sets or assignments. */
  private readonly cache = new Map<FieldView, Map<string, FieldIndex>>();
  /** Names of the permission sets assigned to the integration user (the org derives them from its records). */
  assignedPermissionSets: () => Iterable<string> = () => [];

  constructor() {
    for (const def of STANDARD_OBJECTS) {
      this.objects.set(def.name.toLowerCase(), def);
      this.byPrefix.set(def.keyPrefix, def);
    }
  }

  /** Forget cached field lists: a field, a permission set or an assignment changed. */
  invalidate(): void {
    this.cache.clear();
  }

  permissionSet(fullName: string): PermissionSetEntry | undefined {
    return this.permissionSetEntries.get(fullName.toLowerCase());
  }

  permissionSetList(): PermissionSetEntry[] {
    return [...this.permissionSetEntries.values()];
  }

  putPermissionSet(entry: PermissionSetEntry): void {
    this.permissionSetEntries.set(entry.fullName.toLowerCase(), entry);
    this.invalidate();
  }

  objectNames(): string[] {
    return [...this.objects.values()].map((o) => o.name);
  }

  object(name: string): ObjectDef | undefined {
    return this.objects.get(name.toLowerCase());
  }

  objectByPrefix(prefix: string): ObjectDef | undefined {
    return this.byPrefix.get(prefix);
  }

  /** The object that owns custom fields for `objectName` (Activity for Task and Event). */
  customFieldOwner(objectName: string): string {
    return this.object(objectName)?.customFieldOwner ?? objectName;
  }

  isCustomFieldOwner(name: string): boolean {
    return this.object(name) !== undefined || CUSTOM_FIELD_OWNERS_ONLY.has(name);
  }

  customField(owner: string, fieldName: string): CustomFieldEntry | undefined {
    return this.customFields.get(owner.toLowerCase())?.get(fieldName.toLowerCase());
  }

  putCustomField(entry: CustomFieldEntry): void {
    const key = entry.owner.toLowerCase();
    const fields = this.customFields.get(key) ?? new Map<string, CustomFieldEntry>();
    fields.set(entry.def.name.toLowerCase(), entry);
    this.customFields.set(key, fields);
    this.invalidate();
  }

  allCustomFields(): CustomFieldEntry[] {
    return [...this.customFields.values()].flatMap((fields) => [...fields.values()]);
  }

  /** Every field of an object; with the integration user's view, only what FLS lets it read, flagged as it may write. */
  fields(objectName: string, view: FieldView): FieldDef[] {
    return this.index(objectName, view).list;
  }

  field(objectName: string, fieldName: string, view: FieldView): FieldDef | undefined {
    return this.index(objectName, view).byName.get(fieldName.toLowerCase());
  }

  private index(objectName: string, view: FieldView): FieldIndex {
    let byObject = this.cache.get(view);
    if (byObject === undefined) {
      byObject = new Map();
      this.cache.set(view, byObject);
    }
    let index = byObject.get(objectName);
    if (index === undefined) {
      const list = this.buildFields(objectName, view);
      index = { list, byName: new Map(list.map((f) => [f.name.toLowerCase(), f])) };
      byObject.set(objectName, index);
    }
    return index;
  }

  private buildFields(objectName: string, view: FieldView): FieldDef[] {
    const object = this.object(objectName);
    if (object === undefined) return [];
    const custom = [...(this.customFields.get(this.customFieldOwner(object.name).toLowerCase())?.values() ?? [])];
    const customDefs = custom.flatMap((entry) => {
      if (view === 'all') return [entry.def];
      const access = this.access(object.name, entry);
      if (access === 'none') return [];
      return access === 'edit' ? [entry.def] : [{ ...entry.def, createable: false, updateable: false }];
    });
    return [...object.fields, ...customDefs];
  }

  private access(objectName: string, entry: CustomFieldEntry): FieldAccess {
    let best: FieldAccess = entry.directAccess;
    const keys = [`${objectName}.${entry.def.name}`, `${entry.owner}.${entry.def.name}`].map((k) => k.toLowerCase());
    for (const name of this.assignedPermissionSets()) {
      const set = this.permissionSetEntries.get(name.toLowerCase());
      if (set === undefined) continue;
      for (const [key, permission] of set.fieldPermissions) {
        if (!keys.includes(key.toLowerCase())) continue;
        if (permission.editable) return 'edit';
        if (permission.readable) best = 'read';
      }
    }
    return best;
  }
}
