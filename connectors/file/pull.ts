/**
 * Pull one object from its file. Pages go out in ascending modifiedAt (ties by id) because the engine saves each
 * page's watermark as soon as the page is stored: in file order, a late row with an early stamp could sit behind a
 * saved watermark and be skipped forever if the run died in between.
 */
import type { ObjectMapping } from '../../src/config/mapping-types.js';
import type { PullPage, RecordReject } from '../../src/connector/connector.js';
import { mapRecord, UNKNOWN_MODIFIED_AT } from '../../src/mapping/map-record.js';
import type { ObjectKind, RecordByKind } from '../../src/model/records.js';
import { locationOf, type DataTable } from './data-table.js';
import { CONNECTOR_NAME, FileConnectorError } from './errors.js';

export const PULL_PAGE_SIZE = 1_000;

interface Mapped<K extends ObjectKind> {
  record: RecordByKind[K];
  location: string;
  position: string;
}

export interface MappedTable<K extends ObjectKind> {
  records: Mapped<K>[];
  rejects: RecordReject[];
}

/** Maps every row; keeps the last row of a duplicated id and reports the earlier one, naming both rows. */
export function mapTable<K extends ObjectKind>(kind: K, table: DataTable, mapping: ObjectMapping): MappedTable<K> {
  const byId = new Map<string, Mapped<K>>();
  const rejects: RecordReject[] = [];
  for (const row of table.rows) {
    const location = locationOf(table, row);
    if (row.problem !== null) {
      rejects.push({ location, reason: `${location}: ${row.problem}. Fix: make this row match the header (quote values that contain commas).` });
      continue;
    }
    const result = mapRecord(kind, row.values(), mapping, CONNECTOR_NAME);
    if (!result.ok) {
      rejects.push({ location, field: result.field, reason: result.reason });
      continue;
    }
    for (const f of result.fieldRejects ?? []) rejects.push({ location, field: f.field, reason: f.reason });
    const earlier = byId.get(result.record.id);
    if (earlier !== undefined) {
      rejects.push({
        location: earlier.location,
        field: mapping.id.field,
        reason: `duplicate id "${result.record.id}": ${earlier.position} and ${row.position} of ${table.file.name} have the same id; ${row.position} (the later one) is kept. Fix: remove or re-number one of them.`,
      });
    }
    byId.set(result.record.id, { record: result.record, location, position: row.position });
  }
  return { records: [...byId.values()], rejects };
}

function compareByStampThenId<K extends ObjectKind>(a: Mapped<K>, b: Mapped<K>): number {
  const x = a.record.modifiedAt;
  const y = b.record.modifiedAt;
  if (x !== y) return x < y ? -1 : 1;
  return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
}

function normaliseSince(since: string | null): string | null {
  if (since === null) return null;
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) throw new FileConnectorError(`Pull was asked for records since "${since}", which is not a date.`, 'config', 'BAD_SINCE');
  return new Date(ms).toISOString();
}

/** Records without a stamp carry UNKNOWN_MODIFIED_AT and cannot be filtered, so every pull includes them. */
function isWanted(modifiedAt: string, since: string | null): boolean {
  return since === null || modifiedAt === UNKNOWN_MODIFIED_AT || modifiedAt >= since;
}

export function* pagesOf<K extends ObjectKind>(mapped: MappedTable<K>, sinceInput: string | null, pageSize = PULL_PAGE_SIZE): Generator<PullPage<K>> {
  const since = normaliseSince(sinceInput);
  const wanted = mapped.records.filter((m) => isWanted(m.record.modifiedAt, since)).sort(compareByStampThenId);
  let rejects = mapped.rejects;
  for (let start = 0; start < wanted.length; start += pageSize) {
    const records = wanted.slice(start, start + pageSize).map((m) => m.record);
    yield { records, rejects, watermark: records.at(-1)?.modifiedAt ?? null };
    rejects = [];
  }
  if (rejects.length > 0) yield { records: [], rejects, watermark: null };
}
