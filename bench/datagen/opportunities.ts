/**
 * Opportunities of one generated account over the history window. How often an account opens one and how often it
 * wins are both driven by the planted latent fit; amounts follow head count; open ones sit in a stage that matches
 * how far through their sales cycle they are.
 */
import type { Account, Opportunity } from '../../src/model/records.js';
import { DAY_MS, isoAt, startOfDay } from './dates.js';
import type { GeneratedContact } from './contacts.js';
import type { DatagenOptions } from './options.js';
import { DECISION_MAKERS } from './people.js';
import { expectedOpportunities, latentFit } from './planted-fit.js';
import type { Rng } from './random.js';

export const OPEN_STAGES = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation'] as const;
export const LATE_OPEN_STAGES: ReadonlySet<string> = new Set(['Proposal', 'Negotiation']);
const DEAL_KINDS = ['New Business', 'Platform', 'Pilot', 'Expansion', 'Data Team Rollout'] as const;
/** Accounts with no head count are priced like a typical mid-size company. */
const DEFAULT_EMPLOYEES = 150;

export function opportunityId(accountIndex: number, ordinal: number): string {
  return `006${String(accountIndex).padStart(8, '0')}${String(ordinal).padStart(4, '0')}`;
}

function dealAmount(rng: Rng, employees: number | null): number {
  const base = 1_900 * Math.sqrt(employees ?? DEFAULT_EMPLOYEES);
  return Math.max(1_000, Math.round((base * rng.logNormal(0, 0.35)) / 100) * 100);
}

/** Sales cycles run longer at bigger companies. */
function cycleDays(rng: Rng, employees: number | null): number {
  const sizeFactor = 1 + Math.log10(Math.max(10, employees ?? DEFAULT_EMPLOYEES)) / 4;
  return Math.round(20 + rng.logNormal(Math.log(45), 0.5) * sizeFactor);
}

/** Contact roles: mostly decision makers, plus whoever else is on the account when there are few of them. */
function contactRoles(rng: Rng, contacts: readonly GeneratedContact[]): string[] {
  if (contacts.length === 0) return [];
  const deciders = contacts.filter((c) => DECISION_MAKERS.has(c.profile.seniority));
  const pool = deciders.length > 0 && rng.chance(0.8) ? deciders : contacts;
  return rng.sample(pool, rng.int(1, Math.min(3, pool.length))).map((c) => c.contact.id);
}

export function generateOpportunities(
  rng: Rng,
  account: Account,
  accountIndex: number,
  contacts: readonly GeneratedContact[],
  options: DatagenOptions,
): Opportunity[] {
  const nowMs = options.now.getTime();
  const historyStart = nowMs - options.historyMonths * 30 * DAY_MS;
  const winProbability = latentFit(account);
  const count = Math.min(rng.poisson(expectedOpportunities(account, options.historyMonths)), 9_999);
  const out: Opportunity[] = [];
  for (let ordinal = 1; ordinal <= count; ordinal += 1) {
    const createdMs = rng.uniform(historyStart, nowMs - 2 * DAY_MS);
    const cycle = cycleDays(rng, account.employees);
    const expectedCloseMs = startOfDay(createdMs + cycle * DAY_MS);
    const closed = expectedCloseMs <= startOfDay(nowMs);
    const won = closed && rng.chance(winProbability);
    const elapsed = (nowMs - createdMs) / (cycle * DAY_MS);
    const stage = closed ? (won ? 'Closed Won' : 'Closed Lost') : OPEN_STAGES[Math.min(3, Math.floor(elapsed * 4))] ?? 'Prospecting';
    const modifiedMs = closed ? expectedCloseMs + rng.uniform(0, 2) * DAY_MS : rng.uniform(createdMs, nowMs);
    out.push({
      id: opportunityId(accountIndex, ordinal),
      source: options.source,
      accountId: account.id,
      name: `${account.name} - ${rng.pick(DEAL_KINDS)}`,
      stage,
      isClosed: closed,
      isWon: won,
      amount: dealAmount(rng, account.employees),
      createdAt: isoAt(createdMs),
      closeDate: isoAt(expectedCloseMs),
      contactIds: contactRoles(rng, contacts),
      modifiedAt: isoAt(Math.min(modifiedMs, nowMs)),
    });
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
