/**
 * Bytes ⇄ text for the data files. A file is only ever rewritten when its bytes were decoded losslessly: invalid UTF-8
 * (a Latin-1 export read as UTF-8) or a byte the configured encoding does not define is refused with the file, the
 * line and the fix, instead of being read as "�" and written back damaged for good.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { DataFile } from './data-table.js';
import { FileConnectorError } from './errors.js';

export const DEFAULT_ENCODING = 'utf8';

/** `utf-8`, `UTF8` … all mean Node's own (strictly checked) UTF-8 path. */
export function isUtf8Name(encoding: string): boolean {
  return encoding.toLowerCase().replace(/[^a-z0-9]/g, '') === 'utf8';
}

/** The encoding from the connector settings, checked against what iconv-lite knows. */
export function resolveEncoding(settings: Record<string, unknown>): string {
  const value = settings.encoding;
  if (value === undefined || value === null) return DEFAULT_ENCODING;
  if (typeof value !== 'string' || !iconv.encodingExists(value)) {
    throw new FileConnectorError(
      `connectors.file.encoding: ${JSON.stringify(value)} is not an encoding ScoreSync can read. Fix: use utf8 (the default), latin1, windows-1252, utf16le or another name iconv-lite knows.`,
      'config',
      'BAD_ENCODING',
    );
  }
  return isUtf8Name(value) ? DEFAULT_ENCODING : value;
}

export function decodeFile(file: DataFile, bytes: Buffer, encoding: string): string {
  if (isUtf8Name(encoding)) {
    if (!isUtf8(bytes)) throw notUtf8(file, bytes, firstInvalidUtf8(bytes));
    return bytes.toString('utf8');
  }
  // The BOM stays in the text (the CSV table keeps and restores it) so the round trip below compares like with like.
  const text = iconv.decode(bytes, encoding, { stripBOM: false });
  const back = iconv.encode(text, encoding, { addBOM: false });
  if (!back.equals(bytes)) {
    const at = firstDifference(bytes, back);
    throw new FileConnectorError(
      `${file.name} line ${lineAt(bytes, at, encoding)}: byte 0x${hex(bytes[at])} has no character in ${encoding}, so the file could not be written back unchanged. ` +
        `Fix: set connectors.file.encoding to the encoding the file was saved in, or save it as UTF-8 and remove the setting.`,
      'config',
      'NOT_LOSSLESS',
    );
  }
  return text;
}

/** Whether "\n" is the single byte 0x0A and never part of another character (UTF-8 and the one-byte encodings). */
export function isAsciiCompatible(encoding: string): boolean {
  if (isUtf8Name(encoding)) return true;
  const probe = 'a,\n';
  return iconv.encode(probe, encoding, { addBOM: false }).equals(Buffer.from(probe, 'ascii'));
}

export function encodeText(text: string, encoding: string): Buffer {
  return isUtf8Name(encoding) ? Buffer.from(text, 'utf8') : iconv.encode(text, encoding, { addBOM: false });
}

/** The first character of `text` the encoding cannot hold (it would be written as "?"), or null. */
export function unencodableChar(text: string, encoding: string): string | null {
  if (isUtf8Name(encoding)) return null;
  if (iconv.decode(iconv.encode(text, encoding, { addBOM: false }), encoding, { stripBOM: false }) === text) return null;
  for (const char of text) {
    if (iconv.decode(iconv.encode(char, encoding, { addBOM: false }), encoding, { stripBOM: false }) !== char) return char;
  }
  return null;
}

function notUtf8(file: DataFile, bytes: Buffer, at: number): FileConnectorError {
  const looksLatin = bytes[at] !== undefined && bytes[at] >= 0xa0;
  return new FileConnectorError(
    `${file.name} line ${lineAt(bytes, at, DEFAULT_ENCODING)}: byte 0x${hex(bytes[at])} is not valid UTF-8` +
      `${looksLatin ? ' (the file looks like Latin-1 / Windows-1252, as older Excel versions save CSV)' : ''}. ` +
      `Nothing was read from it, so nothing in it is changed. Fix: save the file as UTF-8 (Excel: "CSV UTF-8"), ` +
      `or set connectors.file.encoding: latin1 (or windows-1252, the file's real encoding) in config/scoresync.yaml.`,
    'config',
    'NOT_UTF8',
  );
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const size = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (size === 0) return i;
    if (size > 1 && !isUtf8(bytes.subarray(i, i + size))) return i;
    i += size;
  }
  return bytes.length;
}

function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/** 1-based physical line of a byte offset (CRLF and LF both end a line; a lone CR does too). */
function lineAt(bytes: Buffer, offset: number, encoding: string): number {
  const before = isUtf8Name(encoding) ? bytes.subarray(0, offset).toString('latin1') : iconv.decode(bytes.subarray(0, offset), encoding, { stripBOM: false });
  return before.split(/\r\n|\r|\n/).length;
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).toUpperCase().padStart(2, '0');
}
