/** Shared by the read-side Salesforce tests: the shipped mapping, and the fields `scoresync setup` creates for it. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputFieldMetadata, taskKeyFieldMetadata } from '../../connectors/salesforce/field-definitions.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { MappingFile } from '../../src/config/mapping-types.js';
import type { SalesforceEmulator } from '../emulators/salesforce/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NOW = Date.parse('2026-11-20T12:00:00.000Z');

export function shippedMapping(): MappingFile {
  const mapping = loadConfig(path.join(ROOT, 'config/scoresync.yaml'), { env: {} }).mappings.salesforce;
  if (!mapping) throw new Error('no salesforce mapping');
  return mapping;
}

/** The fields `scoresync setup` would create for the shipped mapping, readable and writable by the integration user. */
export function setupFields(mapping: MappingFile): Record<string, unknown>[] {
  const fields = new Map<string, Record<string, unknown>>();
  for (const object of Object.values(mapping.objects)) {
    for (const [output, target] of Object.entries(object.outputs)) {
      const metadata = outputFieldMetadata(object.object, output, target);
      fields.set(metadata.fullName, metadata);
    }
  }
  fields.set('Activity.ScoreSync_Key__c', taskKeyFieldMetadata('ScoreSync_Key__c'));
  return [...fields.values()];
}

/** What ScoreSync put into the org: every ScoreSync_* value by record, and the keys of the tasks it created. */
export function orgOutputs(org: SalesforceEmulator): unknown {
  const values: Record<string, unknown> = {};
  for (const object of ['Account', 'Contact', 'Lead']) {
    for (const record of org.org.list(object)) {
      const mine = Object.entries(record).filter(([k]) => k.startsWith('ScoreSync_') && k !== 'ScoreSync_ScoredAt__c');
      values[`${object} ${String(record.Id)}`] = Object.fromEntries(mine);
    }
  }
  const tasks = org.org
    .list('Task')
    .filter((t) => typeof t.ScoreSync_Key__c === 'string')
    .map((t) => `${String(t.ScoreSync_Key__c)} ${String(t.WhoId)} ${String(t.Subject)}`)
    .sort();
  return { values, tasks };
}

/** Points the SALESFORCE_* variables at an emulator (and only at it), as a user's environment would for their org. */
export function pointEnvAt(sf: SalesforceEmulator): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('SALESFORCE_')) delete process.env[key];
  Object.assign(process.env, sf.env());
}
