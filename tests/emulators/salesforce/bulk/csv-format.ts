/** Bulk API 2.0 CSV: the job's column delimiter and line ending, every value quoted on the way out. */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export const DELIMITERS: Record<string, string> = { COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`' };
export const LINE_ENDINGS: Record<string, string> = { LF: '\n', CRLF: '\r\n' };

export interface CsvDialect {
  columnDelimiter: string;
  lineEnding: string;
}

export function writeCsv(dialect: CsvDialect, rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  return stringify(rows as string[][], {
    delimiter: DELIMITERS[dialect.columnDelimiter] ?? ',',
    record_delimiter: dialect.lineEnding === 'CRLF' ? 'windows' : 'unix',
    quoted: true,
  });
}

export function readCsv(dialect: CsvDialect, text: string): string[][] {
  return parse(text, { delimiter: DELIMITERS[dialect.columnDelimiter] ?? ',', relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
}
