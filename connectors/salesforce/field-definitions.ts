/**
 * The Metadata API CustomField that holds each kind of ScoreSync output, and the idempotency key field on Activity
 * (Task and Event share Activity's custom fields; the Metadata API names them `Activity.<Field>`).
 */
import type { OutputTarget, OutputType } from '../../src/config/mapping-types.js';

export type CustomFieldMetadata = Record<string, unknown> & { fullName: string; label: string; type: string };

/** Outputs with decimals (a percentage with one decimal place); every other number is whole. */
const DECIMALS: Readonly<Record<string, number>> = { priorityProbability: 1 };

/** Salesforce field labels hold at most 40 characters. */
const LABEL_MAX = 40;

export function labelFor(field: string, label: string | undefined): string {
  const text = label ?? field.replace(/__c$/, '').replace(/_/g, ' ').trim();
  return text.slice(0, LABEL_MAX);
}

function typeAttributes(type: OutputType, output: string): Record<string, unknown> & { type: string } {
  switch (type) {
    case 'number':
      return { type: 'Number', precision: 18, scale: DECIMALS[output] ?? 0 };
    case 'string':
      return { type: 'Text', length: 255 };
    case 'text':
      return { type: 'LongTextArea', length: 32_768, visibleLines: 5 };
    case 'boolean':
      return { type: 'Checkbox', defaultValue: 'false' };
    case 'date':
      return { type: 'Date' };
    case 'datetime':
      return { type: 'DateTime' };
  }
}

export function outputFieldMetadata(object: string, output: string, target: OutputTarget): CustomFieldMetadata {
  return {
    fullName: `${object}.${target.field}`,
    label: labelFor(target.field, target.label),
    description: `Written by ScoreSync (${output}); the next sync run overwrites manual edits.`,
    ...typeAttributes(target.type, output),
  };
}

/** The task idempotency key: a unique, case-sensitive External ID, so an upsert on it can never create a twin. */
export function taskKeyFieldMetadata(keyField: string): CustomFieldMetadata {
  return {
    fullName: `Activity.${keyField}`,
    label: 'ScoreSync Key',
    description: 'Idempotency key of a task created by ScoreSync (rule, record, window); do not edit.',
    type: 'Text',
    length: 255,
    externalId: true,
    unique: true,
    caseSensitive: true,
  };
}

/** "Number(18,0)", "Text(255)", "Checkbox": how the field is described to a person. */
export function describeType(metadata: CustomFieldMetadata): string {
  if (metadata.type === 'Number') return `Number(${String(metadata['precision'])},${String(metadata['scale'])})`;
  if (metadata.type === 'Text' || metadata.type === 'LongTextArea') {
    const flags = metadata['externalId'] === true ? ', unique External ID, case-sensitive' : '';
    return `${metadata.type}(${String(metadata['length'])}${flags})`;
  }
  return metadata.type;
}
