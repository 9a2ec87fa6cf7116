/**
 * Where a CSV's quoting goes wrong, as a person would look for it: csv-parse names the end of the file for a quote
 * that never closes, and a later line for a value a stray quote ends early; these find the line the value opened on.
 * Shared by the file connector and the intent import (both read CSV exports people edit by hand).
 */

/**
 * Follows quoting the way csv-parse reads it: a quote opens a value only at the start of a field (leading blanks
 * allowed, as `trim` reads them); inside one, "" is a literal quote and a lone " closes it. `closed` hears of every
 * quoted value that closes (the lines it opened and closed on); the result is the line of a value never closed.
 */
function scanQuotes(text: string, closed: (openedAt: number, closedAt: number) => boolean = () => false): number | null {
  let line = 1;
  let openedAt = 0;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') i++;
        else {
          quoted = false;
          fieldStart = false;
          if (closed(openedAt, line)) return null;
        }
      } else if (char === '\n') line++;
      continue;
    }
    if (char === '"' && fieldStart) {
      quoted = true;
      openedAt = line;
    } else if (char === ',') fieldStart = true;
    else if (char === '\n') {
      line++;
      fieldStart = true;
    } else if (char !== ' ' && char !== '\t') fieldStart = false;
  }
  return quoted ? openedAt : null;
}

/** The line where the quoted value that never closes begins. */
export function unclosedQuoteLine(text: string): number | null {
  return scanQuotes(text);
}

/** The line where the quoted value that closes on `line` opened. */
export function quoteOpeningBefore(text: string, line: number): number | null {
  let opened: number | null = null;
  scanQuotes(text, (openedAt, closedAt) => {
    if (closedAt < line) return false;
    opened = closedAt === line ? openedAt : null;
    return true;
  });
  return opened;
}
