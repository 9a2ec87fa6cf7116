/** Tier from ordered declarative rules (Goldilocks defaults); a manual override from the CRM wins. */
import type { Account } from '../model/records.js';
import type { Contributor, Tier, TierResult } from '../model/scores.js';
import type { ExpectedAcv } from './acv.js';
import type { CompiledConfig } from './compile.js';
import { formatNumber } from './contributors.js';
import type { SignalValues } from './rules/conditions.js';
import { matchedConditions } from './rules/explain-match.js';

/** "Tier 1", "tier1", "T1", "1" → Tier 1; "none", "no tier", "-" → none; anything else is not an override. */
export function parseTierOverride(raw: string | null): Tier | null {
  if (raw === null) return null;
  const s = raw.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (s === '') return null;
  const n = /^(?:tier|t)?([123])$/.exec(s)?.[1];
  if (n) return `Tier ${n}` as Tier;
  return ['none', 'notier', 'tiernone', '0'].includes(s) ? 'none' : null;
}

export function decideTier(account: Account, signals: SignalValues, acv: ExpectedAcv, compiled: CompiledConfig): TierResult {
  const acvNote: Contributor = { label: `expected ACV ${formatNumber(acv.value)} (${acv.source})`, points: 0 };
  const override = parseTierOverride(account.tierOverride);
  if (override) return { tier: override, expectedAcv: acv.value, source: 'override', contributors: [{ label: `manual override "${account.tierOverride ?? ''}"`, points: 0 }, acvNote] };
  const contributors: Contributor[] = [];
  if (account.tierOverride !== null && account.tierOverride.trim() !== '') {
    contributors.push({ label: `override "${account.tierOverride}" ignored: not a tier (use Tier 1, Tier 2, Tier 3 or none)`, points: 0 });
  }
  for (const rule of compiled.tierRules) {
    const group = rule.when.firstMatch(signals);
    if (group >= 0) {
      return { tier: rule.tier as Tier, expectedAcv: acv.value, source: 'rules', contributors: [...contributors, ...matchedConditions(rule.when, group, signals, compiled, ['expectedAcv']), acvNote] };
    }
  }
  return { tier: 'none', expectedAcv: acv.value, source: 'rules', contributors: [...contributors, { label: 'no tier rule matched', points: 0 }, acvNote] };
}
