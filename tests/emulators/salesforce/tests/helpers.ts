/** Shared set-up for the emulator's own tests: an emulator per test and a real jsforce connection to it. */
import jsforce from 'jsforce';
import { startSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions } from '../index.js';

export const API_VERSION = '62.0';
export const FIXED_NOW = Date.parse('2026-11-20T12:00:00.000Z');

export type Connection = InstanceType<typeof jsforce.Connection>;

/** A connection logged in with the client credentials flow, as ScoreSync's connector does by default. */
export async function connect(emulator: SalesforceEmulator, extra: Record<string, unknown> = {}): Promise<Connection> {
  const conn = new jsforce.Connection({
    version: API_VERSION,
    oauth2: { clientId: emulator.credentials.clientId, clientSecret: emulator.credentials.clientSecret, loginUrl: emulator.url },
    ...extra,
  });
  await conn.authorize({ grant_type: 'client_credentials' });
  return conn;
}

export async function withEmulator<T>(options: SalesforceEmulatorOptions, run: (emulator: SalesforceEmulator) => Promise<T>): Promise<T> {
  const emulator = await startSalesforceEmulator(options);
  try {
    return await run(emulator);
  } finally {
    await emulator.stop();
  }
}

/** Output fields a ScoreSync setup would have created, already readable and writable by the integration user. */
export const OUTPUT_FIELDS = [
  { fullName: 'Account.ScoreSync_Fit__c', label: 'Fit', type: 'Number', precision: 3, scale: 0 },
  { fullName: 'Account.ScoreSync_Tier__c', label: 'Tier', type: 'Picklist', valueSet: { restricted: true, valueSetDefinition: { value: [{ fullName: 'Tier 1' }, { fullName: 'Tier 2' }, { fullName: 'Tier 3' }] } } },
  { fullName: 'Account.ScoreSync_Reasons__c', label: 'Reasons', type: 'Text', length: 20 },
  { fullName: 'Contact.ScoreSync_Persona__c', label: 'Persona', type: 'Text', length: 80 },
  { fullName: 'Activity.ScoreSync_Key__c', label: 'ScoreSync Key', type: 'Text', length: 80, externalId: true, unique: true },
];
