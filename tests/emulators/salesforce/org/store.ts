/**
 * The org's records: one map per object, lookup indexes on unique and external-id fields, an undo log for
 * all-or-none requests, and a log of every write that came through the API (so tests can prove "written once").
 */

export type SfRecord = Record<string, unknown>;

export type WriteVia = 'rest' | 'bulk' | 'org';

export interface WriteLogEntry {
  seq: number;
  at: string;
  object: string;
  id: string;
  op: 'create' | 'update' | 'delete';
  /** The fields the request set (API name → value as stored). */
  fields: SfRecord;
  via: WriteVia;
}

interface UndoEntry {
  object: string;
  id: string;
  previous: SfRecord | undefined;
}

export interface IndexSpec {
  field: string;
  caseSensitive: boolean;
}

export class RecordStore {
  private readonly tables = new Map<string, Map<string, SfRecord>>();
  private readonly indexes = new Map<string, { spec: IndexSpec; values: Map<string, Set<string>> }>();
  private undo: UndoEntry[] | null = null;
  readonly writeLog: WriteLogEntry[] = [];

  table(object: string): Map<string, SfRecord> {
    let table = this.tables.get(object);
    if (table === undefined) {
      table = new Map();
      this.tables.set(object, table);
    }
    return table;
  }

  get(object: string, id: string): SfRecord | undefined {
    return this.tables.get(object)?.get(id);
  }

  put(object: string, id: string, record: SfRecord): void {
    const table = this.table(object);
    const previous = table.get(id);
    this.undo?.push({ object, id, previous: previous === undefined ? undefined : { ...previous } });
    for (const [key, index] of this.indexes) {
      if (!key.startsWith(`${object}.`)) continue;
      if (previous !== undefined) indexRemove(index.values, index.spec, previous, id);
      indexAdd(index.values, index.spec, record, id);
    }
    table.set(id, record);
  }

  /** Ids of live (not deleted) records whose `field` equals `value` (case-insensitively unless the field is case-sensitive). */
  lookup(object: string, spec: IndexSpec, value: unknown): string[] {
    const key = `${object}.${spec.field}`;
    let index = this.indexes.get(key);
    if (index === undefined || index.spec.caseSensitive !== spec.caseSensitive) {
      index = { spec, values: new Map() };
      for (const [id, record] of this.table(object)) indexAdd(index.values, spec, record, id);
      this.indexes.set(key, index);
    }
    return [...(index.values.get(indexKey(spec, value)) ?? [])];
  }

  log(entry: Omit<WriteLogEntry, 'seq'>): void {
    this.writeLog.push({ seq: this.writeLog.length + 1, ...entry });
  }

  /** Runs `work`; when it returns false every record change and log entry it made is undone. */
  transaction(work: () => boolean): boolean {
    const outer = this.undo;
    const logLength = this.writeLog.length;
    this.undo = [];
    let keep = false;
    try {
      keep = work();
    } finally {
      const undo = this.undo;
      this.undo = outer;
      if (!keep) {
        for (const entry of undo.reverse()) this.restore(entry);
        this.writeLog.length = logLength;
      } else {
        outer?.push(...undo);
      }
    }
    return keep;
  }

  objects(): string[] {
    return [...this.tables.keys()];
  }

  clearIndexes(): void {
    this.indexes.clear();
  }

  private restore(entry: UndoEntry): void {
    const table = this.table(entry.object);
    const current = table.get(entry.id);
    for (const [key, index] of this.indexes) {
      if (!key.startsWith(`${entry.object}.`)) continue;
      if (current !== undefined) indexRemove(index.values, index.spec, current, entry.id);
      if (entry.previous !== undefined) indexAdd(index.values, index.spec, entry.previous, entry.id);
    }
    if (entry.previous === undefined) table.delete(entry.id);
    else table.set(entry.id, entry.previous);
  }
}

function indexKey(spec: IndexSpec, value: unknown): string {
  const text = String(value);
  return spec.caseSensitive ? text : text.toLowerCase();
}

function indexAdd(values: Map<string, Set<string>>, spec: IndexSpec, record: SfRecord, id: string): void {
  const value = record[spec.field];
  if (value === null || value === undefined || value === '' || record['IsDeleted'] === true) return;
  const key = indexKey(spec, value);
  const ids = values.get(key) ?? new Set<string>();
  ids.add(id);
  values.set(key, ids);
}

function indexRemove(values: Map<string, Set<string>>, spec: IndexSpec, record: SfRecord, id: string): void {
  const value = record[spec.field];
  if (value === null || value === undefined || value === '') return;
  values.get(indexKey(spec, value))?.delete(id);
}
