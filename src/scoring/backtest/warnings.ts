/** The backtest's warnings: too few outcomes to trust a figure, a score that ranks nothing, a verdict that differs from today's model. */
import type { BacktestReport, FitModelInfo, OutcomeName, OutcomeReport } from './report-types.js';
import type { Tuple } from './tuple.js';

export function reportWarnings(counts: BacktestReport['counts'], horizonEnd: Date, now: Date, minOutcomes: number): string[] {
  const warnings: string[] = [];
  if (counts.scored === 0) {
    warnings.push('no account existed before the as-of date: pick a later as-of date');
    return warnings;
  }
  if (horizonEnd.getTime() > now.getTime()) {
    warnings.push(
      `the horizon ends ${horizonEnd.toISOString().slice(0, 10)}, after today: outcomes after today are not known yet, so rates are understated`,
    );
  }
  const verbs: Record<OutcomeName, string> = { opened: 'opened', won: 'won' };
  for (const outcome of ['opened', 'won'] as const) {
    const n = counts[outcome];
    const without = counts.scored - n;
    if (n === 0) {
      warnings.push(`no account ${verbs[outcome]} an opportunity in the horizon: AUC and lift cannot be computed (try a longer horizon)`);
    } else if (n === counts.scored) {
      warnings.push(`every scored account ${verbs[outcome]} an opportunity in the horizon: there is nothing to rank`);
    } else if (n < minOutcomes) {
      warnings.push(`only ${accountsText(n)} ${verbs[outcome]} an opportunity in the horizon: AUC and lift are unreliable (fewer than ${minOutcomes})`);
    } else if (without < minOutcomes) {
      warnings.push(`only ${accountsText(without)} did not ${verbs[outcome] === 'won' ? 'win' : 'open'} an opportunity in the horizon: AUC and lift are unreliable (fewer than ${minOutcomes})`);
    }
  }
  if (counts.notYetExisting > 0) {
    warnings.push(
      `${accountsText(counts.notYetExisting)} had no record dated before the as-of date and were left out ` +
        '(map the account creation date as the feature "createdAt" to decide this exactly)',
    );
  }
  return warnings;
}

/** A score that is the same for every account ranks nothing: say so, so its AUC 0.500 is not read as "no signal". */
export function constantScoreWarnings(tuples: readonly Tuple[], asOf: Date): string[] {
  if (tuples.length < 2) return [];
  const date = asOf.toISOString().slice(0, 10);
  const scores: [string, (t: Tuple) => number, string][] = [
    ['Fit', (t) => t.fit, ''],
    ['Engagement', (t) => t.engagement, ': no activity was recorded in the engagement window before that date'],
    ['Intent', (t) => t.intent, ': no first-party surge or third-party intent was recorded before that date'],
    ['Priority', (t) => t.priority, ''],
  ];
  return scores
    .filter(([, pick]) => tuples.every((t) => pick(t) === pick(tuples[0]!)))
    .map(([name, pick, why]) => `${name} is ${pick(tuples[0]!)} for every account as of ${date}, so it ranks nothing (AUC 0.500 means "nothing to rank", not "no signal")${why}`);
}

/** The verdict on won against the model a run would use today: say when they differ, and why they can. */
export function agreementWarnings(won: OutcomeReport, today: FitModelInfo | null, asOf: Date): string[] {
  if (!today || !won.verdict.decided || won.verdict.use === today.mode) return [];
  return [
    `the verdict on won (${won.verdict.use}) differs from the fit model a run puts in force today (${today.mode}: ${today.reason}); ` +
      `this backtest measures outcomes after ${asOf.toISOString().slice(0, 10)}, the run validates on the most recent ones`,
  ];
}

function accountsText(n: number): string {
  return n === 1 ? '1 account' : `${n} accounts`;
}
