import type Database from 'better-sqlite3';
import { chunk } from '../common/collections.js';

/**
 * Runs a statement whose `@ids` parameter is a JSON array, chunk by chunk, and concatenates the rows: any number of
 * ids, one prepared statement, no SQL built from values. Statements read the list as
 * `FROM json_each(@ids) AS j CROSS JOIN <table> ON <key> = j.value`: CROSS JOIN fixes the loop order in SQLite, so
 * each id is one index lookup even before ANALYZE has run (without statistics the planner otherwise may pick a scan
 * of every record of the kind). Callers pass distinct ids.
 */
export function selectIn<Row>(statement: Database.Statement, params: Record<string, unknown>, ids: readonly string[]): Row[] {
  const rows: Row[] = [];
  for (const part of chunk(ids)) {
    for (const row of statement.all({ ...params, ids: JSON.stringify(part) })) rows.push(row as Row);
  }
  return rows;
}
