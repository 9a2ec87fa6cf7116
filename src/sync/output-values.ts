/**
 * Turns scores into the string values our CRM output fields hold. One formatting place, so the value we compare
 * against what the CRM holds is exactly the value we would write.
 */
import type { AccountScore, ContactScore, LeadScore } from '../model/scores.js';
import { formatContributor, topContributors } from '../scoring/explain/reasons.js';

export type OutputValues = Record<string, string | null>;

function day(iso: string | null): string | null {
  return iso === null ? null : iso.slice(0, 10);
}

function whole(n: number): string {
  return String(Math.round(n));
}

export function accountOutputValues(score: AccountScore): OutputValues {
  return {
    fitScore: whole(score.fit.score),
    fitBucket: score.fit.bucket,
    fitMode: score.fit.mode,
    engagementScore: whole(score.engagement.score),
    intentScore: whole(score.intent.score),
    inMarket: String(score.intent.inMarket),
    surgingTopics: score.intent.surgingTopics.length > 0 ? score.intent.surgingTopics.join('; ') : null,
    buyingStage: score.stage.stage,
    previousStage: score.stage.previousStage,
    stageEnteredAt: day(score.stage.enteredAt),
    tier: score.tier.tier,
    priorityScore: score.priority ? whole(score.priority.score) : null,
    // A percentage with one decimal: CRM percent fields take 12.3 for 12.3%.
    priorityProbability: score.priority && score.priority.probability !== null ? (Math.round(score.priority.probability * 1000) / 10).toFixed(1) : null,
    qualified: String(score.qualified.qualified),
    qualifiedSince: day(score.qualified.since),
    qualifiedUntil: day(score.qualified.until),
    reasons: score.reasons,
    reasonsDetail: score.reasonsDetail ?? null,
    scoredAt: score.scoredAt,
    modelVersion: score.modelVersion,
  };
}

export function contactOutputValues(score: ContactScore, scoredAt: string): OutputValues {
  const reasons = topContributors(score.contributors, 3).map(formatContributor).join('; ');
  return {
    personaName: score.persona,
    personaScore: whole(score.personaScore),
    personaGrade: score.personaGrade,
    engagementScore: whole(score.engagement.score),
    lifecycleStage: score.lifecycleStage,
    reasons: reasons === '' ? null : reasons.slice(0, 1000),
    scoredAt,
  };
}

/**
 * A lead's outputs: a contact's, plus its fit (its own firmographics' when unmatched, the matched account's otherwise)
 * and the match. Unmatched, its reasons add the fit's top contributors, since no account explains it.
 */
export function leadOutputValues(score: LeadScore, scoredAt: string): OutputValues {
  const person = topContributors(score.contributors, 3).map(formatContributor).join('; ');
  const fit = score.accountId === null ? topContributors(score.fit.contributors.slice(1), 2).map(formatContributor).join('; ') : '';
  const reasons = [person, fit === '' ? '' : `Fit ${whole(score.fit.score)} (${score.fit.bucket}): ${fit}`].filter((r) => r !== '').join('. ');
  return {
    personaName: score.persona,
    personaScore: whole(score.personaScore),
    personaGrade: score.personaGrade,
    engagementScore: whole(score.engagement.score),
    fitScore: whole(score.fit.score),
    fitBucket: score.fit.bucket,
    matchedAccountId: score.accountId,
    matchReason: score.matchReason,
    lifecycleStage: score.lifecycleStage,
    reasons: reasons === '' ? null : reasons.slice(0, 1000),
    scoredAt,
  };
}
