/** The parsed form of the SOQL subset the emulator runs. */

export interface FieldPath {
  /** As written, e.g. ['Account', 'Name']. */
  parts: string[];
  position: number;
}

export type Literal =
  | { kind: 'string'; value: string; likeValue: string; position: number }
  | { kind: 'number'; value: number; position: number }
  | { kind: 'boolean'; value: boolean; position: number }
  | { kind: 'null'; position: number }
  | { kind: 'date'; value: string; position: number }
  | { kind: 'datetime'; ms: number; position: number }
  | { kind: 'dateLiteral'; name: string; n: number | null; position: number };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; field: FieldPath; op: ComparisonOperator; value: Literal }
  | { kind: 'in'; field: FieldPath; negated: boolean; values: Literal[] }
  | { kind: 'like'; field: FieldPath; pattern: Literal }
  | { kind: 'includes'; field: FieldPath; negated: boolean; values: Literal[] };

export interface OrderItem {
  field: FieldPath;
  descending: boolean;
  nullsLast: boolean;
}

/** A parent-to-child subquery in the SELECT list: `(SELECT … FROM ChildRelationship …)`. */
export interface Subquery {
  relationship: string;
  position: number;
  query: Query;
}

export interface Query {
  count: boolean;
  fields: FieldPath[];
  subqueries: Subquery[];
  from: { name: string; position: number };
  where: Condition | null;
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
}
