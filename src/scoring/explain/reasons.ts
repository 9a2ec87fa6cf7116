/**
 * The reasons text (≤ 1,000 characters): each score's top positive and negative contributors, taken from the very
 * contributors whose points make up the score, so the words cannot drift from the numbers.
 */
import type { AccountScore, Contributor, PriorityResult } from '../../model/scores.js';
import { formatPoints } from '../contributors.js';

export const MAX_REASONS_CHARS = 1000;

export function formatContributor(c: Contributor): string {
  if (c.points === 0) return c.label;
  return `${c.points > 0 ? '+' : '−'} ${c.label} (${formatPoints(c.points)})`;
}

/** The n largest positive and n largest negative contributors, positives first, each group by size. */
export function topContributors(contributors: readonly Contributor[], n: number): Contributor[] {
  const positive = contributors.filter((c) => c.points > 0).sort((a, b) => b.points - a.points).slice(0, n);
  const negative = contributors.filter((c) => c.points < 0).sort((a, b) => a.points - b.points).slice(0, n);
  return [...positive, ...negative];
}

function list(contributors: readonly Contributor[]): string {
  return contributors.map(formatContributor).join('; ');
}

function section(head: string, body: string): string {
  return body === '' ? head : `${head}: ${body}`;
}

function priorityHead(p: PriorityResult): string {
  return `Priority ${Math.round(p.score)} (${p.probability === null ? 'rule' : `${(p.probability * 100).toFixed(1)}% chance`})`;
}

function sections(score: AccountScore, n: number): string[] {
  const { fit, engagement, intent, stage, tier, qualified, priority } = score;
  // The first fit contributor is the starting point (ICP base or average win odds): context, not a reason.
  const fitHead = `Fit ${Math.round(fit.score)} (${fit.bucket}, ${fit.mode} model ${fit.modelVersion})`;
  const personas = engagement.engagedPersonas.length > 0 ? `; engaged personas: ${engagement.engagedPersonas.join(', ')}` : '';
  const stageHead = `Stage ${stage.stage} (since ${stage.enteredAt.slice(0, 10)}${stage.previousStage ? `, from ${stage.previousStage}` : ''})`;
  const tierHead = tier.source === 'override' ? `${tier.tier} (manual override)` : tier.tier === 'none' ? 'No tier' : tier.tier;
  const out = [
    section(fitHead, list(topContributors(fit.contributors.slice(1), n))),
    section(`Engagement ${Math.round(engagement.score)}`, list(topContributors(engagement.contributors, n)) + personas),
    section(`Intent ${Math.round(intent.score)}${intent.inMarket ? ' (in market)' : ''}`, list(topContributors(intent.contributors, n))),
    ...(priority ? [section(priorityHead(priority), list(topContributors(priority.contributors.filter((c) => c.label !== 'average chance'), n)))] : []),
    section(stageHead, list(stage.contributors.slice(0, n + 1))),
    section(tierHead, list(tier.contributors.slice(0, n + 2))),
  ];
  if (qualified.qualified) out.push(`Qualified since ${(qualified.since ?? '').slice(0, 10)}`);
  else if (qualified.until) out.push(`Not qualified since ${qualified.until.slice(0, 10)}`);
  return out;
}

/** Fewer contributors per score until the text fits; a hard cut with an ellipsis is the last resort. */
export function buildReasons(score: AccountScore, contributorsPerScore: number): string {
  for (let n = contributorsPerScore; n >= 1; n--) {
    const text = sections(score, n).join('. ') + '.';
    if (text.length <= MAX_REASONS_CHARS) return text;
  }
  const text = sections(score, 1).join('. ');
  return text.length <= MAX_REASONS_CHARS ? text : text.slice(0, MAX_REASONS_CHARS - 1) + '…';
}
