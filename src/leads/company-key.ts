/**
 * The key two company names match on: "Acme, Inc.", "ACME Inc" and "acme" are the same company; "Acme Labs" is not.
 * Case, accents, punctuation, "&"/"and", a leading "The" and trailing legal forms (Inc, LLC, GmbH, Ltd …) are ignored.
 */

/** Legal forms stripped from the end of a name, as words after punctuation is removed ("L.L.C." → "l l c" → "llc"). */
const LEGAL_SUFFIXES: readonly string[] = [
  'incorporated', 'inc', 'corporation', 'corp', 'company', 'co', 'limited', 'ltd', 'llc', 'llp', 'lp', 'plc', 'pllc',
  'gmbh', 'ag', 'kg', 'ug', 'mbh', 'se', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'asa', 'aps',
  'kk', 'pty', 'pte', 'pvt', 'sdn', 'bhd', 'holdings', 'holding', 'group',
];
const SUFFIXES = new Set(LEGAL_SUFFIXES);

/**
 * Names people type when a form requires a company but they have none: never matched by name. Compared after
 * normalisation, so "[Not Provided]" and "N/A" are covered.
 */
export const PLACEHOLDER_COMPANIES: readonly string[] = [
  '[not provided]', 'none', 'n/a', 'na', 'unknown', 'self', 'self-employed', 'individual', 'private', 'personal', 'freelance',
  'freelancer', 'student', 'retired', 'test', 'home', 'no company',
];

function words(name: string): string[] {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    // Initialisms like "L.L.C." or "S.A." collapse to one word before other punctuation becomes a space.
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return plain === '' ? [] : plain.split(' ');
}

/**
 * The normalised company name, or null when nothing distinctive is left ("Inc.", "", a placeholder like "[not provided]").
 * A name made only of a legal form keeps nothing: matching every "Holdings Ltd" to each other would be wrong.
 */
export function companyKey(name: string | null | undefined, placeholders: ReadonlySet<string> = DEFAULT_PLACEHOLDERS): string | null {
  if (name === null || name === undefined) return null;
  const list = words(name);
  if (list[0] === 'the' && list.length > 1) list.shift();
  while (list.length > 1 && SUFFIXES.has(list[list.length - 1] ?? '')) list.pop();
  // "Foo L L C" (spaced initials) ends in single letters that together form a suffix.
  const joinedTail = trailingInitials(list);
  if (joinedTail > 0 && list.length > joinedTail) list.splice(list.length - joinedTail);
  const key = list.join(' ');
  if (key === '' || SUFFIXES.has(key) || placeholders.has(key)) return null;
  return key;
}

/** How many trailing one-letter words spell a legal suffix ("l l c" → 3), or 0. */
function trailingInitials(list: readonly string[]): number {
  let n = 0;
  while (n < list.length && (list[list.length - 1 - n]?.length ?? 0) === 1) n++;
  for (let take = n; take >= 2; take--) {
    if (SUFFIXES.has(list.slice(list.length - take).join(''))) return take;
  }
  return 0;
}

/** Placeholder names in normalised form (the same normalisation as keys). */
export function placeholderSet(names: readonly string[]): ReadonlySet<string> {
  return new Set(names.map((n) => words(n).join(' ')).filter((n) => n !== ''));
}

const DEFAULT_PLACEHOLDERS = placeholderSet(PLACEHOLDER_COMPANIES);
