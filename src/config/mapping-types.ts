/**
 * The shape of a mapping file (mappings/<connector>.yaml) after validation.
 * The zod schema in mapping-schema.ts must produce exactly this type.
 */
import type { ObjectKind, WritableKind } from '../model/records.js';

export type Transform =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'domain'
  | 'lowercase'
  | 'split'
  | 'enum'
  | 'scale';

/** How to read one canonical field from a CRM/CSV field. A bare string in YAML means `{ field: <string>, transform: 'string' }`. */
export interface FieldSource {
  field: string;
  transform: Transform;
  /** For `split`: the separator of a multi-value field (default ';'). */
  separator?: string;
  /** For `enum`: CRM value → canonical value (matched case-insensitively, trimmed); a value may be text, a number or true/false. */
  values?: Record<string, string | number | boolean>;
  /** For `enum`: a value not in `values` is kept as it is (trimmed) instead of rejected, so a typo map lists only typos. */
  passThrough?: boolean;
  /** For `scale`: the number is multiplied by this (revenue in $M → $: factor 1000000). */
  factor?: number;
  /** Value used when the CRM field is empty. */
  default?: string | number | boolean;
  /** A required field that is empty or unparsable rejects the record (reported, counted, never silently dropped). */
  required?: boolean;
}

export type WritePolicy = 'overwrite' | 'fillIfBlank' | 'never';
export type OutputType = 'number' | 'string' | 'text' | 'boolean' | 'date' | 'datetime';

/** Where one canonical output (fitScore, tier, reasons …) is written in the CRM. */
export interface OutputTarget {
  field: string;
  type: OutputType;
  policy: WritePolicy;
  label?: string;
}

export interface ObjectMapping {
  /** CRM object name (Salesforce sObject, HubSpot object type, or file name without extension for the file connector). */
  object: string;
  id: FieldSource;
  modifiedAt?: FieldSource;
  /** Canonical field name → source. Keys must be fields of the canonical type for this object. */
  fields: Record<string, FieldSource>;
  /** Extra features for scoring: canonical feature name → source. */
  features: Record<string, FieldSource>;
  /** Canonical output name → CRM field (only for account, contact and lead). */
  outputs: Record<string, OutputTarget>;
}

export interface MappingFile {
  connector: string;
  objects: Partial<Record<ObjectKind, ObjectMapping>>;
  /** Task creation settings (field names differ per CRM). */
  tasks?: {
    object: string;
    /** CRM field that stores the idempotency key (Salesforce external ID, HubSpot custom property, CSV column). */
    keyField: string;
  };
}

export const WRITABLE_OUTPUTS: Record<WritableKind, readonly string[]> = {
  account: [
    'fitScore',
    'fitBucket',
    'fitMode',
    'engagementScore',
    'intentScore',
    'inMarket',
    'surgingTopics',
    'buyingStage',
    'previousStage',
    'stageEnteredAt',
    'tier',
    'priorityScore',
    'priorityProbability',
    'qualified',
    'qualifiedSince',
    'qualifiedUntil',
    'reasons',
    'reasonsDetail',
    'scoredAt',
    'modelVersion',
  ],
  contact: ['personaName', 'personaScore', 'personaGrade', 'engagementScore', 'lifecycleStage', 'reasons', 'scoredAt'],
  lead: [
    'personaName',
    'personaScore',
    'personaGrade',
    'engagementScore',
    'fitScore',
    'fitBucket',
    'matchedAccountId',
    'matchReason',
    'lifecycleStage',
    'reasons',
    'scoredAt',
  ],
};

/** Outputs written only together with a real change, so an unchanged re-run writes nothing. */
export const COMPANION_OUTPUTS: readonly string[] = ['scoredAt', 'modelVersion'];
