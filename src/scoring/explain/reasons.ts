/**
 * The reasons a rep reads, in two lengths, both taken from the very contributors whose points make up the scores so
 * the words cannot drift from the numbers:
 * - the headline (≤ 255 characters, a standard text field): plain words, e.g. "Strong fit: Industry Software, 361
 *   employees; 3 people engaged (Champion, Technical Buyer); in market: web activity 3.1× baseline; Decision: pricing
 *   page 4× in 30 days; Tier 2";
 * - the detail (a long text field): every score with all of its contributors.
 * Neither carries a model id: the model version is its own output, so a retrain that changes no score changes no text.
 */
import type { AccountScore, Contributor, PriorityResult } from '../../model/scores.js';
import { formatPoints } from '../contributors.js';

export const MAX_REASONS_CHARS = 255;
/** Long text fields (Salesforce Long Text Area) hold 32,768 characters; stay well inside. */
export const MAX_REASONS_DETAIL_CHARS = 32_000;

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
  return `Priority ${Math.round(p.score)}${p.probability === null ? '' : ` (${(p.probability * 100).toFixed(1)}% chance)`}`;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function sections(score: AccountScore, n: number): string[] {
  const { fit, engagement, intent, stage, tier, qualified, priority } = score;
  // The first fit contributor is the starting point (ICP base or average win odds): context, not a reason.
  const fitHead = `Fit ${Math.round(fit.score)} (${fit.bucket})`;
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

/** Every score with all of its contributors that round to a point or more (a "+0" tells a rep nothing). */
export function buildReasonsDetail(score: AccountScore): string {
  const visible = (list: readonly Contributor[]): Contributor[] => list.filter((c) => c.points === 0 || Math.abs(c.points) >= 0.5);
  const shown: AccountScore = {
    ...score,
    fit: { ...score.fit, contributors: visible(score.fit.contributors) },
    engagement: { ...score.engagement, contributors: visible(score.engagement.contributors) },
    intent: { ...score.intent, contributors: visible(score.intent.contributors) },
    ...(score.priority ? { priority: { ...score.priority, contributors: visible(score.priority.contributors) } } : {}),
  };
  return cut(sections(shown, Number.MAX_SAFE_INTEGER).join('. ') + '.', MAX_REASONS_DETAIL_CHARS);
}

function labels(contributors: readonly Contributor[]): string {
  return contributors.map((c) => c.label).join(', ');
}

/** The headline's parts, most telling first; `detail` = how many contributor labels each part may name. */
function headlineParts(score: AccountScore, detail: number): string[] {
  const { fit, engagement, intent, stage, tier, qualified } = score;
  const parts: string[] = [];
  const fitFor = labels(fit.contributors.slice(1).filter((c) => c.points > 0).sort((a, b) => b.points - a.points).slice(0, detail));
  parts.push(section(`${fit.bucket} fit`, fitFor));
  const people = engagement.engagedPeople ?? 0;
  if (people > 0) {
    const roles = engagement.engagedPersonas.length > 0 && detail > 0 ? ` (${engagement.engagedPersonas.join(', ')})` : '';
    parts.push(`${people} ${people === 1 ? 'person' : 'people'} engaged${roles}`);
  } else if (engagement.score >= 1) {
    parts.push(`engagement ${Math.round(engagement.score)}`);
  }
  if (intent.inMarket) {
    const why = intent.surgingTopics.length > 0 ? `researching ${intent.surgingTopics.join(', ')}` : labels(topContributors(intent.contributors, 1).filter((c) => c.points > 0));
    parts.push(section('in market', detail > 0 ? why : ''));
  }
  parts.push(section(stage.stage, labels(stage.contributors.filter((c) => !c.label.startsWith('held at')).slice(0, detail))));
  if (tier.tier !== 'none') parts.push(tier.source === 'override' ? `${tier.tier} (set by hand)` : tier.tier);
  if (qualified.qualified) parts.push('qualified');
  return parts;
}

/** The headline (≤ 255 characters): fewer contributor labels per part until it fits; a cut is the last resort. */
export function buildReasons(score: AccountScore, contributorsPerScore: number): string {
  for (let n = Math.min(contributorsPerScore, 2); n >= 0; n--) {
    const text = headlineParts(score, n).join('; ');
    if (text.length <= MAX_REASONS_CHARS) return text;
  }
  return cut(headlineParts(score, 0).join('; '), MAX_REASONS_CHARS);
}
