/**
 * The verdict lines: which fit model ranks an outcome better, and whether the priority score ranks better than each
 * score alone, each only when its bootstrap interval supports it. "Cannot tell" keeps the rules: learned has to earn
 * its place, the same rule `fit.mode: auto` applies.
 */
import type { Estimate } from '../stats/bootstrap.js';
import type { OutcomeName, Verdict } from './report-types.js';

export interface VerdictInput {
  outcome: OutcomeName;
  positives: number;
  negatives: number;
  minOutcomes: number;
  margin: number;
  /** learned − rules; null when no learned model could be compared. */
  difference: Estimate | null;
  learnedPossible: string | null;
}

const VERBS: Record<OutcomeName, string> = { opened: 'opened', won: 'won' };

export function signed(n: number): string {
  return `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(2)}`;
}

export function differenceText(e: Estimate): string {
  if (e.value === null) return '—';
  return `${signed(e.value)} [${signed(e.low ?? e.value)} to ${signed(e.high ?? e.value)}]`;
}

export function fitVerdict(input: VerdictInput): Verdict {
  const { difference } = input;
  if (input.learnedPossible !== null || difference === null) {
    return { text: `no learned model to compare (${input.learnedPossible ?? 'not trained'}): use rules`, use: 'rules', decided: false, difference: null };
  }
  if (input.positives < input.minOutcomes || input.negatives < input.minOutcomes || difference.value === null) {
    const counts = `${input.positives} ${VERBS[input.outcome]}, ${input.negatives} did not; ${input.minOutcomes} of each needed`;
    return { text: `too few outcomes to tell (${counts}): keep rules`, use: 'rules', decided: false, difference };
  }
  const d = differenceText(difference);
  if ((difference.low ?? -Infinity) > input.margin) {
    return { text: `learned ranks better than rules (AUC ${d}): use learned`, use: 'learned', decided: true, difference };
  }
  if ((difference.high ?? Infinity) < -input.margin) {
    return { text: `rules ranks better than learned (AUC ${d}): use rules`, use: 'rules', decided: true, difference };
  }
  return { text: `no clear difference between learned and rules (AUC ${d}): keep rules`, use: 'rules', decided: true, difference };
}

/** "priority ranks better than fit, engagement and intent alone" only when every paired interval is above zero. */
export function priorityVerdict(positives: number, negatives: number, minOutcomes: number, vsEach: Record<'fit' | 'engagement' | 'intent', Estimate>): string {
  if (positives < minOutcomes || negatives < minOutcomes) return `too few outcomes to tell (${positives} with the outcome, ${negatives} without; ${minOutcomes} of each needed)`;
  const entries = Object.entries(vsEach) as ['fit' | 'engagement' | 'intent', Estimate][];
  const notBetter = entries.filter(([, e]) => !((e.low ?? -Infinity) > 0));
  const detail = entries.map(([k, e]) => `${k} ${differenceText(e)}`).join(', ');
  if (notBetter.length === 0) return `priority ranks better than fit, engagement and intent alone (AUC ${detail}): sort by priority`;
  return `priority does not clearly rank better than ${notBetter.map(([k]) => `${k}`).join(' and ')} alone (AUC ${detail})`;
}
