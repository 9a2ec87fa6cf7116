/**
 * Engagement for contacts and accounts from the activity digest. Points are linear in decayed activity points
 * (scaled so `fullScoreAt` points = 100), so the contributors add up to the score.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { Contributor, EngagementResult } from '../model/scores.js';
import type { CompiledConfig } from './compile.js';
import { contributor, scoreOf } from './contributors.js';
import { personDisplayName, type Person } from './person-name.js';
import type { ActivityDigest } from './signals/activity-digest.js';

function slotContributors(points: Float64Array, counts: Int32Array, offset: number, slots: number, labels: readonly string[], scale: number, suffix: string): Contributor[] {
  const out: Contributor[] = [];
  for (let s = 0; s < slots; s++) {
    const count = counts[offset + s] ?? 0;
    const p = (points[offset + s] ?? 0) * scale;
    if (count > 0 && Math.abs(p) >= 0.05) out.push(contributor(`${count}× ${labels[s] ?? ''}${suffix}`, p));
  }
  return out;
}

export function contactEngagement(index: number, digest: ActivityDigest, compiled: CompiledConfig, config: ScoringConfig): EngagementResult {
  const scale = 100 / config.engagement.contactFullScoreAt;
  const contributors = slotContributors(digest.contactSlotPoints, digest.contactSlotCounts, index * digest.slots, digest.slots, compiled.slotLabels, scale, '');
  return { score: scoreOf(contributors), contributors, engagedPersonas: [], raw: digest.contactRaw[index] ?? 0 };
}

export interface AccountEngagementInput {
  /** The buying team in digest order: the account's contacts, then its matched leads (the last `leadCount`). */
  contacts: readonly Person[];
  leadCount?: number;
  contactScores: readonly EngagementResult[];
  personas: readonly (string | null)[];
}

/**
 * The most engaged person counts fully, the next factor×, then factor²×…, so a buying team adds up with
 * diminishing returns; negative people count fully. Account-level activities are added as they are.
 */
export function accountEngagement(input: AccountEngagementInput, digest: ActivityDigest, compiled: CompiledConfig, config: ScoringConfig): EngagementResult {
  const { accountFullScoreAt, contactDiminishingFactor, engagedContactMinScore } = config.engagement;
  const scale = 100 / accountFullScoreAt;
  const firstLead = input.contacts.length - (input.leadCount ?? 0);
  const order: number[] = [];
  for (let i = 0; i < input.contacts.length; i++) if ((digest.contactRaw[i] ?? 0) !== 0) order.push(i);
  order.sort((a, b) => (digest.contactRaw[b] ?? 0) - (digest.contactRaw[a] ?? 0));
  const contributors: Contributor[] = [];
  let rank = 0;
  let raw = 0;
  for (const i of order) {
    const contactRaw = digest.contactRaw[i] ?? 0;
    const factor = contactRaw > 0 ? Math.pow(contactDiminishingFactor, rank++) : 1;
    const contact = input.contacts[i];
    raw += contactRaw * factor;
    if (contact) {
      const name = personDisplayName(contact, i >= firstLead);
      // The diminishing factor is in the points, not the label: a rep reads a name, not a multiplier.
      contributors.push(contributor(name, contactRaw * factor * scale));
    }
  }
  for (let s = 0; s < digest.slots; s++) raw += digest.accountSlotPoints[s] ?? 0;
  contributors.push(...slotContributors(digest.accountSlotPoints, digest.accountSlotCounts, 0, digest.slots, compiled.slotLabels, scale, ' (account)'));
  const engaged = new Set<string>();
  input.contactScores.forEach((score, i) => {
    const persona = input.personas[i];
    if (persona && score.score >= engagedContactMinScore) engaged.add(persona);
  });
  return { score: scoreOf(contributors), contributors, engagedPersonas: [...engaged].sort(), raw };
}

export function countEngagedContacts(contactScores: readonly EngagementResult[], config: ScoringConfig): number {
  let n = 0;
  for (const s of contactScores) if (s.score >= config.engagement.engagedContactMinScore) n++;
  return n;
}
