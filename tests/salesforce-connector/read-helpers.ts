/** Shared by the read-side Salesforce tests: the shipped mapping, and the fields `scoresync setup` creates for it. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputFieldMetadata, taskKeyFieldMetadata } from '../../connectors/salesforce/field-definitions.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { MappingFile } from '../../src/config/mapping-types.js';

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

