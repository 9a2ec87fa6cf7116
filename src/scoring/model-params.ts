/** The JSON-serialisable parameters inside ScoringModels.params, and safe access to them. */
import type { ScoringModels } from './api.js';
import type { FitChoice } from './fit/fit-selection.js';
import type { LearnedFitModel } from './fit/learned-fit.js';
import type { PersonaBoostModel } from './persona.js';
import type { PriorityChoice } from './priority/priority-model.js';

export interface AcvStats {
  median: number;
  wonDeals: number;
}

export interface AcvModel {
  /** "industry|size band" → median won amount of similar accounts. */
  byGroup: Record<string, AcvStats>;
  overall: AcvStats | null;
}

export interface ModelParams {
  schema: 1;
  fit: LearnedFitModel | null;
  persona: PersonaBoostModel | null;
  acv: AcvModel;
  /** How the fit mode was chosen, with its evidence (absent in models stored before it existed). */
  fitChoice?: FitChoice | null;
  /** The priority model or the rule standing in for it, and why. */
  priority?: PriorityChoice | null;
}

const EMPTY: ModelParams = { schema: 1, fit: null, persona: null, acv: { byGroup: {}, overall: null }, fitChoice: null, priority: null };

/** Models stored by an older build (or hand-made in tests) may lack parts: missing parts mean "nothing learned". */
export function modelParams(models: ScoringModels): ModelParams {
  const p = models.params as Partial<ModelParams> | null | undefined;
  if (!p || typeof p !== 'object' || p.schema !== 1) return EMPTY;
  return { schema: 1, fit: p.fit ?? null, persona: p.persona ?? null, acv: p.acv ?? EMPTY.acv, fitChoice: p.fitChoice ?? null, priority: p.priority ?? null };
}
