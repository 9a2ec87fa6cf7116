/**
 * WHERE clauses compiled to predicates. Values are type-checked against their field first (a quoted date, an
 * unquoted string or a malformed id is refused with the real error), then compared the SOQL way: text without
 * regard to case, ids exactly, dates and date-times as instants, and `!=` matching nulls.
 */
import { normalizeId } from '../ids.js';
import { isNumberType, isTextType, type FieldType } from '../schema/field.js';
import { parseDateTime } from '../values.js';
import type { ComparisonOperator, Condition, Literal } from './ast.js';
import { isPolymorphic, type Binder, type BoundPath } from './bind.js';
import { dateLiteralRange } from './date-literals.js';
import { soqlError } from './errors.js';

export type RowReader = (path: BoundPath) => unknown;
export type Predicate = (read: RowReader) => boolean;

/** A filter value ready to compare: a point or a [start, end) range (dates), or null. */
type Operand = { kind: 'value'; value: string | number | boolean } | { kind: 'range'; start: number; end: number } | { kind: 'null' };

const DAY = 86_400_000;

function fieldType(path: BoundPath): FieldType {
  return isPolymorphic(path.field) ? (path.field.type === 'id' ? 'id' : 'string') : path.field.type;
}

function comparable(type: FieldType, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (type === 'date') return Date.parse(`${String(value)}T00:00:00Z`);
  if (type === 'datetime') return parseDateTime(String(value));
  if (type === 'id' || type === 'reference') return String(value);
  if (isTextType(type)) return String(value).toLowerCase();
  return value as number | boolean;
}

export class FilterCompiler {
  constructor(
    private readonly soql: string,
    private readonly binder: Binder,
    private readonly object: string,
    private readonly nowMs: number,
  ) {}

  compile(condition: Condition): Predicate {
    switch (condition.kind) {
      case 'and': {
        const items = condition.items.map((c) => this.compile(c));
        return (read) => items.every((p) => p(read));
      }
      case 'or': {
        const items = condition.items.map((c) => this.compile(c));
        return (read) => items.some((p) => p(read));
      }
      case 'not': {
        const inner = this.compile(condition.item);
        return (read) => !inner(read);
      }
      case 'compare':
        return this.compare(this.filterable(condition.field), condition.op, condition.value);
      case 'in': {
        const path = this.filterable(condition.field);
        const tests = condition.values.map((v) => this.compare(path, '=', v));
        return (read) => tests.some((t) => t(read)) !== condition.negated;
      }
      case 'like':
        return this.like(this.filterable(condition.field), condition.pattern);
      case 'includes':
        return this.includes(this.filterable(condition.field), condition.negated, condition.values);
    }
  }

  private filterable(fieldPath: Parameters<Binder['path']>[1]): BoundPath {
    const path = this.binder.path(this.object, fieldPath);
    if (!isPolymorphic(path.field) && !path.field.filterable) {
      throw soqlError(this.soql, fieldPath.position, 'INVALID_FIELD', `field '${path.field.name}' can not be filtered in a query call`);
    }
    return path;
  }

  private compare(path: BoundPath, op: ComparisonOperator, literal: Literal): Predicate {
    const type = fieldType(path);
    const operand = this.operand(path, type, literal);
    if (operand.kind === 'null' && op !== '=' && op !== '!=') throw this.badOperator(literal, `invalid operator on null value: ${op}`);
    if (type === 'boolean' && op !== '=' && op !== '!=') throw this.badOperator(literal, `invalid operator on boolean field: ${op}`);
    return (read) => {
      const value = comparable(type, read(path));
      if (operand.kind === 'null') return op === '=' ? value === null : value !== null;
      if (value === null) return op === '!=';
      if (operand.kind === 'range') return inRange(value as number, op, operand.start, operand.end);
      return compareValues(value, op, operand.value);
    };
  }

