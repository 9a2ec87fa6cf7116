/**
 * Third-party topic intent from a CSV export (Bombora-style: Domain, Topic, Composite Score, optional Date/Week).
 * A bad row is reported with its file line and the reason and the rest of the file is kept; a file whose shape is
 * wrong (no header, a required column missing, broken quoting) is an error that names the file.
 */
import { parse } from 'csv-parse/sync';
import { normalizeDomain } from '../model/domain.js';
import type { IntentSignal } from '../model/records.js';
import { type ColumnIndexes, matchColumns } from './intent-columns.js';
import { IntentFileError, type IntentReject } from './intent-errors.js';
import { unclosedQuoteLine } from '../text/csv-quotes.js';

export interface IntentParseOptions {
  /** Observation date for rows without a date column or value. */
  now: Date;
  /** Stored as IntentSignal.source (default "intent-csv"). */
  source?: string;
}

export interface IntentParseResult {
  signals: IntentSignal[];
  rejects: IntentReject[];
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

export function parseIntentCsv(text: string, fileName: string, options: IntentParseOptions): IntentParseResult {
  const records = parseRecords(text, fileName);
  const header = records[0];
  if (!header) throw new IntentFileError(`${fileName}: the file is empty; expected a header row with Domain, Topic and Composite Score`);
  const columns = matchColumns(header.record, fileName);
  const signals: IntentSignal[] = [];
  const rejects: IntentReject[] = [];
  const source = options.source ?? 'intent-csv';
  for (const { record, info } of records.slice(1)) {
    const location = `${fileName}:${startLine(record, info.lines)}`;
    const row = readRow(record, columns, options.now);
    if ('reason' in row) rejects.push({ location, ...row });
    else signals.push({ ...row, source });
  }
  return { signals, rejects };
}

function parseRecords(text: string, fileName: string): ParsedRecord[] {
  try {
    return parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      // Exports edited on different systems mix line endings.
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if ((error as { code?: unknown }).code === 'CSV_QUOTE_NOT_CLOSED') {
      const opened = unclosedQuoteLine(text.replace(/\r\n?/g, '\n'));
      throw new IntentFileError(
        `${fileName}:${opened ?? '?'}: a quoted value opens here and is never closed, so the rest of the file would be read as one value. Fix: add the closing quote (") at the end of the value, or double a quote that is part of the value ("" for ").`,
      );
    }
    const line = (error as { lines?: unknown }).lines;
    const where = typeof line === 'number' ? `:${line}` : '';
    const message = error instanceof Error ? error.message : String(error);
    throw new IntentFileError(`${fileName}${where}: not valid CSV (${message}). Check the quoting on that line and export the file again.`);
  }
}

/** csv-parse reports the line a record ends on; a quoted value spanning lines moves that, so step back over them. */
function startLine(record: readonly string[], endLine: number): number {
  const innerBreaks = record.reduce((n, value) => n + (value.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
  return endLine - innerBreaks;
}

type RowResult = Omit<IntentSignal, 'source'> | { field: string; reason: string };

function readRow(record: readonly string[], columns: ColumnIndexes, now: Date): RowResult {
  const rawDomain = record[columns.domain] ?? '';
  if (rawDomain === '') return { field: 'domain', reason: 'domain is empty' };
  const domain = normalizeDomain(rawDomain);
  if (domain === null) return { field: 'domain', reason: `"${rawDomain}" is not a domain (expected e.g. acme.com)` };
  const topic = record[columns.topic] ?? '';
  if (topic === '') return { field: 'topic', reason: 'topic is empty' };
  const rawScore = record[columns.score] ?? '';
  const score = parseScore(rawScore);
  if (score === null) return { field: 'score', reason: `score "${rawScore}" is not a number from 0 to 100` };
  const rawDate = columns.date === null ? '' : (record[columns.date] ?? '');
  const observedAt = rawDate === '' ? now.toISOString() : parseDate(rawDate);
  if (observedAt === null) return { field: 'date', reason: `date "${rawDate}" is not a date (expected YYYY-MM-DD or M/D/YYYY)` };
  return { domain, topic, score, observedAt };
}

function parseScore(raw: string): number | null {
  const cleaned = raw.replace(/%$/, '').trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return null;
  const score = Number(cleaned);
  return score >= 0 && score <= 100 ? score : null;
}

/** ISO date or date-time, or US M/D/YYYY; impossible calendar dates (2026-02-30) are rejected, not rolled over. */
export function parseDate(raw: string): string | null {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const parts = us ? [us[3], us[1], us[2]] : iso ? [iso[1], iso[2], iso[3]] : null;
  if (parts) {
    const [year, month, day] = parts.map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    return valid ? date.toISOString() : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw)) return null;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
