/**
 * Which header is which: vendors (Bombora Company Surge and look-alikes) spell the same column many ways, so headers
 * are compared after lower-casing and dropping everything but letters and digits ("Composite Score" = "composite_score").
 */
import { IntentFileError } from './intent-errors.js';

export type IntentField = 'domain' | 'topic' | 'score' | 'date';

const ALIASES: Record<IntentField, readonly string[]> = {
  domain: ['domain', 'companydomain', 'domainname', 'website', 'companywebsite', 'url'],
  topic: ['topic', 'topicname', 'intenttopic', 'topictitle'],
  score: ['compositescore', 'score', 'intentscore', 'surgescore', 'topicscore'],
  date: ['date', 'week', 'weekof', 'weekstart', 'weekstartdate', 'weekending', 'observedat', 'observeddate', 'datadate'],
};

const REQUIRED: readonly IntentField[] = ['domain', 'topic', 'score'];

export type ColumnIndexes = Record<'domain' | 'topic' | 'score', number> & { date: number | null };

export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Column position of each field; a missing required column is an error listing the columns the file has. */
export function matchColumns(headers: readonly string[], fileName: string): ColumnIndexes {
  const keys = headers.map(headerKey);
  // Aliases are in order of preference: "Composite Score" wins over a plain "Score" column when a file has both.
  const find = (field: IntentField): number | null => {
    for (const alias of ALIASES[field]) {
      const i = keys.indexOf(alias);
      if (i >= 0) return i;
    }
    return null;
  };
  const missing = REQUIRED.filter((f) => find(f) === null);
  if (missing.length > 0) {
    const found = headers.length === 0 ? '(none)' : headers.map((h) => `"${h}"`).join(', ');
    const expected = missing.map((f) => `${f} (e.g. ${ALIASES[f].slice(0, 2).join(' or ')})`).join('; ');
    throw new IntentFileError(
      `${fileName}: missing column ${expected}. Columns found: ${found}. ` +
        'An intent file needs Domain, Topic and Composite Score columns (Date or Week is optional); rename the headers and import again.',
    );
  }
  return { domain: find('domain')!, topic: find('topic')!, score: find('score')!, date: find('date') };
}
