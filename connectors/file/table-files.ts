/**
 * Finds, reads and writes the object files in the data folder, and counts each read and write as one "call" so
 * usage() and the run record show the file connector's I/O like a CRM's API calls.
 */
import { access, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically, type FileOps } from './atomic-write.js';
import { CsvTable, parseCsvHeader } from './csv-table.js';
import type { DataFile, DataTable } from './data-table.js';
import { describeError, FileConnectorError } from './errors.js';
import { JsonTable } from './json-table.js';
import { DATA_DIR_FIX } from './settings.js';
import { decodeFile, encodeText, isAsciiCompatible } from './text-encoding.js';

/** What the header check needs of a file: its columns, and whether it holds any records (JSON: known only when read whole). */
export interface FileColumns {
  file: DataFile;
  columns: string[];
  /** True for a file with no header at all (zero bytes, or only blank lines). */
  blank: boolean;
}

/** How much of a CSV file the header check reads first; a header longer than this is read whole. */
const HEAD_BYTES = 64 * 1024;

export class TableFiles {
  private calls = 0;

  constructor(
    readonly dataDir: string,
    private readonly ops: FileOps,
    /** Every file is read and written in this encoding (connectors.file.encoding). */
    readonly encoding: string,
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
    let bytes: Buffer;
    try {
      bytes = await readFile(file.path);
    } catch (error) {
      throw new FileConnectorError(`Cannot read ${file.path}: ${describeError(error)}. Fix: check the file's permissions.`, 'config', 'UNREADABLE');
    }
    const text = decodeFile(file, bytes, this.encoding);
    return file.format === 'csv' ? CsvTable.parse(file, text) : JsonTable.parse(file, text);
  }

  /**
   * The file's columns without reading all of it: a CSV's header comes from its first 64 KiB (the checks run at the
   * start of every run, and a data file can be hundreds of megabytes); a JSON file is read whole (its keys are the union
   * over its objects). Counted as one call, like a read.
   */
  async readColumns(object: string): Promise<FileColumns | null> {
    const file = await this.locate(object);
    if (file === null) return null;
    if (file.format === 'json') {
      const table = await this.read(object);
      return table === null ? null : { file, columns: table.columns(), blank: false };
    }
    this.calls++;
    let head: Buffer;
    let whole: boolean;
    try {
      ({ head, whole } = await readHead(file.path, HEAD_BYTES));
    } catch (error) {
      throw new FileConnectorError(`Cannot read ${file.path}: ${describeError(error)}. Fix: check the file's permissions.`, 'config', 'UNREADABLE');
    }
    // Only the header's own lines are decoded: a bad byte further down is the pull's to report, with its line.
    if (isAsciiCompatible(this.encoding)) {
      for (let end = head.indexOf(0x0a); end >= 0; end = head.indexOf(0x0a, end + 1)) {
        // Blank lines before the header parse as nothing: read on to the header itself.
        const header = parseCsvHeader(file, decodeFile(file, head.subarray(0, end + 1), this.encoding));
        if (header !== null && header.length > 0) return { file, columns: header, blank: false };
      }
    }
    if (whole) {
      const text = decodeFile(file, head, this.encoding);
      const header = parseCsvHeader(file, text);
      // The whole file ends inside the header's quotes: parsing it all reports where the quote opened.
      return { file, columns: header ?? CsvTable.parse(file, text).columns(), blank: header !== null && header.length === 0 };
    }
    // A header longer than 64 KiB, or an encoding whose line breaks are not single bytes: read the whole file.
    const table = await this.read(object);
    return table === null ? null : { file, columns: table.columns(), blank: table.columns().length === 0 };
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
      await writeFileAtomically(table.file.path, encodeText(table.serialize(), this.encoding), this.ops);
    } catch (error) {
      throw new FileConnectorError(`Could not write ${table.file.path}: ${describeError(error)}. The file was left unchanged; the write will be retried.`, 'retryable', 'WRITE_FAILED');
    }
  }
}

async function readHead(filePath: string, bytes: number): Promise<{ head: Buffer; whole: boolean }> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(bytes + 1);
    const { bytesRead } = await handle.read(buffer, 0, bytes + 1, 0);
    return { head: buffer.subarray(0, Math.min(bytesRead, bytes)), whole: bytesRead <= bytes };
  } finally {
    await handle.close();
  }
}
