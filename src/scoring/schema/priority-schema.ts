/** `priority:` in config/scoring.yaml: the calibrated chance an account opens (or wins) an opportunity soon. */
import { z } from 'zod';

export const PriorityRuleSchema = z
  .strictObject({
    /** Points per point of each score in the fallback rule (used while history is too thin to learn from). */
    fit: z.number().min(0).default(0.3),
    engagement: z.number().min(0).default(0.45),
    intent: z.number().min(0).default(0.25),
  })
  .prefault({});

export const PrioritySchema = z
  .strictObject({
    /** The outcome the score predicts: an opportunity opened, or won, within `horizonDays`. */
    outcome: z.enum(['opened', 'won']).default('opened'),
    horizonDays: z.number().int().min(7).max(730).default(90),
    /** Accounts with the outcome needed in each training snapshot before the model is learned (else the rule). */
    minPositives: z.number().int().min(5).default(20),
    /** At most this many accounts are replayed with their full activity history to train on (a fixed hash sample). */
    trainingSample: z.number().int().min(100).default(5_000),
    /** L2 penalty of the logistic regression (on standardised features). */
    l2: z.number().min(0).default(1),
    /** Score at the average chance; each doubling of the odds adds this many points. */
    baseScore: z.number().min(0).max(100).default(50),
    pointsPerDoubling: z.number().positive().default(10),
    rule: PriorityRuleSchema,
  })
  .prefault({});
