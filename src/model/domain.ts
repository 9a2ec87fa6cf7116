/** Normalise a website, URL or email to a bare registrable host so accounts, contacts and intent rows match. */
export function normalizeDomain(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  let s = input.trim().toLowerCase();
  if (s === '') return null;
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  s = s.split(/[/?#:]/)[0] ?? '';
  s = s.replace(/^www\d*\./, '').replace(/\.+$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(s) ? s : null;
}
