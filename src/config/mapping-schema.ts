/**
 * Schema of a mapping file (mappings/<connector>.yaml). Its output is exactly `MappingFile`; beyond shape it
 * checks what only a person can fix: canonical field names per object, writable outputs, enum values that are
 * real activity types, and two outputs writing the same CRM field.
 */
import { z } from 'zod';
import { ACTIVITY_TYPES, type ObjectKind } from '../model/records.js';
import { CANONICAL_FIELDS as CANONICAL_TYPES } from '../mapping/canonical-fields.js';
import { CANONICAL_FIELDS, REQUIRED_CANONICAL_FIELDS } from './canonical-fields.js';
import { FieldSourceSchema, OutputTargetSchema } from './field-source-schema.js';
import { WRITABLE_OUTPUTS, type MappingFile } from './mapping-types.js';
import { closestMatch, listValues } from './suggest.js';
import type { FixHints } from './zod-issues.js';

type RefinementContext = z.core.$RefinementCtx;

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Run name checks even when some values are invalid, so one pass reports every problem. */
const EVEN_WITH_OTHER_ISSUES = { when: (payload: { value: unknown }) => isMap(payload.value) };

function checkCanonicalFields(kind: ObjectKind) {
  const allowed = CANONICAL_FIELDS[kind];
  return (fields: Record<string, unknown>, ctx: RefinementContext): void => {
    for (const name of Object.keys(fields)) {
      if (allowed.includes(name)) continue;
      const suggestion = closestMatch(name, allowed);
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `"${name}" is not a canonical ${kind} field`,
        params: {
          allowed: `Canonical ${kind} fields: ${allowed.join(', ')}`,
          fix:
            suggestion !== undefined
              ? `did you mean "${suggestion}"? Rename the key`
              : 'use one of the canonical fields, or move it under features to keep an extra value for scoring',
        },
      });
    }
    for (const name of REQUIRED_CANONICAL_FIELDS[kind]) {
      if (fields[name] !== undefined) continue;
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `is required but missing (every ${kind} record needs ${name})`,
        params: { fix: `map it to the CRM field that holds it, e.g. ${name}: <crm_field>` },
      });
    }
  };
}

function checkOutputs(kind: ObjectKind) {
  return (outputs: Record<string, unknown>, ctx: RefinementContext): void => {
    const names = Object.keys(outputs);
    if (kind !== 'account' && kind !== 'contact' && kind !== 'lead') {
      if (names.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: `${kind} has outputs (${names.join(', ')}), but scores are only written to accounts, contacts and leads`,
          params: { fix: 'remove these outputs, or move them under objects.account, objects.contact or objects.lead' },
        });
      }
      return;
    }
    const writable = WRITABLE_OUTPUTS[kind];
    const writtenBy = new Map<string, string>();
    for (const [name, target] of Object.entries(outputs)) {
      if (!writable.includes(name)) {
        const suggestion = closestMatch(name, writable);
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `"${name}" is not an output ScoreSync writes for ${kind}`,
          params: {
            allowed: `${kind} outputs: ${writable.join(', ')}`,
            fix: suggestion !== undefined ? `did you mean "${suggestion}"? Rename the key` : 'use one of the listed outputs, or remove it',
          },
        });
      }
      if (!isMap(target) || typeof target.field !== 'string') continue;
      const crmField = target.field.toLowerCase();
      const earlier = writtenBy.get(crmField);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [name, 'field'],
          message: `"${target.field}" is already written by output ${earlier}; two outputs would overwrite each other`,
          params: { fix: `give ${name} its own CRM field, or remove one of the two outputs` },
        });
      } else {
        writtenBy.set(crmField, name);
      }
    }
  };
}

/** Activity types are a closed set: every CRM value mapped by `type` must land on one of them. */
function checkActivityTypes(mapping: Record<string, unknown>, ctx: RefinementContext): void {
  const fields = isMap(mapping.fields) ? mapping.fields : {};
  const type = isMap(fields.type) ? fields.type : {};
  const values = isMap(type.values) ? type.values : {};
  for (const [crmValue, canonical] of Object.entries(values)) {
    if (typeof canonical !== 'string' || (ACTIVITY_TYPES as readonly string[]).includes(canonical)) continue;
    const suggestion = closestMatch(canonical, ACTIVITY_TYPES);
    ctx.addIssue({
      code: 'custom',
      path: ['fields', 'type', 'values', crmValue],
      message: `"${canonical}" is not an activity type`,
      params: {
        allowed: `Activity types: ${listValues(ACTIVITY_TYPES)}`,
        fix: suggestion !== undefined ? `did you mean "${suggestion}"?` : 'map this CRM value to one of the activity types (use other when none fits)',
      },
    });
  }
}

