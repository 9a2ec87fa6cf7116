/** Scores one account bundle: every score, the reasons, the playbook tasks and the state to remember. Pure. */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { AccountBundle } from '../model/records.js';
import type { AccountScore, PriorAccountState } from '../model/scores.js';
import type { AccountScoringResult, ScoringModels } from './api.js';
import { expectedAcv } from './acv.js';
import { compileConfig } from './compile.js';
import { scoreContacts } from './contacts.js';
import { accountEngagement, countEngagedContacts } from './engagement.js';
import { buildReasons } from './explain/reasons.js';
import { scoreFit } from './fit/fit.js';
import { scoreIntent } from './intent.js';
import { modelParams } from './model-params.js';
import type { PriorityInputs } from './priority/features.js';
import { scorePriority } from './priority/priority.js';
import { decideQualified } from './qualified.js';
import { digestActivities } from './signals/activity-digest.js';
import { summarizeOpportunities } from './signals/opportunities.js';
import { buildSignals } from './signals/signals.js';
import { decideStage } from './stage.js';
import { runPlaybooks } from './tasks/playbooks.js';
import { decideTier } from './tier.js';

export function scoreAccount(bundle: AccountBundle, prior: PriorAccountState | null, models: ScoringModels, config: ScoringConfig, now: Date): AccountScoringResult {
  const compiled = compileConfig(config);
  const nowMs = now.getTime();
  const nowIso = now.toISOString();
  const { account, contacts } = bundle;
  const params = modelParams(models);

  const contactIndex = new Map<string, number>();
  contacts.forEach((c, i) => contactIndex.set(c.id, i));
  const digest = digestActivities(bundle.activities, contactIndex, contacts.length, compiled, config, nowMs, bundle.olderActivityAt ?? null);
  const contactOutcome = scoreContacts(account, contacts, digest, params, prior, compiled, config, nowMs);
  const engagement = accountEngagement({ contacts, contactScores: contactOutcome.engagement, personas: contactOutcome.personas }, digest, compiled, config);
  const fit = scoreFit(account, models, config);
  const { surgeRatio, ...intent } = scoreIntent(bundle.intent, digest, compiled, config, nowMs);
  const opportunities = summarizeOpportunities(bundle.opportunities, nowMs);
  const acv = expectedAcv(account, opportunities, params.acv, config);

  const signals = buildSignals(
    {
      account,
      contactCount: contacts.length,
      fit,
      engagementScore: engagement.score,
      engagedContacts: countEngagedContacts(contactOutcome.engagement, config),
      engagedPersonas: engagement.engagedPersonas.length,
      intent,
      surgeRatio,
      opportunities,
      digest,
    },
    compiled,
    nowMs,
  );
  signals.expectedAcv = acv.value;
  const stage = decideStage(signals, prior, compiled, config, nowMs);
  signals.stage = stage.result.stage;
  const tier = decideTier(account, signals, acv, compiled);
  signals.tier = tier.tier;
  const qualified = decideQualified(signals, prior, compiled, nowIso);
  signals.qualified = qualified.qualified;
  const priorityInputs: PriorityInputs = {
    fit: fit.score,
    engagement: engagement.score,
    intent: intent.score,
    stage: stage.result.stage,
    engagedPersonas: engagement.engagedPersonas.length,
    daysSinceLastActivity: typeof signals.daysSinceLastActivity === 'number' ? signals.daysSinceLastActivity : null,
    openOpportunity: opportunities.openCount > 0,
    customer: account.isCustomer || opportunities.wonCount > 0,
  };
  const priority = scorePriority(priorityInputs, params.priority?.model ?? null, config);

  const score: AccountScore = {
    accountId: account.id,
    fit,
    engagement,
    intent,
    stage: stage.result,
    tier,
    qualified,
    priority,
    reasons: '',
    scoredAt: nowIso,
    modelVersion: models.version,
  };
  score.reasons = buildReasons(score, config.explanations.contributorsPerScore);

  const tasks = [...runPlaybooks({ account, score, stageChange: stage.change, prior, signals }, compiled, config, nowMs), ...contactOutcome.tasks];
  const lastTaskAtByRule = { ...(prior?.lastTaskAtByRule ?? {}) };
  for (const task of tasks) lastTaskAtByRule[task.rule] = nowIso;

  const nextState: PriorAccountState = {
    stage: stage.result.stage,
    stageEnteredAt: stage.result.enteredAt,
    previousStage: stage.result.previousStage,
    qualified: qualified.qualified,
    qualifiedSince: qualified.since,
    qualifiedUntil: qualified.until,
    lifecycleByContact: contactOutcome.lifecycleByContact,
    lastTaskAtByRule,
  };
  return { account: score, contacts: contactOutcome.scores, tasks, nextState, stageChange: stage.change, priorityInputs };
}
