/**
 * Per-config structures (regexes, lookup tables, compiled rules), built once per config object and cached in a
 * WeakMap, so scoring an account never re-parses config.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import { ACTIVITY_TYPES } from '../model/records.js';
import { compileWhen, type CompiledWhen } from './rules/conditions.js';
import { DEFAULT_WEIGHTS } from './schema/signal-schema.js';
import { DAY_MS } from './time.js';

export interface CompiledPersona {
  name: string;
  titlePattern: RegExp | null;
  departments: Set<string>;
  seniorities: Set<string>;
}

export interface CompiledCounter {
  name: string;
  label: string;
  types: Set<string>;
  url: RegExp | null;
  windowDays: number;
}

export interface CompiledConfig {
  typeIndex: Map<string, number>;
  /** Slot labels: one per activity type, then one per URL rule. */
  slotLabels: string[];
  slotWeights: Float64Array;
  urlRules: { pattern: RegExp; slot: number }[];
  counters: CompiledCounter[];
  firstPartyTypes: Set<string>;
  topicsOfInterest: Set<string>;
  personas: CompiledPersona[];
  stageRules: { stage: string; when: CompiledWhen }[];
  tierRules: { tier: string; when: CompiledWhen }[];
  qualified: CompiledWhen;
  playbookWhen: Map<string, CompiledWhen>;
  /** Each playbook's skip conditions (`unless`); absent when it never skips. */
  playbookUnless: Map<string, CompiledWhen>;
  /** Lowercased late opportunity stages. */
  lateOpportunityStages: Set<string>;
  lifecycleRank: Map<string, number>;
  handRaiserTypes: Set<string>;
  handRaiserForm: RegExp | null;
  negativeTypes: Set<string>;
  criteriaValues: (Map<string, number> | null)[];
  windowMs: number;
}

const cache = new WeakMap<ScoringConfig, CompiledConfig>();

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lowercase, punctuation to spaces, single spaces: "VP, Engineering" and "vp engineering" read the same. */
export function normalizeTitle(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function anyOf(substrings: readonly string[]): RegExp | null {
  return substrings.length === 0 ? null : new RegExp(substrings.map(escapeRegex).join('|'), 'i');
}

/** Keywords match whole words of the normalised title; entries written as /regex/ match the normalised title as given. */
function titlePattern(titles: readonly string[]): RegExp | null {
  const parts = titles.map((t) => {
    const regex = /^\/(.+)\/$/.exec(t);
    return regex ? `(?:${regex[1] ?? ''})` : `\\b${escapeRegex(normalizeTitle(t))}\\b`;
  });
  return parts.length === 0 ? null : new RegExp(parts.join('|'), 'i');
}

function build(config: ScoringConfig): CompiledConfig {
  const counterNames = Object.keys(config.signals.counters);
  const typeIndex = new Map<string, number>(ACTIVITY_TYPES.map((t, i) => [t, i]));
  const slotLabels = [...ACTIVITY_TYPES.map((t) => t.replace(/_/g, ' ')), ...config.engagement.urlRules.map((r) => r.label)];
  const slotWeights = new Float64Array(slotLabels.length);
  ACTIVITY_TYPES.forEach((t, i) => (slotWeights[i] = config.engagement.weights[t] ?? DEFAULT_WEIGHTS[t] ?? 0));
  config.engagement.urlRules.forEach((r, i) => (slotWeights[ACTIVITY_TYPES.length + i] = r.weight));
  const lc = config.lifecycle;
  return {
    typeIndex,
    slotLabels,
    slotWeights,
    urlRules: config.engagement.urlRules.map((r, i) => ({ pattern: new RegExp(escapeRegex(r.urlContains), 'i'), slot: ACTIVITY_TYPES.length + i })),
    counters: Object.entries(config.signals.counters).map(([name, c]) => ({ name, label: c.label, types: new Set(c.types), url: anyOf(c.urlContains), windowDays: c.windowDays })),
    firstPartyTypes: new Set(config.intent.firstParty.types),
    topicsOfInterest: new Set(config.intent.thirdParty.topics.map((t) => t.trim().toLowerCase())),
    personas: config.personas.list.map((p) => ({
      name: p.name,
      titlePattern: titlePattern(p.titles),
      departments: new Set(p.departments.map((d) => d.trim().toLowerCase())),
      seniorities: new Set(p.seniorities.map((s) => s.trim().toLowerCase())),
    })),
    stageRules: config.stages.rules.map((r) => ({ stage: r.stage, when: compileWhen(r.when, counterNames) })),
    tierRules: config.tiers.rules.map((r) => ({ tier: r.tier, when: compileWhen(r.when, counterNames) })),
    qualified: compileWhen(config.qualified.when, counterNames),
    playbookWhen: new Map(config.playbooks.filter((p) => p.when !== undefined).map((p) => [p.id, compileWhen(p.when ?? {}, counterNames)])),
    playbookUnless: new Map(config.playbooks.flatMap((p) => (p.unless ? [[p.id, compileWhen(p.unless, counterNames)] as const] : []))),
    lateOpportunityStages: new Set(config.signals.lateOpportunityStages.map((s) => s.trim().toLowerCase())),
    lifecycleRank: new Map(lc.stages.map((s, i) => [s.name, i])),
    handRaiserTypes: new Set(lc.handRaisers.types),
    handRaiserForm: anyOf(lc.handRaisers.formUrlContains),
    negativeTypes: new Set(lc.negative.types),
    criteriaValues: config.fit.rules.criteria.map((c) => (c.values ? new Map(Object.entries(c.values).map(([k, v]) => [k.trim().toLowerCase(), v])) : null)),
    windowMs: config.engagement.windowDays * DAY_MS,
  };
}

export function compileConfig(config: ScoringConfig): CompiledConfig {
  let compiled = cache.get(config);
  if (!compiled) {
    compiled = build(config);
    cache.set(config, compiled);
  }
  return compiled;
}