/** Does an enum's canonical value fit the field? (Checked here, or every row would be rejected at run time.) */
function enumValueProblem(type: string, value: unknown): string | null {
  if (type === 'boolean') return typeof value === 'boolean' ? null : `${describeEnumValue(value)}, but this field needs true or false. Fix: write true or false without quotes`;
  if (type === 'number') return typeof value === 'number' ? null : `${describeEnumValue(value)}, but this field needs a number. Fix: write a number without quotes`;
  if (type === 'date') return typeof value === 'string' ? null : `${describeEnumValue(value)}, but this field needs a date. Fix: write a date such as 2025-03-01`;
  return typeof value === 'string' ? null : `${describeEnumValue(value)}, but this field holds text. Fix: quote it`;
}

function describeEnumValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}" is text` : `${String(value)} is a ${typeof value === 'boolean' ? 'yes/no value' : typeof value}`;
}

function checkEnumTypes(kind: ObjectKind) {
  return (fields: Record<string, unknown>, ctx: RefinementContext): void => {
    for (const [name, source] of Object.entries(fields)) {
      const spec = CANONICAL_TYPES[kind][name];
      if (!spec || spec.type === 'activityType' || !isMap(source) || source.transform !== 'enum' || !isMap(source.values)) continue;
      for (const [crmValue, canonical] of Object.entries(source.values)) {
        const problem = enumValueProblem(spec.type, canonical);
        if (problem) ctx.addIssue({ code: 'custom', path: [name, 'values', crmValue], message: problem.split('. Fix: ')[0] ?? problem, params: { fix: problem.split('. Fix: ')[1] ?? '' } });
      }
    }
  };
}

function objectMappingSchema(kind: ObjectKind) {
  const schema = z.strictObject({
    object: z.string().min(1),
    id: FieldSourceSchema,
    modifiedAt: FieldSourceSchema.optional(),
    fields: z.record(z.string(), FieldSourceSchema).superRefine(checkCanonicalFields(kind), EVEN_WITH_OTHER_ISSUES).superRefine(checkEnumTypes(kind)),
    features: z.record(z.string(), FieldSourceSchema).default({}),
    outputs: z.record(z.string(), OutputTargetSchema).default({}).superRefine(checkOutputs(kind), EVEN_WITH_OTHER_ISSUES),
  });
  return kind === 'activity' ? schema.superRefine(checkActivityTypes, EVEN_WITH_OTHER_ISSUES) : schema;
}

export const MappingFileSchema = z.strictObject({
  connector: z.string().min(1),
  objects: z.strictObject({
    account: objectMappingSchema('account').optional(),
    contact: objectMappingSchema('contact').optional(),
    lead: objectMappingSchema('lead').optional(),
    opportunity: objectMappingSchema('opportunity').optional(),
    activity: objectMappingSchema('activity').optional(),
  }),
  tasks: z.strictObject({ object: z.string().min(1), keyField: z.string().min(1) }).optional(),
});

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
// Compile-time proof that the schema produces exactly the contract type.
const mappingFileMatches: Equals<z.output<typeof MappingFileSchema>, MappingFile> = true;
void mappingFileMatches;

export const MAPPING_FIX_HINTS: FixHints = {
  connector: 'write the connector this mapping is for, e.g. connector: file',
  'objects.*.object': 'write the CRM object name (Salesforce sObject, HubSpot object type, or CSV file name without .csv)',
  'objects.*.id': 'write the CRM field holding the record id, e.g. id: { field: id, required: true }',
  'objects.*.fields.*': 'write the CRM field name, or { field: <name>, transform: <transform> }',
  'objects.*.features.*': 'write the CRM field name, or { field: <name>, transform: <transform> }',
  'objects.*.outputs.*': 'write { field: <crm_field>, type: number|string|text|boolean|date|datetime, policy: overwrite|fillIfBlank|never }',
  'objects.*.fields.*.values.*': 'write the canonical value as text, e.g. "email open": email_open',
  tasks: 'write { object: <task object>, keyField: <field holding the idempotency key> }',
};
