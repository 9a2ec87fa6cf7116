/**
 * Files are never rewritten unless they were decoded losslessly: invalid UTF-8 is refused with the file, line and fix;
 * a configured encoding (latin1, windows-1252 …) is read and written back byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { createFileConnector } from '../../connectors/file/index.js';
import { ConnectorError } from '../../src/connector/connector.js';
import { silentLogger } from '../../src/log/logger.js';
import type { FieldUpdate } from '../../src/model/sync.js';
import { loadFileMapping } from './file-mapping.js';
import { dataFolder, FIXED_NOW, pullAll, type DataFolder } from './helpers.js';

let folder: DataFolder;
beforeEach(() => {
  folder = dataFolder();
});
afterEach(() => folder.remove());

const CONTACTS = ['id,account_id,first_name,last_name,title,modified_at,persona', 'C1,A1,Ada,Lovelace,CTO,2025-01-01,', 'C2,A1,Jürgen,Müller,VP Sales,2025-01-02,', ''].join('\n');

function connectorWith(settings: Record<string, unknown>) {
  return createFileConnector({ mapping: loadFileMapping(), settings: { dataDir: folder.dir, ...settings }, logger: silentLogger() }, { now: () => FIXED_NOW });
}

function writeBytes(name: string, bytes: Buffer): void {
  writeFileSync(path.join(folder.dir, name), bytes);
}

const bytesOf = (name: string): Buffer => readFileSync(path.join(folder.dir, name));

function personaUpdate(recordId: string, value: string): FieldUpdate {
  return { kind: 'contact', recordId, priority: 1, changes: [{ output: 'personaName', crmField: 'persona', oldValue: null, newValue: value }] };
}

describe('file connector encodings', () => {
  it('refuses a Latin-1 file read as UTF-8, naming the file, the line and both fixes, and leaves it untouched', async () => {
    const latin1 = iconv.encode(CONTACTS, 'latin1');
    writeBytes('contacts.csv', latin1);
    const error = await pullAll(connectorWith({}), 'contact').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError & { info: { class: string } }).info.class).toBe('config');
    const message = (error as Error).message;
    expect(message).toMatch(/^contacts\.csv line 3: byte 0xFC is not valid UTF-8/);
    expect(message).toContain('save the file as UTF-8');
    expect(message).toContain('connectors.file.encoding: latin1');
    expect(bytesOf('contacts.csv').equals(latin1)).toBe(true);
  });

  it('refuses invalid UTF-8 before writing, so a write never replaces the file with damaged text', async () => {
    const latin1 = iconv.encode(CONTACTS, 'latin1');
    writeBytes('contacts.csv', latin1);
    await expect(connectorWith({}).writeFields('contact', [personaUpdate('C1', 'Champion')])).rejects.toThrow(/contacts\.csv line 3: byte 0xFC is not valid UTF-8/);
    expect(bytesOf('contacts.csv').equals(latin1)).toBe(true);
  });

  it('reads a configured latin1 file losslessly', async () => {
    writeBytes('contacts.csv', iconv.encode(CONTACTS, 'latin1'));
    const [page] = await pullAll(connectorWith({ encoding: 'latin1' }), 'contact');
    expect(page?.records.find((r) => r.id === 'C2')).toMatchObject({ firstName: 'Jürgen', lastName: 'Müller' });
  });

  it('writes a latin1 value back byte for byte: only the written cell changes', async () => {
    const latin1 = iconv.encode(CONTACTS, 'latin1');
    writeBytes('contacts.csv', latin1);
    const connector = connectorWith({ encoding: 'latin1' });
    expect(await connector.writeFields('contact', [personaUpdate('C2', 'Entscheider Ä')])).toEqual([{ recordId: 'C2', ok: true }]);
    expect(bytesOf('contacts.csv').equals(iconv.encode(CONTACTS.replace('2025-01-02,', '2025-01-02,Entscheider Ä'), 'latin1'))).toBe(true);
  });

  it('answers a value the encoding cannot hold as a config error for that record, never as "?"', async () => {
    writeBytes('contacts.csv', iconv.encode(CONTACTS, 'latin1'));
    const outcomes = await connectorWith({ encoding: 'latin1' }).writeFields('contact', [personaUpdate('C2', 'Champion → VP'), personaUpdate('C1', 'Champion')]);
    expect(outcomes).toEqual([
      { recordId: 'C2', ok: false, error: { class: 'config', code: 'NOT_ENCODABLE', field: 'persona', message: expect.stringContaining('"→"') as unknown } },
      { recordId: 'C1', ok: true },
    ]);
    expect(bytesOf('contacts.csv').toString('latin1')).toContain('C1,A1,Ada,Lovelace,CTO,2025-01-01,Champion');
    expect(bytesOf('contacts.csv').toString('latin1')).not.toContain('?');
  });

  it('refuses a windows-1252 file holding a byte that encoding does not define (it could not be written back unchanged)', async () => {
    writeBytes('contacts.csv', Buffer.concat([iconv.encode(CONTACTS, 'windows-1252'), Buffer.from('C3,A1,Bad,\x81Byte,CTO,2025-01-03,\n', 'latin1')]));
    const error = await pullAll(connectorWith({ encoding: 'windows-1252' }), 'contact').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^contacts\.csv line 4: byte 0x81 has no character in windows-1252/);
  });

  it('keeps a UTF-16 file with its byte order mark', async () => {
    const utf16 = iconv.encode('\uFEFF' + CONTACTS, 'utf16le');
    writeBytes('contacts.csv', utf16);
    const connector = connectorWith({ encoding: 'utf16le' });
    const [page] = await pullAll(connector, 'contact');
    expect(page?.records.map((r) => r.lastName)).toEqual(['Lovelace', 'Müller']);
    await connector.writeFields('contact', [personaUpdate('C1', 'Champion')]);
    expect(bytesOf('contacts.csv').equals(iconv.encode('\uFEFF' + CONTACTS.replace('2025-01-01,', '2025-01-01,Champion'), 'utf16le'))).toBe(true);
  });

  it('rejects an encoding iconv does not know when the connector is created', () => {
    expect(() => connectorWith({ encoding: 'klingon-8' })).toThrow(/connectors\.file\.encoding: "klingon-8" is not an encoding/);
  });
});
