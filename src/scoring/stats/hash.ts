/** FNV-1a over a string's UTF-16 code units: a stable 32-bit number (for sampling and version names, not security). */
export function fingerprint32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
