/**
 * CSV files as tables. Line endings are normalised to \n before parsing so line numbers are physical lines whatever
 * the file used (csv-parse miscounts CRLF inside quoted fields); the file's own ending and BOM are restored on write.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { DataFile, DataRow, DataTable } from './data-table.js';
import { FileConnectorError } from './errors.js';

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

class CsvRow implements DataRow {
  constructor(
    private readonly table: CsvTable,
    readonly line: number,
    readonly cells: string[],
    readonly problem: string | null,
  ) {}

  get position(): string {
    return `line ${this.line}`;
  }

  values(): Record<string, unknown> {
    if (this.problem !== null) return {};
    const out: Record<string, unknown> = {};
    this.table.header.forEach((column, i) => {
      if (!(column in out)) out[column] = this.cells[i] ?? '';
    });
    return out;
  }

  set(column: string, value: string | null): void {
    this.table.addColumn(column);
    this.cells[this.table.header.indexOf(column)] = value ?? '';
  }
}

export class CsvTable implements DataTable {
  readonly rows: CsvRow[] = [];

  constructor(
    readonly file: DataFile,
    readonly header: string[],
    private readonly lineEnding: '\n' | '\r\n',
    private readonly bom: boolean,
  ) {}

  static empty(file: DataFile, header: string[]): CsvTable {
    return new CsvTable(file, [...header], '\n', false);
  }

  static parse(file: DataFile, text: string): CsvTable {
    const bom = text.startsWith('\uFEFF');
    const body = bom ? text.slice(1) : text;
    const lineEnding = /\r\n/.test(body.slice(0, body.indexOf('\n') + 1)) ? '\r\n' : '\n';
    const records = parseRecords(file, body.replace(/\r\n?/g, '\n'));
    const [first, ...rest] = records;
    const header = first?.record ?? [];
    assertUniqueHeader(file, header);
    const table = new CsvTable(file, header, lineEnding, bom);
    for (const parsed of rest) {
      const line = startLine(parsed);
      const problem =
        parsed.record.length === header.length ? null : `expected ${header.length} columns, found ${parsed.record.length}`;
      table.rows.push(new CsvRow(table, line, parsed.record, problem));
    }
    return table;
  }

  columns(): string[] {
    return [...this.header];
  }

  addColumn(name: string): void {
    if (this.header.includes(name)) return;
    this.header.push(name);
    for (const row of this.rows) if (row.problem === null) row.cells.push('');
  }

  appendRow(values: Record<string, string>): void {
    for (const column of Object.keys(values)) this.addColumn(column);
    const cells = this.header.map((column) => values[column] ?? '');
    const lastLine = this.rows.at(-1)?.line ?? 1;
    this.rows.push(new CsvRow(this, lastLine + 1, cells, null));
  }

  serialize(): string {
    const lines = [this.header, ...this.rows.map((row) => row.cells)];
    const text = stringify(lines, { record_delimiter: this.lineEnding === '\r\n' ? 'windows' : 'unix' });
    return (this.bom ? '\uFEFF' : '') + text;
  }
}

function parseRecords(file: DataFile, text: string): ParsedRecord[] {
  try {
    return parse(text, {
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      raw: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FileConnectorError(
      `${file.name} cannot be read as CSV: ${detail}. Fix: put quotes around any value containing a comma, quote or line break, double the quotes inside it ("" for "), and close every opening quote.`,
      'config',
      'CSV_PARSE',
    );
  }
}

/** info.lines is the line a record ends on; its raw text (after skipped blank lines) tells how many lines it spans. */
function startLine(parsed: ParsedRecord): number {
  const content = parsed.raw.replace(/^(?:[ \t]*\n)+/, '').replace(/\n$/, '');
  const spanned = content.split('\n').length - 1;
  return parsed.info.lines - spanned;
}

function assertUniqueHeader(file: DataFile, header: string[]): void {
  const seen = new Set<string>();
  for (const column of header) {
    if (column !== '' && seen.has(column)) {
      throw new FileConnectorError(
        `${file.name} line 1: column "${column}" appears twice in the header. Fix: rename or remove one of them.`,
        'config',
        'DUPLICATE_COLUMN',
      );
    }
    seen.add(column);
  }
}
