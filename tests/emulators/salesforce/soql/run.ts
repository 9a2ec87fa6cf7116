/**
 * Runs a SOQL query against the org and shapes its rows: REST JSON records (with `attributes`, nested parent objects
 * and child-relationship subqueries) or Bulk API CSV rows (dotted column names). `query` skips deleted records;
 * `queryAll` keeps them.
 */
import type { Org } from '../org/org.js';
import type { SfRecord } from '../org/store.js';
import { childRelationship } from '../schema/child-relationships.js';
import { bulkDateTime, parseDateTime } from '../values.js';
import type { Query, Subquery } from './ast.js';
import { Binder, isPolymorphic, type BoundPath } from './bind.js';
import { soqlError } from './errors.js';
import { FilterCompiler, type Predicate } from './filter.js';
import { parseSoql } from './parser.js';

type Order = { path: BoundPath; descending: boolean; nullsLast: boolean };

/** A bound SELECT: what to read from which object, which rows to keep, in which order. */
interface Selection {
  object: string;
  columns: BoundPath[];
  predicate: Predicate;
  order: Order[];
  limit: number | null;
  offset: number | null;
}

interface BoundSubquery {
  relationship: string;
  /** The child field that points at the parent row. */
  field: string;
  selection: Selection;
}

export interface QueryResult {
  object: string;
  count: boolean;
  columns: BoundPath[];
  subqueries: BoundSubquery[];
  rows: SfRecord[];
  /** Reads a column of a row, following relationships. */
  read(row: SfRecord, path: BoundPath): unknown;
  /** The rows of a child-relationship subquery for one parent row. */
  children(subquery: BoundSubquery, parent: SfRecord): SfRecord[];
}

function bindSelection(org: Org, soql: string, binder: Binder, object: string, query: Query, nowMs: number): Selection {
  const columns = query.fields.map((f) => binder.path(object, f));
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.display.toLowerCase())) throw soqlError(soql, column.position, 'MALFORMED_QUERY', `duplicate field selected: ${column.display}`);
    seen.add(column.display.toLowerCase());
  }
  const compiled = query.where === null ? null : new FilterCompiler(soql, binder, object, nowMs).compile(query.where);
  const order = query.orderBy.map((item) => {
    const path = binder.path(object, item.field);
    if (!isPolymorphic(path.field) && !path.field.sortable) throw soqlError(soql, item.field.position, 'INVALID_FIELD', `field '${path.field.name}' can not be sorted in a query call`);
    return { path, descending: item.descending, nullsLast: item.nullsLast };
  });
  return { object, columns, predicate: compiled ?? (() => true), order, limit: query.limit, offset: query.offset };
}

function bindSubquery(org: Org, soql: string, binder: Binder, parent: string, subquery: Subquery, nowMs: number): BoundSubquery {
  const relationship = childRelationship(parent, subquery.relationship);
  if (relationship === undefined) {
    throw soqlError(soql, subquery.query.from.position, 'INVALID_TYPE', `Didn't understand relationship '${subquery.relationship}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  return { relationship: relationship.relationshipName, field: relationship.field, selection: bindSelection(org, soql, binder, relationship.childSObject, subquery.query, nowMs) };
}

function select(org: Org, selection: Selection, candidates: Iterable<SfRecord>, scanAll: boolean): SfRecord[] {
  let rows: SfRecord[] = [];
  for (const record of candidates) {
    if (!scanAll && record['IsDeleted'] === true) continue;
    if (selection.predicate((path) => readPath(org, record, path))) rows.push(record);
  }
  if (selection.order.length > 0) rows.sort((a, b) => compareRows(org, a, b, selection.order));
  if (selection.offset !== null) rows = rows.slice(selection.offset);
  if (selection.limit !== null) rows = rows.slice(0, selection.limit);
  return rows;
}

export function runSoql(org: Org, soql: string, options: { scanAll: boolean; nowMs: number }): QueryResult {
  const query = parseSoql(soql);
  const binder = new Binder(org, soql);
  const object = binder.object(query.from.name, query.from.position);
  const selection = bindSelection(org, soql, binder, object, query, options.nowMs);
  const subqueries = query.subqueries.map((s) => bindSubquery(org, soql, binder, object, s, options.nowMs));
  return {
    object,
    count: query.count,
    columns: selection.columns,
    subqueries,
    rows: select(org, selection, org.store.table(object).values(), options.scanAll),
    read: (row, path) => readPath(org, row, path),
    children: (subquery, parent) => {
      const table = org.store.table(subquery.selection.object);
      const ids = org.store.lookup(subquery.selection.object, { field: subquery.field, caseSensitive: true }, parent['Id']);
      const candidates = ids.map((id) => table.get(id)).filter((r): r is SfRecord => r !== undefined);
      return select(org, subquery.selection, candidates, options.scanAll);
    },
  };
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

function sortKey(value: unknown, path: BoundPath): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  const type = path.field.type;
  if (type === 'datetime') return parseDateTime(String(value));
  if (typeof value === 'string' && type !== 'id' && type !== 'reference' && type !== 'date') return value.toLowerCase();
  return value as string | number | boolean;
}

function compareRows(org: Org, a: SfRecord, b: SfRecord, order: Order[]): number {
  for (const item of order) {
    const left = sortKey(readPath(org, a, item.path), item.path);
    const right = sortKey(readPath(org, b, item.path), item.path);
    if (left === right) continue;
    if (left === null) return item.nullsLast ? 1 : -1;
    if (right === null) return item.nullsLast ? -1 : 1;
    const cmp = left < right ? -1 : 1;
    return item.descending ? -cmp : cmp;
  }
  return 0;
}

function attributes(object: string, id: string, apiVersion: string): { type: string; url: string } {
  return { type: object, url: `/services/data/v${apiVersion}/sobjects/${object}/${id}` };
}

/** The selected fields of one row, parents as nested objects. */
function projectColumns(org: Org, object: string, columns: BoundPath[], row: SfRecord, apiVersion: string): SfRecord {
  const out: SfRecord = { attributes: attributes(object, String(row['Id']), apiVersion) };
  for (const column of columns) {
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
    if (!broken) target[column.display.split('.').at(-1) ?? column.display] = readPath(org, row, column);
  }
  return out;
}

/** A REST query record: `attributes`, the selected fields in order, then each subquery as a nested query result. */
export function toJsonRecord(result: QueryResult, row: SfRecord, apiVersion: string, org: Org): SfRecord {
  const out = projectColumns(org, result.object, result.columns, row, apiVersion);
  for (const subquery of result.subqueries) {
    const children = result.children(subquery, row);
    out[subquery.relationship] =
      children.length === 0
        ? null
        : { totalSize: children.length, done: true, records: children.map((child) => projectColumns(org, subquery.selection.object, subquery.selection.columns, child, apiVersion)) };
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
