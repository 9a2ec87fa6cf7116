/** Versions, the resource list, limits, describeGlobal and describe: what a client reads before it reads data. */
import { json, NOT_FOUND, type Reply, type RequestInfo } from '../http/reply.js';
import { CHILD_RELATIONSHIPS } from '../schema/child-relationships.js';
import type { FieldDef } from '../schema/field.js';
import type { ObjectDef } from '../schema/standard-objects.js';
import type { EmulatorState } from '../state.js';

const SEASONS = ['Winter', 'Spring', 'Summer'];

/** v20.0 was Winter '11; three releases a year since. */
export function releaseLabel(version: number): string {
  const step = version - 20;
  return `${SEASONS[step % 3] ?? 'Winter'} '${String(11 + Math.floor(step / 3)).padStart(2, '0')}`;
}

export function versions(_request: RequestInfo, state: EmulatorState): Reply {
  const list = [];
  for (let v = state.config.minVersion; v <= state.config.maxVersion; v += 1) list.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
  return json(200, list);
}

export function resources(request: RequestInfo): Reply {
  const base = `/services/data/v${request.params['version'] ?? ''}`;
  const names = ['limits', 'sobjects', 'query', 'queryAll', 'composite', 'jobs'];
  return json(200, Object.fromEntries(names.map((n) => [n, `${base}/${n}`])));
}

export function limits(_request: RequestInfo, state: EmulatorState): Reply {
  const max = state.config.dailyLimit;
  return json(200, {
    DailyApiRequests: { Max: max, Remaining: Math.max(0, max - state.apiUsed) },
    DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
    DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
    DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
    DataStorageMB: { Max: 5120, Remaining: 5120 },
    FileStorageMB: { Max: 10240, Remaining: 10240 },
  });
}

function urls(object: string, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${object}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function objectSummary(def: ObjectDef, version: string): Record<string, unknown> {
  return {
    activateable: false,
    createable: def.createable,
    custom: false,
    customSetting: false,
    deletable: def.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: true,
    mergeable: false,
    mruEnabled: true,
    name: def.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: def.deletable,
    updateable: def.updateable,
    urls: urls(def.name, version),
  };
}

export function describeGlobal(request: RequestInfo, state: EmulatorState): Reply {
  const version = request.params['version'] ?? '';
  const sobjects = state.org.schema.objectNames().map((name) => objectSummary(state.org.schema.object(name) as ObjectDef, version));
  return json(200, { encoding: 'UTF-8', maxBatchSize: 200, sobjects });
}

const SOAP_TYPES: Record<FieldDef['type'], string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  url: 'xsd:string',
  phone: 'xsd:string',
  combobox: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

function describeField(field: FieldDef): Record<string, unknown> {
  return {
    aggregatable: field.type !== 'textarea',
    autoNumber: false,
    byteLength: field.length * 3,
    calculated: field.calculated,
    caseSensitive: field.caseSensitive,
    createable: field.createable,
    custom: field.custom,
    defaultValue: field.defaultValue,
    defaultedOnCreate: field.defaultedOnCreate,
    dependentPicklist: false,
    digits: field.digits,
    externalId: field.externalId,
    filterable: field.filterable,
    groupable: field.filterable && field.type !== 'double',
    htmlFormatted: false,
    idLookup: field.idLookup,
    label: field.label,
    length: field.length,
    name: field.name,
    nameField: field.name === 'Name',
    nillable: field.nillable,
    picklistValues: field.picklistValues.map((value) => ({ active: true, defaultValue: value === field.defaultValue, label: value, validFor: null, value })),
    polymorphicForeignKey: field.referenceTo.length > 1,
    precision: field.precision,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    restrictedPicklist: field.restrictedPicklist,
    scale: field.scale,
    soapType: SOAP_TYPES[field.type],
    sortable: field.sortable,
    type: field.type,
    unique: field.unique,
    updateable: field.updateable,
  };
}

export function describe(request: RequestInfo, state: EmulatorState): Reply {
  const def = state.org.schema.object(request.params['object'] ?? '');
  if (def === undefined) return NOT_FOUND();
  const version = request.params['version'] ?? '';
  return json(200, {
    ...objectSummary(def, version),
    childRelationships: (CHILD_RELATIONSHIPS[def.name] ?? []).map((r) => ({ cascadeDelete: false, childSObject: r.childSObject, deprecatedAndHidden: false, field: r.field, relationshipName: r.relationshipName })),
    recordTypeInfos: [],
    fields: state.org.schema.fields(def.name, 'integration-user').map(describeField),
  });
}
