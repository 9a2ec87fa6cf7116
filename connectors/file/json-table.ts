/** JSON files as tables: an array of flat objects. Key order is kept; new columns become new keys at the end. */
import type { DataFile, DataRow, DataTable } from './data-table.js';
import { FileConnectorError } from './errors.js';
import { jsonErrorOffset, lineOfOffset } from './json-position.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class JsonRow implements DataRow {
  constructor(
    private readonly table: JsonTable,
    readonly item: number,
    readonly value: unknown,
  ) {}

  get position(): string {
    return `item ${this.item}`;
  }

  get problem(): string | null {
    return isObject(this.value) ? null : `expected an object ({ "column": value, … }), found ${Array.isArray(this.value) ? 'a list' : JSON.stringify(this.value)}`;
  }

  values(): Record<string, unknown> {
    return isObject(this.value) ? { ...this.value } : {};
  }

  set(column: string, value: string | null): void {
    this.table.addColumn(column);
    if (isObject(this.value)) this.value[column] = value;
  }
}

export class JsonTable implements DataTable {
  readonly rows: JsonRow[] = [];
  private readonly header: string[] = [];

  constructor(readonly file: DataFile) {}

  static parse(file: DataFile, text: string): JsonTable {
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    let items: unknown;
    try {
      items = JSON.parse(body);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const offset = jsonErrorOffset(body);
      const where = offset >= 0 ? ` line ${lineOfOffset(body, offset)}` : '';
      throw new FileConnectorError(
        `${file.name}${where}: not valid JSON: ${detail}. Fix: the file must be a JSON array of objects, e.g. [{"id": "1", "name": "Acme"}].`,
        'config',
        'JSON_PARSE',
      );
    }
    if (!Array.isArray(items)) {
      throw new FileConnectorError(`${file.name} must hold a JSON array of objects, found ${typeof items}. Fix: wrap the records in [ … ].`, 'config', 'JSON_SHAPE');
    }
    const table = new JsonTable(file);
    items.forEach((item: unknown, index) => {
      table.rows.push(new JsonRow(table, index + 1, item));
      if (isObject(item)) for (const key of Object.keys(item)) if (!table.header.includes(key)) table.header.push(key);
    });
    return table;
  }

  columns(): string[] {
    return [...this.header];
  }

  addColumn(name: string): void {
    if (this.header.includes(name)) return;
    this.header.push(name);
    for (const row of this.rows) if (isObject(row.value) && !(name in row.value)) row.value[name] = null;
  }

  appendRow(values: Record<string, string>): void {
    for (const column of Object.keys(values)) this.addColumn(column);
    const item: JsonObject = {};
    for (const column of this.header) item[column] = values[column] ?? null;
    this.rows.push(new JsonRow(this, this.rows.length + 1, item));
  }

  serialize(): string {
    return `${JSON.stringify(
      this.rows.map((row) => row.value),
      null,
      2,
    )}\n`;
  }
}
