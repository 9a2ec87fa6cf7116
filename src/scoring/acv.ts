/**
 * Expected ACV: the open opportunities' amount, else the median won amount of similar accounts (same industry
 * and size band, with enough won deals), else the median of all won deals, else the config default.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { Account } from '../model/records.js';
import type { AcvModel, AcvStats } from './model-params.js';
import type { OpportunitySummary } from './signals/opportunities.js';

function sizeBand(employees: number | null, edges: readonly number[]): string {
  if (employees === null) return 'unknown';
  let band = 0;
  for (const edge of edges) if (employees >= edge) band++;
  return `b${band}`;
}

export function acvGroupKey(account: Account, config: ScoringConfig): string {
  return `${(account.industry ?? '').trim().toLowerCase()}|${sizeBand(account.employees, config.fit.learned.employeeBands)}`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** An AcvTrainer's won amounts as plain data, per group as [key, amounts] (a record could not hold "__proto__"). */
export interface AcvPartial {
  byGroup: [key: string, amounts: number[]][];
}

/**
 * Streams won amounts per group; keeps the amounts themselves (won deals are few next to accounts) for exact medians.
 * A median sorts its amounts, so merged trainers finish exactly like one trainer over all their accounts.
 */
export class AcvTrainer {
  private readonly byGroup = new Map<string, number[]>();
  private readonly all: number[] = [];

  constructor(private readonly config: ScoringConfig) {}

  addWon(account: Account, amount: number): void {
    this.groupAmounts(acvGroupKey(account, this.config)).push(amount);
    this.all.push(amount);
  }

  partial(): AcvPartial {
    return { byGroup: [...this.byGroup].map(([key, amounts]): [string, number[]] => [key, [...amounts]]) };
  }

  merge(partial: AcvPartial): void {
    for (const [key, amounts] of partial.byGroup) {
      const list = this.groupAmounts(key);
      // One push per amount: spreading a large group into push() would overflow the call stack.
      for (const amount of amounts) {
        list.push(amount);
        this.all.push(amount);
      }
    }
  }

  private groupAmounts(key: string): number[] {
    let list = this.byGroup.get(key);
    if (!list) this.byGroup.set(key, (list = []));
    return list;
  }

  finish(): AcvModel {
    const byGroup: Record<string, AcvStats> = {};
    for (const key of [...this.byGroup.keys()].sort()) {
      const amounts = this.byGroup.get(key) ?? [];
      if (amounts.length >= this.config.acv.minSimilarWon) byGroup[key] = { median: median(amounts), wonDeals: amounts.length };
    }
    return { byGroup, overall: this.all.length > 0 ? { median: median(this.all), wonDeals: this.all.length } : null };
  }
}

export interface ExpectedAcv {
  value: number;
  source: string;
}

export function expectedAcv(account: Account, opps: OpportunitySummary, model: AcvModel, config: ScoringConfig): ExpectedAcv {
  if (opps.openAmount > 0) return { value: opps.openAmount, source: 'open opportunity' };
  const key = acvGroupKey(account, config);
  const similar = Object.hasOwn(model.byGroup, key) ? model.byGroup[key] : undefined;
  if (similar) return { value: similar.median, source: `median of ${similar.wonDeals} similar won deals` };
  if (model.overall) return { value: model.overall.median, source: `median of ${model.overall.wonDeals} won deals` };
  return { value: config.acv.default, source: 'default' };
}
