/**
 * Zod schema for config/scoring.yaml (ICP, personas, weights, thresholds, tiers, stages, playbooks).
 * OWNED BY THE SCORING WORK (issue 3): it replaces this first cut with the full schema and defaults.
 */
import { z } from 'zod';

export const ScoringConfigSchema = z.object({}).loose();

export type ScoringConfig = z.infer<typeof ScoringConfigSchema>;
