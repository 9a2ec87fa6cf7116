/**
 * Declarative conditions used by stage, tier, qualification and playbook rules.
 * A condition map is an AND of `signal: comparison`; a list of maps is an OR of those ANDs.
 * A bare value means equality (`inMarket: true`, `fitBucket: Strong`).
 */
import { z } from 'zod';

const Scalar = z.union([z.number(), z.boolean(), z.string()]);
const Ordered = z.union([z.number(), z.string()]);

export const ComparisonSchema = z.union([
  Scalar,
  z.strictObject({
    eq: Scalar.optional(),
    ne: Scalar.optional(),
    gt: Ordered.optional(),
    gte: Ordered.optional(),
    lt: Ordered.optional(),
    lte: Ordered.optional(),
    in: z.array(z.union([z.string(), z.number()])).optional(),
  }),
]);
export type Comparison = z.infer<typeof ComparisonSchema>;

export const ConditionMapSchema = z.record(z.string(), ComparisonSchema);
export type ConditionMap = z.infer<typeof ConditionMapSchema>;

/** One map (all must hold) or a list of maps (any one must hold). An empty map always holds. */
export const WhenSchema = z.union([ConditionMapSchema, z.array(ConditionMapSchema).min(1)]);
export type When = z.infer<typeof WhenSchema>;
