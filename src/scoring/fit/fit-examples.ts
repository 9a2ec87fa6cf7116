/**
 * Every account's fit inputs kept compactly through the training pass (token keys and rules points as dictionary
 * ids in flat arrays), so models trained as of past dates can score the same accounts at the end of the pass. Plain
 * data: partials of trainers over parts of the accounts concatenate, and `sorted()` puts them in account-id order,
 * so how accounts were split never changes a result.
 */
import type { FeatureToken } from './feature-tokens.js';
import type { RulesFieldContributor } from './rules-fit.js';

export interface FitExamplesPartial {
  keys: string[];
  fields: string[];
  ids: string[];
  tokenIds: number[];
  tokenEnds: number[];
  ruleFields: number[];
  rulePoints: number[];
  ruleEnds: number[];
  /** Bit flags per account (what each bit means is the caller's). */
  flags: number[];
}

/** One account rebuilt from the arrays: enough for `learnedFitContributors` and the rules score. */
export interface FitExample {
  id: string;
  tokens: FeatureToken[];
  rules: RulesFieldContributor[];
  flags: number;
}

class Dictionary {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  id(value: string): number {
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(value);
      this.index.set(value, id);
    }
    return id;
  }
}

export class FitExamples {
  private readonly keys = new Dictionary();
  private readonly fields = new Dictionary();
  private readonly ids: string[] = [];
  private readonly tokenIds: number[] = [];
  private readonly tokenEnds: number[] = [];
  private readonly ruleFields: number[] = [];
  private readonly rulePoints: number[] = [];
  private readonly ruleEnds: number[] = [];
  private readonly flags: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  add(id: string, tokens: readonly FeatureToken[], rules: readonly RulesFieldContributor[], flags: number): void {
    this.ids.push(id);
    for (const t of tokens) this.tokenIds.push(this.keys.id(t.key));
    this.tokenEnds.push(this.tokenIds.length);
    for (const r of rules) {
      this.ruleFields.push(this.fields.id(r.field));
      this.rulePoints.push(r.contributor.points);
    }
    this.ruleEnds.push(this.ruleFields.length);
    this.flags.push(flags);
  }

  partial(): FitExamplesPartial {
    return {
      keys: [...this.keys.list],
      fields: [...this.fields.list],
      ids: [...this.ids],
      tokenIds: [...this.tokenIds],
      tokenEnds: [...this.tokenEnds],
      ruleFields: [...this.ruleFields],
      rulePoints: [...this.rulePoints],
      ruleEnds: [...this.ruleEnds],
      flags: [...this.flags],
    };
  }

  merge(p: FitExamplesPartial): void {
    let token = 0;
    let rule = 0;
    p.ids.forEach((id, i) => {
      this.ids.push(id);
      for (; token < p.tokenEnds[i]!; token++) this.tokenIds.push(this.keys.id(p.keys[p.tokenIds[token]!]!));
      this.tokenEnds.push(this.tokenIds.length);
      for (; rule < p.ruleEnds[i]!; rule++) {
        this.ruleFields.push(this.fields.id(p.fields[p.ruleFields[rule]!]!));
        this.rulePoints.push(p.rulePoints[rule]!);
      }
      this.ruleEnds.push(this.ruleFields.length);
      this.flags.push(p.flags[i]!);
    });
  }

  /** Every account, in account-id order (labels of the tokens are their keys: only points are read). */
  sorted(): FitExample[] {
    const order = this.ids.map((_, i) => i).sort((a, b) => (this.ids[a]! < this.ids[b]! ? -1 : this.ids[a]! > this.ids[b]! ? 1 : a - b));
    // One token object per distinct key, shared by every account that has it.
    const tokenObjects: FeatureToken[] = this.keys.list.map((key) => ({ key, label: key }));
    return order.map((i) => {
      const tokenStart = i === 0 ? 0 : this.tokenEnds[i - 1]!;
      const ruleStart = i === 0 ? 0 : this.ruleEnds[i - 1]!;
      const tokens: FeatureToken[] = [];
      for (let k = tokenStart; k < this.tokenEnds[i]!; k++) tokens.push(tokenObjects[this.tokenIds[k]!]!);
      const rules: RulesFieldContributor[] = [];
      for (let k = ruleStart; k < this.ruleEnds[i]!; k++) {
        rules.push({ field: this.fields.list[this.ruleFields[k]!]!, contributor: { label: '', points: this.rulePoints[k]! } });
      }
      return { id: this.ids[i]!, tokens, rules, flags: this.flags[i]! };
    });
  }
}
