/**
 * Scoring: pure functions from canonical data to scores, reasons and task drafts. `scoring` is the ScoringApi the
 * sync engine uses; the individual scorers are exported for tests and the backtest.
 */
import type { ScoringApi } from './api.js';
import { scoreAccount } from './score-account.js';
import { activitiesSince } from './activity-lookback.js';
import { createModelTrainer, historySince } from './trainer.js';
import { wantsHistory } from './priority/priority-trainer.js';
import { scoreLead } from './leads.js';

export const scoring: ScoringApi = { createModelTrainer, scoreAccount, activitiesSince, wantsHistory, historySince, scoreLead };

export type { ScoringApi, ScoringModels, ModelTrainer, AccountScoringResult, LeadScoringResult } from './api.js';
export { scoreLead, scoreMatchedLeads } from './leads.js';
export { scoreLeadFit, leadAsAccount } from './fit/lead-fit.js';
export { personDisplayName, personName } from './person-name.js';
export { scoreAccount } from './score-account.js';
export { createModelTrainer, fingerprint, trainingDates, historySince } from './trainer.js';
export { wantsHistory } from './priority/priority-trainer.js';
export { scorePriority } from './priority/priority.js';
export type { PriorityChoice, PriorityModel } from './priority/priority-model.js';
export type { FitChoice, FitEvidence } from './fit/fit-selection.js';
export { evidenceText } from './fit/fit-selection.js';
export { activityLookbackDays, activitiesSince } from './activity-lookback.js';
export { scoreFit, fitBucket, effectiveFitMode } from './fit/fit.js';
export { rulesFitContributors } from './fit/rules-fit.js';
export { learnedFitContributors, LearnedFitTrainer, type LearnedFitModel } from './fit/learned-fit.js';
export { accountTokens, type FeatureToken } from './fit/feature-tokens.js';
export { scorePersona, gradeFor, titleWords, type PersonaResult, type PersonaBoostModel } from './persona.js';
export { contactEngagement, accountEngagement } from './engagement.js';
export { digestActivities, type ActivityDigest } from './signals/activity-digest.js';
export { scoreIntent, firstPartySurge } from './intent.js';
export { summarizeOpportunities } from './signals/opportunities.js';
export { buildSignals } from './signals/signals.js';
export { decideStage, ruleStage, stageRank } from './stage.js';
export { decideTier, parseTierOverride } from './tier.js';
export { expectedAcv, acvGroupKey, median } from './acv.js';
export { decideQualified } from './qualified.js';
export { runPlaybooks } from './tasks/playbooks.js';
export { taskKey, periodWindow, dueDate, inCooldown } from './tasks/task-key.js';
export { decideLifecycle } from './lifecycle.js';
export { buildReasons, buildReasonsDetail, formatContributor, topContributors, MAX_REASONS_CHARS, MAX_REASONS_DETAIL_CHARS } from './explain/reasons.js';
export { compileConfig } from './compile.js';
export { compileWhen } from './rules/conditions.js';
export { modelParams, type ModelParams, type AcvModel } from './model-params.js';
export { sumPoints, scoreOf } from './contributors.js';
export { decayFactor } from './time.js';
