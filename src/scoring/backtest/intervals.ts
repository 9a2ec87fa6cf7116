/**
 * Bootstrap intervals for everything an outcome's section shows (AUC, recall at top k, lift per group) and the paired
 * learned − rules AUC difference its verdict reads, from one seeded bootstrap over the accounts.
 */
import { bootstrap, type BootstrapSettings, type Estimate, type Statistic } from '../stats/bootstrap.js';
import { sortScores, weightedAuc, weightedGroupLift, weightedRecall, type SortedScores } from '../stats/ranking.js';
import type { GroupTable, RankerResult } from './report-types.js';

export interface RankerInput {
  result: RankerResult;
  scores: readonly number[];
}

export interface GroupInput {
  table: GroupTable;
  groups: readonly string[];
}

/** Fills low/high on every ranker and group row; returns the interval of AUC(a) − AUC(b) for each requested pair. */
export function attachIntervals(
  labels: readonly boolean[],
  rankers: readonly RankerInput[],
  groups: readonly GroupInput[],
  pairs: readonly [string, string][],
  settings: BootstrapSettings,
): Estimate[] {
  const statistics: Statistic[] = [];
  const apply: ((e: Estimate) => void)[] = [];
  const sortedByKey = new Map<string, SortedScores>();
  for (const { result, scores } of rankers) {
    const sorted = sortScores(scores);
    sortedByKey.set(result.key, sorted);
    statistics.push((w) => weightedAuc(sorted, labels, w));
    apply.push((e) => {
      result.auc.low = e.low;
      result.auc.high = e.high;
    });
    for (const k of result.recall) {
      statistics.push((w) => weightedRecall(sorted, labels, w, k.fraction));
      apply.push((e) => {
        k.low = e.low;
        k.high = e.high;
      });
    }
  }
  for (const { table, groups: names } of groups) {
    const ids = new Map<string, number>();
    const coded = names.map((g) => {
      let id = ids.get(g);
      if (id === undefined) ids.set(g, (id = ids.size));
      return id;
    });
    for (const row of table.rows) {
      const id = ids.get(row.group) ?? -1;
      statistics.push((w) => weightedGroupLift(coded, id, labels, w));
      apply.push((e) => {
        row.liftLow = e.low;
        row.liftHigh = e.high;
      });
    }
  }
  const firstPair = statistics.length;
  for (const [a, b] of pairs) {
    const sa = sortedByKey.get(a);
    const sb = sortedByKey.get(b);
    statistics.push((w) => {
      if (!sa || !sb) return null;
      const x = weightedAuc(sa, labels, w);
      const y = weightedAuc(sb, labels, w);
      return x === null || y === null ? null : x - y;
    });
  }
  const estimates = bootstrap(labels, statistics, settings);
  apply.forEach((fn, i) => fn(estimates[i]!));
  return estimates.slice(firstPair);
}
