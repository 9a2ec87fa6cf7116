/** A state-store failure a person can fix (cannot open the file, cannot reach Postgres, newer schema): the message names the place and the fix. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** A connection URL fit for messages and logs: the password replaced by ***. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not a URL we can parse: hide anything between "://user:" and "@" rather than risk printing a secret.
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/**
 * Whether a value looks like an Error. Not `instanceof Error`: a native module (better-sqlite3) creates its errors with
 * the Error of the realm that first loaded it, which under Jest's per-file contexts is not this file's Error.
 */
export function isErrorLike(error: unknown): error is { message: string; code?: unknown; name?: unknown } {
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

export function errorText(error: unknown): string {
  if (isErrorLike(error)) {
    const code = error.code;
    return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

export function missingRecord(source: string, kind: string, id: string): StoreError {
  return new StoreError(
    `Cannot record CRM values for ${kind} ${id} (connector "${source}"): the record is not in the state store. ` +
      'Fix: run a full pull (--full) so the store holds every record that is written back.',
  );
}
