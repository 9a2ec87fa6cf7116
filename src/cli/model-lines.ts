/**
 * The lines that say which models are in force and why, the same in the run summary, `plan`, `explain` and
 * `validate`: the fit model with its evidence (or why learned was refused), what the ICP rules still do in learned
 * mode, and the priority model.
 */
import type { ScoringModels } from '../scoring/api.js';
import { modelParams } from '../scoring/model-params.js';

export function modelLines(models: ScoringModels): string[] {
  const params = modelParams(models);
  const forced = params.fitChoice?.forced ? ' (forced)' : '';
  const lines = [`fit model: ${models.fitMode}${forced} — ${models.fitModeReason} (version ${models.version})`];
  if (models.fitMode === 'learned') {
    lines.push(
      '  fit.rules still count in learned mode: each profile value blends its ICP points with what history shows, by how many ' +
        'accounts share it (fit.learned.priorStrength); set fit.mode: rules to use the rules alone',
    );
  }
  const priority = params.priority;
  if (priority) lines.push(`priority: ${priority.mode === 'learned' ? 'learned' : 'rule'} — ${priority.reason.replace(/^(learned|rule): /, '')}`);
  return lines;
}
