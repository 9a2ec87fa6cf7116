/** Read an intent CSV from disk; an unreadable file is an IntentFileError that says what went wrong and what to do. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { IntentFileError } from './intent-errors.js';
import { type IntentParseOptions, type IntentParseResult, parseIntentCsv } from './parse-intent-csv.js';

const READ_ADVICE: Record<string, string> = {
  ENOENT: 'the file does not exist; check the path',
  EISDIR: 'this is a folder; pass the CSV file inside it',
  EACCES: 'permission denied; make the file readable by this user',
  EPERM: 'permission denied; make the file readable by this user',
};

export async function readIntentFile(path: string, options: IntentParseOptions): Promise<IntentParseResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const advice = READ_ADVICE[code] ?? (error instanceof Error ? error.message : String(error));
    throw new IntentFileError(`cannot read intent file ${path}: ${advice}`);
  }
  return parseIntentCsv(text, basename(path), options);
}
