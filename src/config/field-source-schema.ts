/** Schemas for one field source (CRM field → canonical value) and one output target (canonical output → CRM field). */
import { z } from 'zod';
import type { FieldSource, OutputTarget } from './mapping-types.js';
import { describeValue } from './zod-issues.js';

export const TRANSFORMS = ['string', 'number', 'integer', 'boolean', 'date', 'domain', 'lowercase', 'split', 'enum', 'scale'] as const;
export const WRITE_POLICIES = ['overwrite', 'fillIfBlank', 'never'] as const;
export const OUTPUT_TYPES = ['number', 'string', 'text', 'boolean', 'date', 'datetime'] as const;

/** A bare string is shorthand for `{ field: <string>, transform: string }`. */
function expandShorthand(value: unknown, ctx: z.core.$RefinementCtx): unknown {
  if (typeof value === 'string') return { field: value };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  ctx.addIssue({
    code: 'custom',
    message: `expected a CRM field name or { field: <name>, transform: <transform> }, got ${describeValue(value, undefined)}`,
    params: { fix: 'write the CRM field name (quote it if it looks like a number), or a { field, transform } map' },
  });
  return z.NEVER;
}

export const FieldSourceSchema = z.preprocess(
  expandShorthand,
  z
    .strictObject({
      field: z.string().min(1),
      transform: z.enum(TRANSFORMS).default('string'),
      separator: z.string().min(1).optional(),
      values: z.record(z.string(), z.union([z.string().min(1), z.number(), z.boolean()])).optional(),
      passThrough: z.boolean().optional(),
      factor: z.number().refine((n) => Number.isFinite(n) && n !== 0, 'factor must be a number other than 0').optional(),
      default: z.union([z.string(), z.number(), z.boolean()]).optional(),
      required: z.boolean().optional(),
    })
    .superRefine((source, ctx) => {
      if (source.transform === 'enum' && (source.values === undefined || Object.keys(source.values).length === 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['values'],
          message: 'transform: enum needs a values map (CRM value → canonical value), and there is none',
          params: { fix: 'add values, e.g. values: { "Email Open": email_open, "Meeting": meeting }, or use another transform' },
        });
      }
      if (source.values !== undefined && source.transform !== 'enum') {
        ctx.addIssue({
          code: 'custom',
          path: ['values'],
          message: `a values map is only used with transform: enum, but the transform is "${source.transform}"`,
          params: { fix: 'add transform: enum, or remove values' },
        });
      }
      if (source.passThrough !== undefined && source.transform !== 'enum') {
        ctx.addIssue({
          code: 'custom',
          path: ['passThrough'],
          message: `passThrough is only used with transform: enum, but the transform is "${source.transform}"`,
          params: { fix: 'add transform: enum, or remove passThrough' },
        });
      }
      if (source.transform === 'scale' && source.factor === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['factor'],
          message: 'transform: scale needs a factor (the number is multiplied by it), and there is none',
          params: { fix: 'add factor, e.g. factor: 1000000 for revenue in millions' },
        });
      }
      if (source.factor !== undefined && source.transform !== 'scale') {
        ctx.addIssue({
          code: 'custom',
          path: ['factor'],
          message: `a factor is only used with transform: scale, but the transform is "${source.transform}"`,
          params: { fix: 'add transform: scale, or remove factor' },
        });
      }
      if (source.separator !== undefined && source.transform !== 'split') {
        ctx.addIssue({
          code: 'custom',
          path: ['separator'],
          message: `a separator is only used with transform: split, but the transform is "${source.transform}"`,
          params: { fix: 'add transform: split, or remove separator' },
        });
      }
    }),
);

export const OutputTargetSchema = z.strictObject({
  field: z.string().min(1),
  type: z.enum(OUTPUT_TYPES),
  policy: z.enum(WRITE_POLICIES).default('overwrite'),
  label: z.string().min(1).optional(),
});

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
// Compile-time proof that these schemas produce exactly the contract types.
const fieldSourceMatches: Equals<z.output<typeof FieldSourceSchema>, FieldSource> = true;
const outputTargetMatches: Equals<z.output<typeof OutputTargetSchema>, OutputTarget> = true;
void fieldSourceMatches;
void outputTargetMatches;
