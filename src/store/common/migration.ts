/** One schema version of a back end: applied once, in a transaction, recorded in schema_migrations. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
