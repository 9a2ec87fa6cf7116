/**
 * Finds, reads and writes the object files in the data folder, and counts each read and write as one "call" so
 * usage() and the run record show the file connector's I/O like a CRM's API calls.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically, type FileOps } from './atomic-write.js';
import { CsvTable } from './csv-table.js';
import type { DataFile, DataTable } from './data-table.js';
import { describeError, FileConnectorError } from './errors.js';
import { JsonTable } from './json-table.js';
import { DATA_DIR_FIX } from './settings.js';

export class TableFiles {
  private calls = 0;

  constructor(
    readonly dataDir: string,
    private readonly ops: FileOps,
  ) {}

  get callCount(): number {
    return this.calls;
  }

  /** `accounts` → accounts.csv, else accounts.json; CSV wins when both exist. Null when neither does. */
  async locate(object: string): Promise<DataFile | null> {
    for (const format of ['csv', 'json'] as const) {
      const name = `${object}.${format}`;
      const filePath = path.join(this.dataDir, name);
      const exists = await access(filePath).then(
        () => true,
        () => false,
      );
      if (exists) return { path: filePath, name, format };
    }
    return null;
  }

  /** The CSV a new file for `object` would be created as. */
  newCsvFile(object: string): DataFile {
    const name = `${object}.csv`;
    return { path: path.join(this.dataDir, name), name, format: 'csv' };
  }

  /** Reads the object's file; null when it does not exist (callers decide whether that is an error). */
  async read(object: string): Promise<DataTable | null> {
    const file = await this.locate(object);
    if (file === null) return null;
    this.calls++;
    let text: string;
    try {
      text = await readFile(file.path, 'utf8');
    } catch (error) {
      throw new FileConnectorError(`Cannot read ${file.path}: ${describeError(error)}. Fix: check the file's permissions.`, 'config', 'UNREADABLE');
    }
    return file.format === 'csv' ? CsvTable.parse(file, text) : JsonTable.parse(file, text);
  }

  /** Like read, for the one object whose file must exist (accounts). */
  async readRequired(object: string): Promise<DataTable> {
    const table = await this.read(object);
    if (table !== null) return table;
    const base = path.join(this.dataDir, object);
    throw new FileConnectorError(`No ${object} file: looked for ${base}.csv and ${base}.json. ${DATA_DIR_FIX}`, 'config', 'FILE_NOT_FOUND');
  }

  async write(table: DataTable): Promise<void> {
    this.calls++;
    try {
      await writeFileAtomically(table.file.path, table.serialize(), this.ops);
    } catch (error) {
      throw new FileConnectorError(`Could not write ${table.file.path}: ${describeError(error)}. The file was left unchanged; the write will be retried.`, 'retryable', 'WRITE_FAILED');
    }
  }
}
