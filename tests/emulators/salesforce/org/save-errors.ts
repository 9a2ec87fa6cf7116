/** The error shapes of the write APIs: per-record SaveResult errors, and request-level failures (HTTP 400 bodies). */

export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

export function saveError(statusCode: string, message: string, fields: string[] = []): SaveError {
  return { statusCode, message, fields };
}

/** A failure of the whole request: REST answers `[{ message, errorCode, fields? }]` with this status. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'RequestError';
  }

  body(): { message: string; errorCode: string; fields?: string[] }[] {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields === undefined ? {} : { fields: this.fields }) }];
  }
}

export const LOCKED = (): SaveError => saveError('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record');
export const ROLLED_BACK = (): SaveError =>
  saveError('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header');
