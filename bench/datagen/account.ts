/** One generated account: firmographics, technographics, a unique domain and an owner. */
import type { Account } from '../../src/model/records.js';
import { DAY_MS, isoAt } from './dates.js';
import {
  COUNTRY_TLDS,
  COUNTRY_WEIGHTS,
  FUNDING_STAGES,
  INDUSTRY_WEIGHTS,
  NAME_CORES,
  NAME_PREFIXES,
  NAME_SUFFIXES,
  OWNER_IDS,
  REVENUE_PER_EMPLOYEE,
  TECHNOLOGY_ADOPTION,
  TECHNOLOGY_INDUSTRY_BOOST,
  type Country,
  type Industry,
} from './firmographics.js';
import type { DatagenOptions } from './options.js';
import { deriveSeed, type Rng } from './random.js';

const NAME_COMBINATIONS = NAME_PREFIXES.length * NAME_CORES.length;

export function accountId(index: number): string {
  return `001${String(index).padStart(12, '0')}`;
}

/**
 * Names come from a seeded permutation of prefix × core, then a round number once every combination is used,
 * so domains are unique at any scale without remembering the ones already handed out.
 */
function companyStem(seed: number, index: number): { display: string; slug: string } {
  const stride = coprimeStride(seed);
  const offset = deriveSeed(seed, 0x5eed) % NAME_COMBINATIONS;
  const combination = (index * stride + offset) % NAME_COMBINATIONS;
  const round = Math.floor(index / NAME_COMBINATIONS);
  const prefix = NAME_PREFIXES[combination % NAME_PREFIXES.length] ?? 'Nova';
  const core = NAME_CORES[Math.floor(combination / NAME_PREFIXES.length)] ?? 'works';
  const stem = prefix + core;
  const slug = stem.toLowerCase() + (round > 0 ? String(round + 1) : '');
  return { display: round > 0 ? `${stem} ${round + 1}` : stem, slug };
}

function coprimeStride(seed: number): number {
  let stride = (deriveSeed(seed, 0x57de) % (NAME_COMBINATIONS - 1)) + 1;
  while (gcd(stride, NAME_COMBINATIONS) !== 1) stride += 1;
  return stride;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Log-normal head count clamped to 5..50,000 (median ≈ 300). */
function drawEmployees(rng: Rng): number {
  return Math.round(Math.min(50_000, Math.max(5, rng.logNormal(Math.log(300), 1.6))));
}

function drawTechnologies(rng: Rng, industry: Industry): string[] {
  const stack: string[] = [];
  for (const [technology, adoption] of TECHNOLOGY_ADOPTION) {
    const boosted = TECHNOLOGY_INDUSTRY_BOOST[technology]?.includes(industry) ?? false;
    if (rng.chance(boosted ? Math.min(0.9, adoption * 2) : adoption)) stack.push(technology);
  }
  return stack;
}

function fundingStage(rng: Rng, employees: number): string {
  if (employees > 5_000) return rng.chance(0.7) ? 'Public' : 'Series C+';
  if (employees < 30) return rng.pick(FUNDING_STAGES.slice(0, 3));
  return rng.pick(FUNDING_STAGES);
}

/** Real CRMs have gaps: a few accounts miss an industry, a head count, revenue or a country. */
function sometimesMissing<T>(rng: Rng, value: T, missingShare: number): T | null {
  return rng.chance(missingShare) ? null : value;
}

export function generateAccountRecord(rng: Rng, index: number, options: DatagenOptions): Account {
  const industry = rng.weighted(INDUSTRY_WEIGHTS);
  const country: Country = rng.weighted(COUNTRY_WEIGHTS);
  const employees = drawEmployees(rng);
  const revenue = Math.round((employees * REVENUE_PER_EMPLOYEE[industry] * rng.logNormal(0, 0.4)) / 1000) * 1000;
  const stem = companyStem(options.seed, index);
  const nowMs = options.now.getTime();
  const modifiedMs = nowMs - rng.uniform(0, options.historyMonths * 30) * DAY_MS;
  return {
    id: accountId(index),
    source: options.source,
    name: `${stem.display} ${rng.pick(NAME_SUFFIXES[industry])}`,
    domain: `${stem.slug}.${COUNTRY_TLDS[country]}`,
    industry: sometimesMissing(rng, industry, 0.03),
    employees: sometimesMissing(rng, employees, 0.02),
    annualRevenue: sometimesMissing(rng, revenue, 0.08),
    country: sometimesMissing(rng, country, 0.02),
    technologies: drawTechnologies(rng, industry),
    ownerId: rng.pick(OWNER_IDS),
    isCustomer: false,
    tierOverride: rng.chance(0.01) ? rng.pick(['Tier 1', 'Tier 2', 'Tier 3']) : null,
    features: { fundingStage: fundingStage(rng, employees) },
    modifiedAt: isoAt(modifiedMs),
    crmValues: {},
  };
}
