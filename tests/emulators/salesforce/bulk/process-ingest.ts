/**
 * Applies an ingest job's CSV: the header is checked first (an unknown column fails the whole job with
 * "InvalidBatch : Field name not found"), then each row is written with the same checks as REST and lands in
 * successfulResults (`sf__Id`, `sf__Created`) or failedResults (`sf__Id`, `sf__Error` = `CODE:message:fields --`).
 */
import { createRecord, decodeCsvRow, updatableRecord, updateRecord, upsertRecord, type SaveContext, type SaveOutcome } from '../org/api-writes.js';
import { LOCKED, type SaveError } from '../org/save-errors.js';
import type { FieldDef } from '../schema/field.js';
import type { EmulatorState } from '../state.js';
import { readCsv } from './csv-format.js';
import type { IngestJob } from './jobs.js';

function errorText(errors: readonly SaveError[]): string {
  return errors.map((e) => `${e.statusCode}:${e.message}:${e.fields.join(',')} --`).join(' ');
}

function resolveHeader(state: EmulatorState, job: IngestJob, header: readonly string[]): (FieldDef | 'Id')[] | string {
  const resolved: (FieldDef | 'Id')[] = [];
  for (const name of header) {
    if (name.toLowerCase() === 'id') {
      resolved.push('Id');
      continue;
    }
    const field = state.org.schema.field(job.object, name, 'integration-user');
    if (field === undefined) return `InvalidBatch : Field name not found : ${name}`;
    resolved.push(field);
  }
  if ((job.operation === 'update' || job.operation === 'delete' || job.operation === 'hardDelete') && !resolved.includes('Id')) return 'InvalidBatch : Field name not found : Id';
  return resolved;
}

function saveRow(state: EmulatorState, job: IngestJob, header: (FieldDef | 'Id')[], cells: string[], context: SaveContext, index: number): SaveOutcome {
  const decoded = decodeCsvRow(header, cells);
  if ('statusCode' in decoded) return { id: null, success: false, errors: [decoded] };
  switch (job.operation) {
    case 'insert':
      return { ...createRecord(state.org, job.object, decoded, context, `${job.object}#${index}`), created: true };
    case 'update':
      return { ...updateRecord(state.org, job.object, decoded, context), created: false };
    case 'upsert': {
      const key = job.externalIdFieldName ?? 'Id';
      const keyField = key.toLowerCase() === 'id' ? 'Id' : state.org.schema.field(job.object, key, 'integration-user');
      if (keyField === undefined) return { id: null, success: false, errors: [{ statusCode: 'INVALID_FIELD', message: `No such column '${key}' on sobject of type ${job.object}`, fields: [key] }] };
      return upsertRecord(state.org, job.object, keyField, decoded, context);
    }
    case 'delete':
    case 'hardDelete': {
      const target = updatableRecord(state.org, job.object, decoded.id);
      if ('success' in target) return target;
      if (context.isLocked(target.id)) return { id: target.id, success: false, errors: [LOCKED()] };
      state.org.delete(job.object, target.id, 'bulk');
      return { id: target.id, success: true, errors: [], created: false };
    }
  }
}

/** An aborted job never ran: everything it was given is unprocessed. */
export function markUnprocessed(job: IngestJob): void {
  try {
    const [header, ...rows] = readCsv(job, job.uploads.join(''));
    job.header = header ?? [];
    job.unprocessed = rows;
  } catch {
    job.unprocessed = [];
  }
}

/** Runs the job's rows; fills its result tables, or its errorMessage when the data cannot be processed at all. */
export function processIngest(state: EmulatorState, job: IngestJob, isLocked: (key: string) => boolean): void {
  const data = job.uploads.join('');
  let table: string[][];
  try {
    table = readCsv(job, data);
  } catch (error) {
    job.errorMessage = `InvalidBatch : Failed to parse CSV: ${(error as Error).message}`;
    return;
  }
  const [header, ...rows] = table;
  if (header === undefined) {
    job.errorMessage = 'InvalidBatch : No data found in the job';
    return;
  }
  job.header = header;
  const resolved = resolveHeader(state, job, header);
  if (typeof resolved === 'string') {
    job.errorMessage = resolved;
    job.unprocessed = rows;
    return;
  }
  const context: SaveContext = { via: 'bulk', isLocked };
  rows.forEach((cells, index) => {
    const outcome = saveRow(state, job, resolved, cells, context, index);
    if (outcome.success) job.successful.push([outcome.id ?? '', String(outcome.created ?? false), ...cells]);
    else job.failed.push([outcome.id ?? '', errorText(outcome.errors), ...cells]);
  });
}
