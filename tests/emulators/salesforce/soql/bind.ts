/**
 * Binds a parsed query to the org: objects and fields are looked up as the integration user sees them (a custom
 * field without FLS is "No such column"), relationship paths are followed, and every filter value is checked
 * against its field's type the way Salesforce does before it runs anything.
 */
import type { FieldDef } from '../schema/field.js';
import type { Org } from '../org/org.js';
import type { FieldPath } from './ast.js';
import { soqlError } from './errors.js';

export interface BoundPath {
  /** Canonical dotted name, e.g. `Account.Name`: the CSV column and the JSON nesting. */
  display: string;
  /** Canonical relationship names followed, in order. */
  relationships: { name: string; field: FieldDef; target: string | null }[];
  /** The field read at the end; for a polymorphic relationship one of Id, Name, Type. */
  field: FieldDef | PolymorphicField;
  position: number;
}

export interface PolymorphicField {
  polymorphic: 'Id' | 'Name' | 'Type';
  name: string;
  type: 'string' | 'id';
}

export function isPolymorphic(field: BoundPath['field']): field is PolymorphicField {
  return 'polymorphic' in field;
}

const POLYMORPHIC_FIELDS = ['Id', 'Name', 'Type'] as const;

export class Binder {
  constructor(
    private readonly org: Org,
    private readonly soql: string,
  ) {}

  object(name: string, position: number): string {
    const def = this.org.schema.object(name);
    if (def === undefined) {
      throw soqlError(this.soql, position, 'INVALID_TYPE', `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    return def.name;
  }

  path(object: string, path: FieldPath): BoundPath {
    let current: string | null = object;
    const relationships: BoundPath['relationships'] = [];
    const names: string[] = [];
    for (const [i, part] of path.parts.entries()) {
      const last = i === path.parts.length - 1;
      if (current === null) return this.polymorphicLeaf(path, part, names, relationships, last);
      if (last) {
        const field = this.org.schema.field(current, part, 'integration-user');
        if (field === undefined) throw this.noSuchColumn(path, part, current);
        names.push(field.name);
        return { display: names.join('.'), relationships, field, position: path.position };
      }
      const link: FieldDef | undefined = this.org.schema.fields(current, 'integration-user').find((f) => f.relationshipName?.toLowerCase() === part.toLowerCase());
      if (link === undefined || link.relationshipName === null) {
        throw soqlError(this.soql, path.position, 'INVALID_FIELD', `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
      }
      const target: string | null = link.referenceTo.length === 1 ? (link.referenceTo[0] ?? null) : null;
      relationships.push({ name: link.relationshipName, field: link, target });
      names.push(link.relationshipName);
      current = target;
    }
    throw this.noSuchColumn(path, path.parts.join('.'), object);
  }

  private polymorphicLeaf(path: FieldPath, part: string, names: string[], relationships: BoundPath['relationships'], last: boolean): BoundPath {
    const leaf = POLYMORPHIC_FIELDS.find((f) => f.toLowerCase() === part.toLowerCase());
    if (!last || leaf === undefined) {
      const relationship = relationships.at(-1)?.name ?? '';
      throw soqlError(this.soql, path.position, 'INVALID_FIELD', `No such column '${part}' on entity 'Name'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names. (${relationship} is polymorphic: only Id, Name and Type can be read through it)`);
    }
    names.push(leaf);
    return { display: names.join('.'), relationships, field: { polymorphic: leaf, name: leaf, type: leaf === 'Id' ? 'id' : 'string' }, position: path.position };
  }

  private noSuchColumn(path: FieldPath, part: string, object: string): Error {
    return soqlError(this.soql, path.position, 'INVALID_FIELD', `No such column '${part}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
}
