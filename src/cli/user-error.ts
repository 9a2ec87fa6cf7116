/** An error whose message is complete advice for the person at the terminal: print it, exit non-zero, no stack. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

import { ConnectorError } from '../connector/connector.js';

/** Errors from our own modules that already speak to the user (by class name, so the CLI needs no import of each). */
const FRIENDLY = new Set([
  'UserError',
  'BacktestError',
  'ConfigError',
  'ConnectorError',
  'StoreError',
  'RunLockedError',
  'LeaseLostError',
  'MappingMismatchError',
  'IntentFileError',
  'CsvError',
]);

/** Every connector's own error class extends ConnectorError (FileConnectorError, …): they all speak to the user. */
export function isFriendly(error: unknown): error is Error {
  return error instanceof Error && (FRIENDLY.has(error.name) || error instanceof ConnectorError);
}
