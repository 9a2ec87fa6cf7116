/**
 * Output text for a target that can only hold some characters (a file connector set to `encoding: latin1`): the
 * engine folds what it plans to write before diffing, so the value planned is exactly the value stored, a re-run
 * sees no difference, and nothing is written as "?" by surprise. Reasons use "−", "…" and "→"; Latin-1 has none.
 */
import iconv from 'iconv-lite';
import type { TaskDraft } from '../model/tasks.js';

/** The usual typographic characters of reasons and task text, and their plain equivalents. */
const PLAIN: Readonly<Record<string, string>> = {
  '−': '-',
  '–': '-',
  '—': '-',
  '─': '-',
  '•': '-',
  '·': '-',
  '…': '...',
  '→': '->',
  '←': '<-',
  '≥': '>=',
  '≤': '<=',
  '≈': '~',
  '×': 'x',
  '÷': '/',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '\u00A0': ' ',
};

function fits(text: string, encoding: string): boolean {
  return iconv.decode(iconv.encode(text, encoding, { addBOM: false }), encoding, { stripBOM: false }) === text;
}

/** Unicode encodings hold every character: nothing to fold. */
function holdsEverything(encoding: string): boolean {
  return /^(utf|ucs|cesu)/.test(encoding.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * `text` with every character the encoding cannot hold replaced: by its plain equivalent, by its base letter
 * (ő → o), or by "?" as a last resort. Text that fits is returned unchanged.
 */
export function foldToEncoding(text: string, encoding: string | undefined): string {
  if (encoding === undefined || holdsEverything(encoding) || fits(text, encoding)) return text;
  let out = '';
  for (const char of text) {
    if (fits(char, encoding)) {
      out += char;
      continue;
    }
    const plain = PLAIN[char];
    if (plain !== undefined && fits(plain, encoding)) {
      out += plain;
      continue;
    }
    const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
    out += base !== '' && fits(base, encoding) ? base : '?';
  }
  return out;
}

/** Folds every value of an output record (null stays null). */
export function foldValues<T extends Record<string, string | null>>(values: T, encoding: string | undefined): T {
  if (encoding === undefined || holdsEverything(encoding)) return values;
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(values)) out[key] = value === null ? null : foldToEncoding(value, encoding);
  return out as T;
}

/** A task's text (subject, body) folded the same way. */
export function foldTask(task: TaskDraft, encoding: string | undefined): TaskDraft {
  if (encoding === undefined || holdsEverything(encoding)) return task;
  return { ...task, subject: foldToEncoding(task.subject, encoding), body: foldToEncoding(task.body, encoding) };
}
