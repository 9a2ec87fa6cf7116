/**
 * The emulated org: schema, records and their audit fields. Tests and benchmarks use its methods to seed and
 * inspect data directly (privileged, like a data loader with "Set Audit Fields"); API requests go through
 * `api-writes.ts`, which validates like the real API and then calls `write` here.
 */
import { IdFactory, keyPrefixOf, normalizeId } from '../ids.js';
import type { FieldDef } from '../schema/field.js';
import { restDateTime, truncateToSecond, type Clock } from '../values.js';
import { customFieldDef } from '../metadata/custom-field.js';
import { normalizeStored } from './coerce.js';
import { applyDerived } from './derived.js';
import { OrgSchema, type FieldAccess } from './schema.js';
import { RecordStore, type SfRecord, type WriteLogEntry, type WriteVia } from './store.js';

export interface OrgUser {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
}

export interface OrgInit {
  clock: Clock;
  /** Username of the integration user the connector logs in as. */
  username?: string;
  /** The org's 15-character id (00D...). */
  orgId?: string;
}

const AUDIT_FIELDS = ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'] as const;

export class OrgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrgError';
  }
}

export class Org {
  readonly schema = new OrgSchema();
  readonly store = new RecordStore();
  readonly ids = new IdFactory();
  readonly orgId: string;
  readonly integrationUser: OrgUser;
  private readonly clock: Clock;

  constructor(init: OrgInit) {
    this.clock = init.clock;
    this.orgId = normalizeId(init.orgId ?? '00D8c0000001EMU') ?? '00D8c0000001EMUAAA';
    const username = init.username ?? 'integration@scoresync.test';
    const id = this.insert('User', { Username: username, FirstName: 'ScoreSync', LastName: 'Integration', Email: username, IsActive: true, UserType: 'Standard' });
    this.integrationUser = { id, username, firstName: 'ScoreSync', lastName: 'Integration', email: username };
    this.schema.assignedPermissionSets = () => this.assignedPermissionSetNames();
  }

  now(): number {
    return this.clock();
  }

  // ---- privileged test-facing API -------------------------------------------------------------------------

  /** Inserts a record as-is (audit fields and Id may be given, as with "Set Audit Fields upon Record Creation"). */
  insert(object: string, fields: SfRecord): string {
    const def = this.requireObject(object);
    const given = typeof fields['Id'] === 'string' ? normalizeId(fields['Id']) : null;
    if (fields['Id'] !== undefined && given === null) throw new OrgError(`insert ${def.name}: "${String(fields['Id'])}" is not a valid record id`);
    const id = given ?? this.ids.newId(def.keyPrefix);
    if (keyPrefixOf(id) !== def.keyPrefix) throw new OrgError(`insert ${def.name}: id ${id} does not start with ${def.keyPrefix}`);
    if (this.store.get(def.name, id) !== undefined) throw new OrgError(`insert ${def.name}: a record with id ${id} exists`);
    const { Id: _ignored, ...rest } = fields;
    this.write(def.name, id, this.checkNames(def.name, rest), 'org', { create: true });
    return id;
  }

  update(object: string, id: string, fields: SfRecord): void {
    const def = this.requireObject(object);
    const record = this.requireRecord(def.name, id);
    this.write(def.name, String(record['Id']), this.checkNames(def.name, fields), 'org', { create: false });
  }

  /** Moves a record to the recycle bin: IsDeleted = true, visible through queryAll only. */
  delete(object: string, id: string, via: WriteVia = 'org'): void {
    const def = this.requireObject(object);
    const record = this.requireRecord(def.name, id);
    this.write(def.name, String(record['Id']), { IsDeleted: true }, via, { create: false, op: 'delete' });
  }

  get(object: string, id: string): SfRecord | undefined {
    const def = this.requireObject(object);
    const key = normalizeId(id);
    const record = key === null ? undefined : this.store.get(def.name, key);
    return record === undefined ? undefined : this.complete(def.name, record);
  }

  list(object: string, options: { includeDeleted?: boolean } = {}): SfRecord[] {
    const def = this.requireObject(object);
    const out: SfRecord[] = [];
    for (const record of this.store.table(def.name).values()) {
      if (record['IsDeleted'] === true && options.includeDeleted !== true) continue;
      out.push(this.complete(def.name, record));
    }
    return out;
  }

