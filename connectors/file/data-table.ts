/** One object file (CSV or JSON) held in memory: its columns and rows, editable cell by cell, written back whole. */

export type FileFormat = 'csv' | 'json';

export interface DataFile {
  /** Absolute path. */
  path: string;
  /** File name as shown in messages, e.g. "accounts.csv". */
  name: string;
  format: FileFormat;
}

export interface DataRow {
  /** Where the row starts, as a person finds it: "line 12" (CSV) or "item 3" (JSON). */
  readonly position: string;
  /** Why the row cannot be read (e.g. wrong column count); such rows are reported and written back untouched. */
  readonly problem: string | null;
  /** Column → value. Empty for rows with a problem. */
  values(): Record<string, unknown>;
  /** Set one cell; null empties it. A column not in the file is added first. */
  set(column: string, value: string | null): void;
}

export interface DataTable {
  readonly file: DataFile;
  readonly rows: readonly DataRow[];
  columns(): string[];
  /** Adds an empty column at the end (no-op when it exists). */
  addColumn(name: string): void;
  /** Appends a row; columns it names that the file lacks are added. */
  appendRow(values: Record<string, string>): void;
  serialize(): string;
}

export function locationOf(table: DataTable, row: DataRow): string {
  return `${table.file.name} ${row.position}`;
}
