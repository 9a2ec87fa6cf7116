/**
 * Salesforce record ids: a 3-character key prefix that names the object, 12 more characters, and a 3-character
 * suffix that makes the id case-insensitively unique (the documented 15 → 18 character checksum).
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The 3-character suffix of a 15-character id: one bit per upper-case letter in each block of five. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const ch = id15.charAt(block * 5 + i);
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

export function to18(id15: string): string {
  return id15 + idSuffix(id15);
}

/** The canonical 18-character form of a 15- or 18-character id, or null when it is not a well-formed id. */
export function normalizeId(id: string): string | null {
  if (!ID_SHAPE.test(id)) return null;
  const base = id.slice(0, 15);
  if (id.length === 18 && id.slice(15).toUpperCase() !== idSuffix(base)) return null;
  return to18(base);
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** Hands out new ids per key prefix: prefix + instance "8c" + a base-62 counter, so ids sort by creation. */
export class IdFactory {
  private readonly next = new Map<string, number>();

  constructor(private readonly instanceCode: string = '8c') {}

  newId(prefix: string): string {
    const n = (this.next.get(prefix) ?? 0) + 1;
    this.next.set(prefix, n);
    return to18(prefix + this.instanceCode + base62(n, 10));
  }

  /** State for persisting, so a reloaded org never hands out an id twice. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.next);
  }

  restore(state: Record<string, number>): void {
    for (const [prefix, n] of Object.entries(state)) this.next.set(prefix, n);
  }
}

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}
