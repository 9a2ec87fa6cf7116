/**
 * SOQL is built here and only here, from two kinds of parts: field names that describe says the object has (never
 * text from a record or the mapping taken on trust), and literals escaped by the documented rules. A value can then
 * never end a literal early and add a clause of its own.
 * Escapes: SOQL "Quoted String Escape Sequences" (BEHAVIOR.md).
 */
import type { DescribeSObjectResult, Field } from 'jsforce';
import { SalesforceConnectorError } from './errors.js';

/** What describe told us about one object: its fields by lower-case name, and its child relationships. */
export interface ObjectSchema {
  name: string;
  fields: Map<string, Field>;
  childRelationships: Set<string>;
  queryable: boolean;
}

export function objectSchema(describe: DescribeSObjectResult): ObjectSchema {
  return {
    name: describe.name,
    fields: new Map(describe.fields.map((f) => [f.name.toLowerCase(), f])),
    childRelationships: new Set((describe.childRelationships ?? []).flatMap((r) => (r.relationshipName ? [r.relationshipName.toLowerCase()] : []))),
    queryable: describe.queryable,
  };
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

function unknownField(object: string, name: string): SalesforceConnectorError {
  return new SalesforceConnectorError(
    `${object}.${name} is not a field the integration user can read (describe does not list it). Fix: correct the field name in the mapping, or grant the user read access to it (field-level security).`,
    'config',
    'INVALID_FIELD',
    name,
  );
}

/**
 * A field of `schema` as Salesforce spells it. A parent path (`Campaign.Type`) is checked on both objects: the first
 * part must be a relationship of this object, the rest a field of the parent (`parents` holds its describe).
 */
export function fieldName(schema: ObjectSchema, name: string, parents: ReadonlyMap<string, ObjectSchema> = new Map()): string {
  const parts = name.split('.');
  if (!parts.every((p) => IDENTIFIER.test(p))) throw unknownField(schema.name, name);
  if (parts.length === 1) {
    const field = schema.fields.get(name.toLowerCase());
    if (field === undefined) throw unknownField(schema.name, name);
    return field.name;
  }
  if (parts.length !== 2) throw unknownField(schema.name, name);
  const [relationship = '', child = ''] = parts;
  const lookup = [...schema.fields.values()].find((f) => f.relationshipName?.toLowerCase() === relationship.toLowerCase());
  const parent = lookup?.referenceTo?.[0] === undefined ? undefined : parents.get(lookup.referenceTo[0]);
  if (lookup === undefined || parent === undefined) throw unknownField(schema.name, name);
  return `${lookup.relationshipName}.${fieldName(parent, child)}`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A quoted SOQL string literal holding exactly `value`. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (ch) => ESCAPES[ch] ?? ch)}'`;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** An unquoted SOQL date-time literal, from an instant; anything else is refused rather than pasted in. */
export function dateTimeLiteral(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new SalesforceConnectorError(`"${iso}" is not a date-time.`, 'config', 'BAD_SINCE');
  const text = new Date(ms).toISOString();
  if (!ISO_DATE_TIME.test(text)) throw new SalesforceConnectorError(`"${iso}" is out of range for SOQL.`, 'config', 'BAD_SINCE');
  return text;
}

/** `('a', 'b')` for IN: each value its own escaped literal. */
export function listLiteral(values: readonly string[]): string {
  if (values.length === 0) throw new SalesforceConnectorError('An IN list needs at least one value.', 'config', 'EMPTY_IN');
  return `(${values.map(stringLiteral).join(', ')})`;
}

export function booleanLiteral(value: boolean): string {
  return value ? 'true' : 'false';
}

/** A condition built from a checked field name, an operator from this list and a literal made above. */
export interface Condition {
  field: string;
  op: '=' | '!=' | '>' | '>=' | '<' | '<=' | 'IN';
  literal: string;
}

/** Conditions of which at least one must hold: rendered `(a OR b)` inside the AND list. */
export interface AnyOf {
  anyOf: readonly Condition[];
}

export interface SelectSpec {
  schema: ObjectSchema;
  /** Field names (or parent paths) to read; checked against describe, duplicates dropped. */
  fields: readonly string[];
  where?: readonly (Condition | AnyOf)[];
  orderBy?: readonly string[];
  /** A parent-to-child subquery: `(SELECT <fields> FROM <relationship>)`, relationship checked against describe. */
  children?: { relationship: string; fields: readonly string[]; schema: ObjectSchema };
  parents?: ReadonlyMap<string, ObjectSchema>;
}

/** `SELECT … FROM … WHERE … ORDER BY …` with every name checked and every value a literal. */
export function buildSelect(spec: SelectSpec): string {
  const { schema } = spec;
  const names = new Map<string, string>();
  for (const f of spec.fields) {
    const name = fieldName(schema, f, spec.parents);
    names.set(name.toLowerCase(), name);
  }
  const select = [...names.values()];
  if (spec.children) {
    const rel = spec.children.relationship;
    if (!IDENTIFIER.test(rel) || !schema.childRelationships.has(rel.toLowerCase())) throw unknownField(schema.name, rel);
    const childFields = [...new Set(spec.children.fields.map((f) => fieldName(spec.children!.schema, f)))];
    select.push(`(SELECT ${childFields.join(', ')} FROM ${rel})`);
  }
  let soql = `SELECT ${select.join(', ')} FROM ${schema.name}`;
  const where = spec.where ?? [];
  const condition = (c: Condition) => `${fieldName(schema, c.field)} ${c.op} ${c.literal}`;
  // SOQL refuses AND and OR mixed at one level, so an OR group always gets its parentheses.
  const term = (c: Condition | AnyOf) => ('anyOf' in c ? `(${c.anyOf.map(condition).join(' OR ')})` : condition(c));
  if (where.length > 0) soql += ` WHERE ${where.map(term).join(' AND ')}`;
  const order = spec.orderBy ?? [];
  if (order.length > 0) soql += ` ORDER BY ${order.map((f) => fieldName(schema, f)).join(', ')}`;
  return soql;
}