  count(object: string): number {
    return this.list(object).length;
  }

  /** Writes that came through the API (not through these privileged methods), oldest first. */
  writes(filter: { object?: string; via?: WriteVia } = {}): WriteLogEntry[] {
    return this.store.writeLog.filter((w) => w.via !== 'org' && (filter.object === undefined || w.object === filter.object) && (filter.via === undefined || w.via === filter.via));
  }

  /**
   * Converts a Lead the way Lead Convert does: creates (or reuses) the Account and Contact, marks the Lead converted
   * and moves its open activities to the Contact.
   */
  convertLead(leadId: string, target: { accountId?: string; contactId?: string } = {}): { accountId: string; contactId: string } {
    const lead = this.requireRecord('Lead', leadId);
    if (lead['IsConverted'] === true) throw new OrgError(`lead ${leadId} is already converted`);
    const accountId = (target.accountId === undefined ? null : normalizeId(target.accountId)) ?? this.insert('Account', { Name: lead['Company'], Industry: lead['Industry'], Website: lead['Website'], NumberOfEmployees: lead['NumberOfEmployees'], BillingCountry: lead['Country'], OwnerId: lead['OwnerId'] });
    const contactId = (target.contactId === undefined ? null : normalizeId(target.contactId)) ?? this.insert('Contact', { AccountId: accountId, FirstName: lead['FirstName'], LastName: lead['LastName'], Email: lead['Email'], Title: lead['Title'], OwnerId: lead['OwnerId'] });
    const id = String(lead['Id']);
    this.write('Lead', id, { IsConverted: true, ConvertedAccountId: accountId, ConvertedContactId: contactId, ConvertedDate: new Date(this.now()).toISOString().slice(0, 10), Status: 'Closed - Converted' }, 'org', { create: false });
    for (const object of ['Task', 'Event']) {
      for (const activityId of this.store.lookup(object, { field: 'WhoId', caseSensitive: true }, id)) {
        this.write(object, activityId, { WhoId: contactId }, 'org', { create: false });
      }
    }
    return { accountId, contactId };
  }

  /** Adds a custom field (as the Metadata API does), visible to the integration user only with `access` or FLS. */
  addCustomField(owner: string, def: FieldDef, access: FieldAccess = 'none', metadata: Record<string, unknown> = {}): void {
    if (!this.schema.isCustomFieldOwner(owner)) throw new OrgError(`no object ${owner} to add ${def.name} to`);
    this.schema.putCustomField({ owner, def, directAccess: access, metadata: { fullName: `${owner}.${def.name}`, ...metadata } });
  }

  /**
   * Adds a custom field from its Metadata API form (e.g. `{ fullName: 'Account.Score__c', type: 'Number',
   * precision: 3, scale: 0, label: 'Score' }`), with the integration user's access: 'edit' for a field that is
   * already set up, 'none' for one an admin still has to grant.
   */
  defineCustomField(metadata: Record<string, unknown>, access: FieldAccess = 'edit'): void {
    const parsed = customFieldDef(metadata);
    if ('error' in parsed) throw new OrgError(`defineCustomField ${String(metadata['fullName'])}: ${parsed.error.message}`);
    this.addCustomField(parsed.owner, parsed.def, access, metadata);
  }

  /** Assigns a permission set (by API name) to the integration user, as a PermissionSetAssignment record. */
  assignPermissionSet(name: string): void {
    const set = this.list('PermissionSet').find((p) => String(p['Name']).toLowerCase() === name.toLowerCase());
    if (set === undefined) throw new OrgError(`no permission set named ${name}`);
    this.insert('PermissionSetAssignment', { AssigneeId: this.integrationUser.id, PermissionSetId: set['Id'] });
  }

  private assignedPermissionSetNames(): string[] {
    const userId = this.integrationUser.id;
    const names: string[] = [];
    for (const assignment of this.store.table('PermissionSetAssignment').values()) {
      if (assignment['AssigneeId'] !== userId || assignment['IsDeleted'] === true) continue;
      const set = this.store.get('PermissionSet', String(assignment['PermissionSetId']));
      if (set !== undefined) names.push(String(set['Name']));
    }
    return names;
  }

