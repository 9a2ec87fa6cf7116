import { ConnectorError } from '../../src/connector/connector.js';
import type { CrmErrorInfo, ErrorClass } from '../../src/model/sync.js';

export const CONNECTOR_NAME = 'file';

/**
 * A ConnectorError that also carries its classification, so the engine's push phase treats a missing file as a
 * config problem and a failed disk write as retryable instead of guessing.
 */
export class FileConnectorError extends ConnectorError {
  readonly info: CrmErrorInfo;

  constructor(message: string, errorClass: ErrorClass, code: string) {
    super(message, CONNECTOR_NAME);
    this.name = 'FileConnectorError';
    this.info = { class: errorClass, code, message };
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
