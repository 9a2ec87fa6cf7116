/** Scores one account bundle: every score, the reasons, the playbook tasks and the state to remember. Pure. */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { AccountBundle, Lead } from '../model/records.js';
import type { AccountScore, EngagementResult, PriorAccountState } from '../model/scores.js';
import type { AccountScoringResult, ScoringModels } from './api.js';
import { expectedAcv } from './acv.js';
import { compileConfig } from './compile.js';
import { scoreContacts } from './contacts.js';
import { accountEngagement, countEngagedContacts } from './engagement.js';
import { buildReasons, buildReasonsDetail } from './explain/reasons.js';
import { scoreFit } from './fit/fit.js';
import { scoreIntent } from './intent.js';
import { leadIndexOf, scoreMatchedLeads } from './leads.js';
import { modelParams } from './model-params.js';
import type { PriorityInputs } from './priority/features.js';
import { scorePriority } from './priority/priority.js';
import { decideQualified } from './qualified.js';
import { digestActivities } from './signals/activity-digest.js';
import { summarizeOpportunities } from './signals/opportunities.js';
import { buildSignals } from './signals/signals.js';
import { decideStage } from './stage.js';
import { gradeAtLeast } from './persona.js';
import { personDisplayName, type Person } from './person-name.js';
import { planAccountTasks } from './tasks/merge-tasks.js';
import { runPlaybooks } from './tasks/playbooks.js';
import { decideTier } from './tier.js';

export function scoreAccount(bundle: AccountBundle, prior: PriorAccountState | null, models: ScoringModels, config: ScoringConfig, now: Date): AccountScoringResult {
  const compiled = compileConfig(config);
  const nowMs = now.getTime();
  const nowIso = now.toISOString();
  const { account, contacts } = bundle;
  const leads = bundle.leads;
  const params = modelParams(models);

  // The buying team is the contacts and then the matched leads: one digest position each.
  const contactIndex = new Map<string, number>();
  contacts.forEach((c, i) => contactIndex.set(c.id, i));
  const leadIndex = leads.length > 0 ? leadIndexOf(leads, contacts.length) : undefined;
  const people = contacts.length + leads.length;
  const digest = digestActivities(bundle.activities, contactIndex, people, compiled, config, nowMs, bundle.olderActivityAt ?? null, leadIndex);
  const fit = scoreFit(account, models, config);
  const contactOutcome = scoreContacts(account, contacts, digest, params, prior, compiled, config, nowMs);
  const leadOutcome = scoreMatchedLeads(
    account,
    leads,
    contacts.length,
    { digest, params, fit, reasons: bundle.leadMatchReasons ?? {}, lifecycleByLead: prior?.lifecycleByLead ?? {} },
    compiled,
    config,
    now,
  );
  const team = leads.length === 0 ? contactOutcome : joinTeam(contactOutcome, leadOutcome);
  const team_people = leads.length === 0 ? contacts : [...contacts, ...leads];
  // Only people with at least the minimum persona grade count in the buying team (engaged contacts and personas).
  const grades = [...contactOutcome.scores.map((c) => c.personaGrade), ...leadOutcome.scores.map((l) => l.personaGrade)];
  const counts = grades.map((g) => gradeAtLeast(g, config.engagement.engagedMinPersonaGrade));
  const countedPersonas = team.personas.map((p, i) => (counts[i] ? p : null));
  const countedEngagement = team.engagement.filter((_, i) => counts[i]);
  const engagement = accountEngagement(
    { contacts: team_people, leadCount: leads.length, contactScores: team.engagement, personas: countedPersonas },
    digest,
    compiled,
    config,
  );
  const engagedPeople = countEngagedContacts(countedEngagement, config);
  engagement.engagedPeople = engagedPeople;
  const { surgeRatio, ...intent } = scoreIntent(bundle.intent, digest, compiled, config, nowMs);
  const opportunities = summarizeOpportunities(bundle.opportunities, nowMs);
  const acv = expectedAcv(account, opportunities, params.acv, config);

  const signals = buildSignals(
    {
      account,
      contactCount: people,
      fit,
      engagementScore: engagement.score,
      engagedContacts: engagedPeople,
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
  score.reasonsDetail = buildReasonsDetail(score);

  const leadsToReach = leadOutcome.scores.map((l, i) => ({ lead: leads[i] as Lead, persona: l.persona, personaScore: l.personaScore, matchReason: l.matchReason }));
  const bestEngaged = mostEngaged(team_people, team.engagement, contacts.length);
  const contactsToReach = contactOutcome.scores
    .map((c, i) => ({ c, person: contacts[i] }))
    .filter(({ c, person }) => person !== undefined && c.engagement.score < config.engagement.engagedContactMinScore)
    .map(({ c, person }) => ({ name: personDisplayName(person as Person), persona: c.persona, personaScore: c.personaScore }));
  const drafts = runPlaybooks({ account, score, stageChange: stage.change, prior, signals, leads: leadsToReach, bestEngaged, contacts: contactsToReach }, compiled, config, nowMs);
  const lastTaskAtByRule = { ...(prior?.lastTaskAtByRule ?? {}) };
  for (const task of [...drafts, ...contactOutcome.tasks, ...leadOutcome.tasks]) lastTaskAtByRule[task.rule] = nowIso;
  const today = nowIso.slice(0, 10);
  const playbookTasks = planAccountTasks(drafts, {
    waiting: prior?.deferredTasks ?? [],
    taskedToday: config.playbooks.some((p) => prior?.lastTaskAtByRule[p.id]?.slice(0, 10) === today),
    stillWanted: (d) => (compiled.playbookUnless.get(d.rule)?.firstMatch(signals) ?? -1) < 0,
    why: score.reasons,
  });
  const tasks = [...playbookTasks.tasks, ...contactOutcome.tasks, ...leadOutcome.tasks];

  const nextState: PriorAccountState = {
    stage: stage.result.stage,
    stageEnteredAt: stage.result.enteredAt,
    previousStage: stage.result.previousStage,
    qualified: qualified.qualified,
    qualifiedSince: qualified.since,
    qualifiedUntil: qualified.until,
    lifecycleByContact: contactOutcome.lifecycleByContact,
    lastTaskAtByRule,
    ...(playbookTasks.deferred.length > 0 ? { deferredTasks: playbookTasks.deferred } : {}),
  };
  return { account: score, contacts: contactOutcome.scores, leads: leadOutcome.scores, tasks, nextState, stageChange: stage.change, priorityInputs };
}

/** "Ann Lee (CTO)" for the person with the highest engagement (the first on a tie), or null when nobody engaged. */
function mostEngaged(people: readonly Person[], engagement: readonly EngagementResult[], firstLead: number): string | null {
  let best = -1;
  engagement.forEach((e, i) => {
    if (e.score > 0 && (best < 0 || e.score > (engagement[best]?.score ?? 0))) best = i;
  });
  const person = people[best];
  return person ? personDisplayName(person, best >= firstLead) : null;
}

/** Contacts' and leads' engagement and personas side by side, in digest order. */
function joinTeam(contacts: { engagement: EngagementResult[]; personas: (string | null)[] }, leads: { engagement: EngagementResult[]; personas: (string | null)[] }) {
  return { engagement: [...contacts.engagement, ...leads.engagement], personas: [...contacts.personas, ...leads.personas] };
}