  private operand(path: BoundPath, type: FieldType, literal: Literal): Operand {
    if (literal.kind === 'null') return { kind: 'null' };
    const name = path.display;
    if (type === 'id' || type === 'reference') {
      if (literal.kind !== 'string') throw this.mustBe(literal, name, 'string', true);
      const id = normalizeId(literal.value);
      if (id === null) throw this.badOperator(literal, `invalid ID field: ${literal.value}`);
      return { kind: 'value', value: id };
    }
    if (isTextType(type)) {
      if (literal.kind !== 'string') throw this.mustBe(literal, name, 'string', true);
      return { kind: 'value', value: literal.value.toLowerCase() };
    }
    if (type === 'boolean') {
      if (literal.kind !== 'boolean') throw this.mustBe(literal, name, 'boolean', false);
      return { kind: 'value', value: literal.value };
    }
    if (isNumberType(type)) {
      if (literal.kind !== 'number') throw this.mustBe(literal, name, type === 'int' ? 'int' : 'double', false);
      return { kind: 'value', value: literal.value };
    }
    if (literal.kind === 'dateLiteral') return { kind: 'range', ...dateLiteralRange(literal.name, literal.n, this.nowMs) };
    if (type === 'date') {
      if (literal.kind !== 'date') throw this.mustBe(literal, name, 'date', false);
      const start = Date.parse(`${literal.value}T00:00:00Z`);
      return { kind: 'range', start, end: start + DAY };
    }
    if (literal.kind !== 'datetime') throw this.mustBe(literal, name, 'dateTime', false);
    return { kind: 'range', start: literal.ms, end: literal.ms + 1 };
  }

  private like(path: BoundPath, literal: Literal): Predicate {
    const type = fieldType(path);
    if (!isTextType(type) || type === 'id' || type === 'reference') throw this.badOperator(literal, `invalid operator on ${type} field: LIKE`);
    if (literal.kind !== 'string') throw this.mustBe(literal, path.display, 'string', true);
    const pattern = likePattern(literal.likeValue);
    return (read) => {
      const value = read(path);
      return typeof value === 'string' && pattern.test(value);
    };
  }

  private includes(path: BoundPath, excludes: boolean, values: Literal[]): Predicate {
    if (fieldType(path) !== 'multipicklist') throw this.badOperator(values[0] ?? { kind: 'null', position: path.position }, 'includes/excludes operator only valid on multipicklist field');
    const wanted = values.map((v) => (v.kind === 'string' ? v.value.toLowerCase().split(';').sort().join(';') : ''));
    return (read) => {
      const selected = new Set(String(read(path) ?? '').toLowerCase().split(';'));
      const hit = wanted.some((w) => w.split(';').every((part) => selected.has(part)));
      return hit !== excludes;
    };
  }

  private mustBe(literal: Literal, field: string, type: string, quoted: boolean): Error {
    const reason = `value of filter criterion for field '${field}' must be of type ${type} and should ${quoted ? '' : 'not '}be enclosed in quotes`;
    return soqlError(this.soql, literal.position, 'INVALID_QUERY_FILTER_OPERATOR', reason);
  }

  private badOperator(literal: Literal, reason: string): Error {
    return soqlError(this.soql, literal.position, 'INVALID_QUERY_FILTER_OPERATOR', reason);
  }
}

function compareValues(value: string | number | boolean, op: ComparisonOperator, target: string | number | boolean): boolean {
  switch (op) {
    case '=':
      return value === target;
    case '!=':
      return value !== target;
    case '<':
      return value < target;
    case '<=':
      return value <= target;
    case '>':
      return value > target;
    case '>=':
      return value >= target;
  }
}

function inRange(value: number, op: ComparisonOperator, start: number, end: number): boolean {
  switch (op) {
    case '=':
      return value >= start && value < end;
    case '!=':
      return value < start || value >= end;
    case '<':
      return value < start;
    case '<=':
      return value < end;
    case '>':
      return value >= end;
    case '>=':
      return value >= start;
  }
}

/** `%` any run, `_` one character, `\%` `\_` `\\` literal; matching ignores case like SOQL's LIKE. */
function likePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern.charAt(i + 1));
      i += 1;
    } else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, 'i');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
