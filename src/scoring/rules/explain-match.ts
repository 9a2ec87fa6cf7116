/** Turns the condition group that matched into contributors (points 0: rules decide, they do not add up). */
import type { Contributor } from '../../model/scores.js';
import type { CompiledConfig } from '../compile.js';
import { describeSignal } from '../signals/describe.js';
import type { CompiledWhen, SignalValues } from './conditions.js';

export function matchedConditions(when: CompiledWhen, group: number, signals: SignalValues, compiled: CompiledConfig, skip: readonly string[] = []): Contributor[] {
  return (when.groupSignals[group] ?? []).filter((name) => !skip.includes(name)).map((name) => ({ label: describeSignal(name, signals[name] ?? null, compiled), points: 0 }));
}
