/**
 * Field updates through one Bulk API 2.0 ingest job (operation `update`): create the job, upload one CSV, mark it
 * UploadComplete, poll until JobComplete, read successfulResults / failedResults / unprocessedrecords.
 *
 * The CSV is built here, not by jsforce: jsforce takes the columns from the first record only (docs/dev-notes.md).
 * Every row has every column; a field the record does not change is an empty cell (Bulk 2.0 leaves it alone), a value
 * to clear is `#N/A` (Bulk 2.0's null). Results are matched to records by the `Id` column they echo, never by row.
 */
import { stringify } from 'csv-stringify/sync';
import type { FieldUpdate } from '../../src/model/sync.js';
import type { SalesforceApi } from './api.js';
import type { RecordResult } from './collections.js';
import { withDeadline } from './deadline.js';
import { classifyBulkError, SalesforceConnectorError } from './errors.js';

export interface BulkOptions {
  pollIntervalMs: number;
  /** How long to wait for the job to finish; past it the records are reported retryable (the job may still finish). */
  pollTimeoutMs: number;
  /** Deadline of each request of the job (create, upload, close, results). */
  callTimeoutMs: number;
}

export const DEFAULT_BULK_OPTIONS: BulkOptions = { pollIntervalMs: 2_000, pollTimeoutMs: 10 * 60_000, callTimeoutMs: 120_000 };

export const BULK_NULL = '#N/A';

export function updatesCsv(updates: readonly FieldUpdate[]): string {
  const columns: string[] = [];
  for (const update of updates) for (const change of update.changes) if (!columns.includes(change.crmField)) columns.push(change.crmField);
  const rows = updates.map((update) => {
    const cells = new Map(update.changes.map((c) => [c.crmField, c.newValue === null || c.newValue === '' ? BULK_NULL : c.newValue]));
    return [update.recordId, ...columns.map((column) => cells.get(column) ?? '')];
  });
  return stringify([['Id', ...columns], ...rows], { record_delimiter: 'unix' });
}

/** `sf__Error` cells end with " --" in Salesforce's failed-record results: not part of the message. */
export function bulkErrorCell(cell: string): string {
  return cell.replace(/\s*--\s*$/, '');
}

type ResultRow = Record<string, string | undefined>;

/** The job failed as a whole (no record applied): a bad column or object is a setup problem, anything else transient. */
function jobFailure(error: unknown, jobId: string): SalesforceConnectorError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SalesforceConnectorError) return error;
  if (/InvalidBatch|Field name not found|InvalidJob/i.test(message)) {
    return new SalesforceConnectorError(`Bulk API 2.0 job ${jobId} failed: ${message}`, 'config', 'BULK_JOB_FAILED');
  }
  return new SalesforceConnectorError(`Bulk API 2.0 job ${jobId || '(not created)'} failed: ${message}`, 'retryable', 'BULK_JOB_FAILED');
}

/** Runs the job; returns each record's result by id. Throws for a whole-job failure (classified). */
export async function bulkUpdate(api: SalesforceApi, sobject: string, updates: readonly FieldUpdate[], options: BulkOptions): Promise<Map<string, RecordResult>> {
  const csv = updatesCsv(updates);
  const job = api.conn.bulk2.createJob({ object: sobject, operation: 'update', lineEnding: 'LF' });
  const step = <T>(what: string, fn: () => Promise<T>, ms = options.callTimeoutMs): Promise<T> => api.call(() => withDeadline(fn(), ms, `Bulk API 2.0 ${what}`));
  let results: { successfulResults: ResultRow[]; failedResults: ResultRow[]; unprocessedRecords: ResultRow[] | string };
  try {
    await step('create job', () => job.open());
    await step('upload', () => job.uploadData(csv));
    await step('close job', () => job.close());
    await step('poll', () => job.poll(options.pollIntervalMs, options.pollTimeoutMs), options.pollTimeoutMs + options.callTimeoutMs);
    results = (await step('results', () => job.getAllResults())) as unknown as typeof results;
  } catch (error) {
    let jobId = '';
    try {
      jobId = job.id;
    } catch {
      // the job was never created
    }
    throw jobFailure(error, jobId);
  }
  const byId = new Map<string, RecordResult>();
  for (const row of results.successfulResults) {
    const id = row['Id'] ?? row['sf__Id'];
    if (id) byId.set(id, { ok: true, id: row['sf__Id'] ?? id, created: false });
  }
  for (const row of results.failedResults) {
    const id = row['Id'] ?? row['sf__Id'];
    if (id) byId.set(id, { ok: false, error: classifyBulkError(bulkErrorCell(row['sf__Error'] ?? '')) });
  }
  const unprocessed = Array.isArray(results.unprocessedRecords) ? results.unprocessedRecords : [];
  for (const row of unprocessed) {
    const id = row['Id'];
    if (id) byId.set(id, { ok: false, error: { class: 'retryable', code: 'UNPROCESSED', message: `Bulk API 2.0 job ${job.id} did not process this record` } });
  }
  return byId;
}
