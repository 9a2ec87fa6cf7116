/** An intent file that cannot be read or has the wrong shape; the message names the file and what to fix. */
export class IntentFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntentFileError';
  }
}

/** One row left out of an import, with where it is and why, so nothing is dropped silently. */
export interface IntentReject {
  /** "file.csv:12" (file and line). */
  location: string;
  field?: string;
  reason: string;
}
