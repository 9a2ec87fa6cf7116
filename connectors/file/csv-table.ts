/**
 * CSV files as tables. Line endings are normalised to \n before parsing so line numbers are physical lines whatever
 * the file used (csv-parse miscounts CRLF inside quoted fields); the file's own ending and BOM are restored on write.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { DataFile, DataRow, DataTable } from './data-table.js';
import { FileConnectorError } from './errors.js';
import { quoteOpeningBefore, unclosedQuoteLine } from '../../src/text/csv-quotes.js';

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

const PARSE_OPTIONS = { trim: true, skip_empty_lines: true, relax_column_count: true } as const;

function parseRecords(file: DataFile, text: string): ParsedRecord[] {
  try {
    return parse(text, { ...PARSE_OPTIONS, info: true, raw: true }) as unknown as ParsedRecord[];
  } catch (error) {
    throw csvError(file, text, error);
  }
}

/**
 * The header (first record) of a CSV text that may be only the start of the file; null when that start ends inside
 * the header's quotes (read more). A BOM and the file's line endings are handled as in `CsvTable.parse`.
 */
export function parseCsvHeader(file: DataFile, text: string): string[] | null {
  const body = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  try {
    const [header] = parse(body, { ...PARSE_OPTIONS, to: 1 }) as string[][];
    const columns = header ?? [];
    assertUniqueHeader(file, columns);
    return columns;
  } catch (error) {
    if (errorCode(error) === 'CSV_QUOTE_NOT_CLOSED') return null;
    throw error instanceof FileConnectorError ? error : csvError(file, body, error);
  }
}

const CSV_FIX = 'Fix: put quotes around any value containing a comma, quote or line break, double the quotes inside it ("" for "), and close every opening quote.';

/** A file csv-parse cannot read, as "<file> line N: …" — for an unclosed quote, N is where the quote opened, not the end of the file. */
function csvError(file: DataFile, text: string, error: unknown): FileConnectorError {
  const detail = error instanceof Error ? error.message : String(error);
  if (errorCode(error) === 'CSV_QUOTE_NOT_CLOSED') {
    const opened = unclosedQuoteLine(text);
    return new FileConnectorError(
      `${file.name} line ${opened ?? '?'}: a quoted value opens here and is never closed, so the rest of the file would be read as one value. ` +
        'Fix: add the closing quote (") at the end of the value, or double a quote that is part of the value ("" for ").',
      'config',
      'CSV_PARSE',
    );
  }
  const line = (error as { lines?: unknown }).lines;
  const opened = errorCode(error) === 'CSV_INVALID_CLOSING_QUOTE' && typeof line === 'number' ? quoteOpeningBefore(text, line) : null;
  if (opened !== null && typeof line === 'number' && opened < line) {
    // The quote that "closes" here is really the opening quote of a later value: the value that opened earlier never closed.
    return new FileConnectorError(
      `${file.name} line ${opened}: a quoted value opens here and is not closed before line ${line}, where a quote ends it in the middle of a value (${detail}). ` +
        'Fix: add the closing quote (") at the end of the value on the first line, or double a quote that is part of the value ("" for ").',
      'config',
      'CSV_PARSE',
    );
  }
  const where = typeof line === 'number' ? ` line ${line}` : '';
  return new FileConnectorError(`${file.name}${where}: cannot be read as CSV: ${detail}. ${CSV_FIX}`, 'config', 'CSV_PARSE');
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
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