  // ---- the one write path ---------------------------------------------------------------------------------

  /** Applies already-validated field values, maintains audit and derived fields, and logs the write. */
  write(object: string, id: string, fields: SfRecord, via: WriteVia, options: { create: boolean; op?: WriteLogEntry['op'] }): void {
    const nowMs = truncateToSecond(this.now());
    const stamp = restDateTime(nowMs);
    const previous = this.store.get(object, id);
    const record: SfRecord = options.create ? this.blankRecord(object, id, stamp) : { ...(previous ?? {}) };
    const changed = new Set(Object.keys(fields));
    Object.assign(record, fields);
    if (!options.create || fields['LastModifiedDate'] === undefined) record['LastModifiedDate'] = stamp;
    if (!options.create || fields['SystemModstamp'] === undefined) record['SystemModstamp'] = fields['LastModifiedDate'] ?? stamp;
    if (!changed.has('LastModifiedById')) record['LastModifiedById'] = this.integrationUserIdOrSelf(object, id);
    applyDerived(object, record, changed, options.create, { nowMs, lookup: (refId) => this.lookupAny(refId) });
    this.store.put(object, id, record);
    if (object === 'PermissionSetAssignment' || object === 'PermissionSet') this.schema.invalidate();
    if (via !== 'org') this.store.log({ at: stamp, object, id, op: options.op ?? (options.create ? 'create' : 'update'), fields: { ...fields }, via });
  }

  /** A live or deleted record of any object, found by its id's key prefix. */
  lookupAny(id: string): { object: string; record: SfRecord } | undefined {
    const key = normalizeId(id);
    if (key === null) return undefined;
    const def = this.schema.objectByPrefix(keyPrefixOf(key));
    const record = def === undefined ? undefined : this.store.get(def.name, key);
    return def === undefined || record === undefined ? undefined : { object: def.name, record };
  }

  /** A new record: defaults and audit fields only; fields never set read as null (see `complete`). */
  private blankRecord(object: string, id: string, stamp: string): SfRecord {
    const record: SfRecord = { Id: id };
    for (const field of this.schema.fields(object, 'all')) {
      if (field.defaultedOnCreate && field.defaultValue !== null) record[field.name] = field.defaultValue;
    }
    const userId = this.integrationUserIdOrSelf(object, id);
    record['CreatedDate'] = stamp;
    record['CreatedById'] = userId;
    record['LastModifiedById'] = userId;
    if (this.schema.field(object, 'OwnerId', 'all') !== undefined) record['OwnerId'] = userId;
    if (this.schema.field(object, 'IsDeleted', 'all') !== undefined) record['IsDeleted'] = false;
    return record;
  }

  /** The integration user creates every record; the very first user record is its own creator. */
  private integrationUserIdOrSelf(object: string, id: string): string {
    return (this as { integrationUser?: OrgUser }).integrationUser?.id ?? (object === 'User' ? id : '');
  }

  /** Fills fields added to the schema after the record was written, so every record has every field. */
  private complete(object: string, record: SfRecord): SfRecord {
    const out: SfRecord = { ...record };
    for (const field of this.schema.fields(object, 'all')) if (!(field.name in out)) out[field.name] = null;
    return out;
  }

  private requireObject(object: string): NonNullable<ReturnType<OrgSchema['object']>> {
    const def = this.schema.object(object);
    if (def === undefined) throw new OrgError(`no object named ${object} (known: ${this.schema.objectNames().join(', ')})`);
    return def;
  }

  private requireRecord(object: string, id: string): SfRecord {
    const key = normalizeId(id);
    const record = key === null ? undefined : this.store.get(object, key);
    if (record === undefined) throw new OrgError(`no ${object} with id ${id}`);
    return record;
  }

  /** Canonical field names for privileged writes; an unknown name is a mistake in the test, not an API error. */
  private checkNames(object: string, fields: SfRecord): SfRecord {
    const out: SfRecord = {};
    for (const [name, value] of Object.entries(fields)) {
      const field = this.schema.field(object, name, 'all');
      if (field === undefined) throw new OrgError(`${object} has no field ${name}`);
      if (value !== undefined) out[field.name] = normalizeStored(field, value);
    }
    return out;
  }
}

export { AUDIT_FIELDS };
