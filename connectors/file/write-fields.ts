/**
 * Write output values into the object's file: every change of the batch is applied in memory, then the whole file is
 * replaced atomically once. Cells we do not write, and the column order, stay as they were.
 */
import type { ObjectMapping } from '../../src/config/mapping-types.js';
import { applyFieldSource } from '../../src/mapping/transforms.js';
import type { FieldUpdate, WriteOutcome } from '../../src/model/sync.js';
import type { DataRow, DataTable } from './data-table.js';
import type { TableFiles } from './table-files.js';
import { unencodableChar } from './text-encoding.js';

/** Rows by record id, read the same way pull reads ids (so "42" in a JSON number and a CSV cell match). */
export function rowsById(table: DataTable, mapping: ObjectMapping): Map<string, DataRow[]> {
  const index = new Map<string, DataRow[]>();
  for (const row of table.rows) {
    if (row.problem !== null) continue;
    const id = applyFieldSource({ ...mapping.id, transform: mapping.id.transform ?? 'string' }, row.values()[mapping.id.field]);
    if (!id.ok || id.value === null || typeof id.value === 'object') continue;
    const key = String(id.value);
    index.set(key, [...(index.get(key) ?? []), row]);
  }
  return index;
}

function notFound(recordId: string, where: string): WriteOutcome {
  return { recordId, ok: false, error: { class: 'record', code: 'NOT_FOUND', message: `no record with id "${recordId}" in ${where}` } };
}

/** A value the file's encoding cannot hold is refused for its record: written, it would silently become "?". */
function unencodable(update: FieldUpdate, files: TableFiles): WriteOutcome | null {
  for (const change of update.changes) {
    const char = change.newValue === null ? null : unencodableChar(change.newValue, files.encoding);
    if (char === null) continue;
    return {
      recordId: update.recordId,
      ok: false,
      error: {
        class: 'config',
        code: 'NOT_ENCODABLE',
        field: change.crmField,
        message: `the value for ${change.crmField} contains "${char}", which ${files.encoding} (connectors.file.encoding) cannot hold; fix: save the file as UTF-8 and remove the encoding setting`,
      },
    };
  }
  return null;
}

export async function writeFieldUpdates(files: TableFiles, mapping: ObjectMapping, updates: FieldUpdate[]): Promise<WriteOutcome[]> {
  if (updates.length === 0) return [];
  const table = await files.read(mapping.object);
  if (table === null) return updates.map((u) => notFound(u.recordId, `${mapping.object} (no ${mapping.object}.csv or ${mapping.object}.json in ${files.dataDir})`));
  const index = rowsById(table, mapping);
  const outcomes: WriteOutcome[] = [];
  let changed = false;
  for (const update of updates) {
    const rows = index.get(update.recordId);
    if (rows === undefined) {
      outcomes.push(notFound(update.recordId, table.file.name));
      continue;
    }
    const refused = unencodable(update, files);
    if (refused) {
      outcomes.push(refused);
      continue;
    }
    for (const row of rows) for (const change of update.changes) row.set(change.crmField, change.newValue);
    changed ||= update.changes.length > 0;
    outcomes.push({ recordId: update.recordId, ok: true });
  }
  if (changed) await files.write(table);
  return outcomes;
}
