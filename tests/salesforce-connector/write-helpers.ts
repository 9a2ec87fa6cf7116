/** Shared set-up for the write-side tests: the emulator, a metered api over a real jsforce connection, a quiet logger. */
import { createSalesforceApi, type SalesforceApi } from '../../connectors/salesforce/api.js';
import type { Logger } from '../../src/log/logger.js';
import type { FieldUpdate } from '../../src/model/sync.js';
import type { WritableKind } from '../../src/model/records.js';
import type { SalesforceEmulator } from '../emulators/salesforce/index.js';
import { connect } from '../emulators/salesforce/tests/helpers.js';

export { withEmulator, OUTPUT_FIELDS } from '../emulators/salesforce/tests/helpers.js';

export interface LogLine {
  level: string;
  message: string;
  meta?: Record<string, unknown>;
}

export function memoryLogger(lines: LogLine[] = []): Logger {
  const log = (level: string) => (message: string, meta?: Record<string, unknown>) => void lines.push({ level, message, ...(meta ? { meta } : {}) });
  const logger: Logger = { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug'), child: () => logger };
  return logger;
}

export async function apiFor(emulator: SalesforceEmulator, concurrency = 4): Promise<SalesforceApi> {
  return createSalesforceApi(await connect(emulator), { concurrency });
}

export function seedAccounts(count: number): { setup: (org: import('../emulators/salesforce/index.js').Org) => void } {
  return {
    setup: (org) => {
      for (let i = 0; i < count; i += 1) org.insert('Account', { Name: `Account ${String(i).padStart(5, '0')}` });
    },
  };
}

export function fieldUpdate(recordId: string, values: Record<string, string | null>, kind: WritableKind = 'account'): FieldUpdate {
  return { kind, recordId, priority: 1, changes: Object.entries(values).map(([crmField, newValue]) => ({ output: crmField, crmField, oldValue: null, newValue })) };
}

/** Records the pauses asked for instead of waiting: retries are about order and count, not time. */
export function recordingSleep(pauses: number[]): (ms: number) => Promise<void> {
  return async (ms) => {
    pauses.push(ms);
  };
}
