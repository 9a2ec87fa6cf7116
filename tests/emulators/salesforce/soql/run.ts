/**
 * Runs a SOQL query against the org and shapes its rows: REST JSON records (with `attributes` and nested parent
 * objects) or Bulk API CSV rows (dotted column names). `query` skips deleted records; `queryAll` keeps them.
 */
import type { Org } from '../org/org.js';
import type { SfRecord } from '../org/store.js';
import { bulkDateTime, parseDateTime } from '../values.js';
import { Binder, isPolymorphic, type BoundPath } from './bind.js';
import { soqlError } from './errors.js';
import { FilterCompiler } from './filter.js';
import { parseSoql } from './parser.js';

export interface QueryResult {
  object: string;
  count: boolean;
  columns: BoundPath[];
  rows: SfRecord[];
  /** Reads a column of a row, following relationships. */
  read(row: SfRecord, path: BoundPath): unknown;
}

export function runSoql(org: Org, soql: string, options: { scanAll: boolean; nowMs: number }): QueryResult {
  const query = parseSoql(soql);
  const binder = new Binder(org, soql);
  const object = binder.object(query.from.name, query.from.position);
  const columns = query.fields.map((f) => binder.path(object, f));
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.display.toLowerCase())) throw soqlError(soql, column.position, 'MALFORMED_QUERY', `duplicate field selected: ${column.display}`);
    seen.add(column.display.toLowerCase());
  }
  const read = (row: SfRecord, path: BoundPath): unknown => readPath(org, row, path);
  const predicate = query.where === null ? () => true : new FilterCompiler(soql, binder, object, options.nowMs).compile(query.where);
  const order = query.orderBy.map((item) => {
    const path = binder.path(object, item.field);
    if (!isPolymorphic(path.field) && !path.field.sortable) throw soqlError(soql, item.field.position, 'INVALID_FIELD', `field '${path.field.name}' can not be sorted in a query call`);
    return { path, descending: item.descending, nullsLast: item.nullsLast };
  });
  let rows: SfRecord[] = [];
  for (const record of org.store.table(object).values()) {
    if (!options.scanAll && record['IsDeleted'] === true) continue;
    if (predicate((path) => read(record, path))) rows.push(record);
  }
  if (order.length > 0) rows.sort((a, b) => compareRows(a, b, order, read));
  if (query.offset !== null) rows = rows.slice(query.offset);
  if (query.limit !== null) rows = rows.slice(0, query.limit);
  return { object, count: query.count, columns, rows, read };
}

function readPath(org: Org, row: SfRecord, path: BoundPath): unknown {
  let current: SfRecord | undefined = row;
  let currentObject = '';
  for (const relationship of path.relationships) {
    const id = current[relationship.field.name];
    if (typeof id !== 'string') return null;
    const parent = org.lookupAny(id);
    if (parent === undefined) return null;
    current = parent.record;
    currentObject = parent.object;
  }
  if (isPolymorphic(path.field)) {
    if (path.field.polymorphic === 'Type') return currentObject;
    return current[path.field.polymorphic] ?? null;
  }
  return current[path.field.name] ?? null;
}

type Order = { path: BoundPath; descending: boolean; nullsLast: boolean };

function sortKey(value: unknown, path: BoundPath): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  const type = isPolymorphic(path.field) ? path.field.type : path.field.type;
  if (type === 'datetime') return parseDateTime(String(value));
  if (typeof value === 'string' && type !== 'id' && type !== 'reference' && type !== 'date') return value.toLowerCase();
  return value as string | number | boolean;
}

function compareRows(a: SfRecord, b: SfRecord, order: Order[], read: QueryResult['read']): number {
  for (const item of order) {
    const left = sortKey(read(a, item.path), item.path);
    const right = sortKey(read(b, item.path), item.path);
    if (left === right) continue;
    if (left === null) return item.nullsLast ? 1 : -1;
    if (right === null) return item.nullsLast ? -1 : 1;
    const cmp = left < right ? -1 : 1;
    return item.descending ? -cmp : cmp;
  }
  return 0;
}

/** A REST query record: `attributes`, then the selected fields in order, parents as nested objects. */
export function toJsonRecord(result: QueryResult, row: SfRecord, apiVersion: string, org: Org): SfRecord {
  const out: SfRecord = { attributes: attributes(result.object, String(row['Id']), apiVersion) };
  for (const column of result.columns) {
    let target = out;
    let current: SfRecord | undefined = row;
    let broken = false;
    for (const relationship of column.relationships) {
      const id: unknown = current?.[relationship.field.name];
      const parent: { object: string; record: SfRecord } | undefined = typeof id === 'string' ? org.lookupAny(id) : undefined;
      if (parent === undefined) {
        target[relationship.name] = null;
        broken = true;
        break;
      }
      const existing = target[relationship.name];
      const nested = existing !== null && typeof existing === 'object' ? (existing as SfRecord) : { attributes: attributes(parent.object, String(parent.record['Id']), apiVersion) };
      target[relationship.name] = nested;
      target = nested;
      current = parent.record;
    }
    if (!broken) target[column.display.split('.').at(-1) ?? column.display] = result.read(row, column);
  }
  return out;
}

/** A Bulk API 2.0 CSV row: dotted column names, date-times in `Z` form, null as an empty cell. */
export function toCsvCells(result: QueryResult, row: SfRecord): string[] {
  return result.columns.map((column) => {
    const value = result.read(row, column);
    if (value === null || value === undefined) return '';
    if (!isPolymorphic(column.field) && column.field.type === 'datetime') {
      const ms = parseDateTime(String(value));
      return ms === null ? String(value) : bulkDateTime(ms);
    }
    return String(value);
  });
}

function attributes(object: string, id: string, apiVersion: string): { type: string; url: string } {
  return { type: object, url: `/services/data/v${apiVersion}/sobjects/${object}/${id}` };
}
