/**
 * Compiles declarative conditions (see schema/conditions-schema.ts) into predicates over computed signals.
 * Compiled once per config; evaluation allocates nothing.
 */
import type { Comparison, When } from '../schema/conditions-schema.js';
import { lookupSignal, ORDINALS, type SignalKind } from './signal-catalog.js';

export type SignalValue = number | boolean | string | null;
export type SignalValues = Record<string, SignalValue>;

interface Check {
  signal: string;
  test(value: SignalValue): boolean;
}

export interface CompiledWhen {
  /** Index of the first condition group that holds, or -1. */
  firstMatch(signals: SignalValues): number;
  /** Signal names used by each group, for explanations. */
  groupSignals: string[][];
}

function rankOf(kind: SignalKind, value: SignalValue): SignalValue {
  const ordinal = ORDINALS[kind];
  if (!ordinal || typeof value !== 'string') return value;
  return ordinal.indexOf(value);
}

function compileComparison(kind: SignalKind, comparison: Comparison): (value: SignalValue) => boolean {
  const spec = typeof comparison === 'object' ? comparison : { eq: comparison };
  const rank = (v: SignalValue): SignalValue => rankOf(kind, v);
  const eq = spec.eq === undefined ? undefined : rank(spec.eq);
  const ne = spec.ne === undefined ? undefined : rank(spec.ne);
  const gt = spec.gt === undefined ? undefined : rank(spec.gt);
  const gte = spec.gte === undefined ? undefined : rank(spec.gte);
  const lt = spec.lt === undefined ? undefined : rank(spec.lt);
  const lte = spec.lte === undefined ? undefined : rank(spec.lte);
  const inSet = spec.in === undefined ? undefined : new Set(spec.in.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)));
  return (raw) => {
    if (raw === null) return ne !== undefined && eq === undefined && gt === undefined && gte === undefined && lt === undefined && lte === undefined && inSet === undefined;
    const value = rank(raw);
    if (eq !== undefined && (typeof value === 'string' && typeof eq === 'string' ? value.toLowerCase() !== eq.toLowerCase() : value !== eq)) return false;
    if (ne !== undefined && (typeof value === 'string' && typeof ne === 'string' ? value.toLowerCase() === ne.toLowerCase() : value === ne)) return false;
    if (gt !== undefined && !(Number(value) > Number(gt))) return false;
    if (gte !== undefined && !(Number(value) >= Number(gte))) return false;
    if (lt !== undefined && !(Number(value) < Number(lt))) return false;
    if (lte !== undefined && !(Number(value) <= Number(lte))) return false;
    if (inSet !== undefined && !inSet.has(typeof value === 'string' ? value.toLowerCase() : (value as number))) return false;
    return true;
  };
}

export function compileWhen(when: When, counterNames: readonly string[]): CompiledWhen {
  const groups = (Array.isArray(when) ? when : [when]).map((map): Check[] =>
    Object.entries(map).map(([signal, comparison]) => {
      const found = lookupSignal(signal, 'playbook', counterNames);
      // The schema already rejected unknown signals; a config built in code without the schema still gets a clear error.
      if ('error' in found) throw new Error(`scoring config: ${found.error}`);
      return { signal, test: compileComparison(found.kind, comparison) };
    }),
  );
  return {
    groupSignals: groups.map((g) => g.map((c) => c.signal)),
    firstMatch(signals) {
      for (let i = 0; i < groups.length; i++) {
        const group = groups[i] as Check[];
        let ok = true;
        for (const check of group) {
          if (!check.test(signals[check.signal] ?? null)) {
            ok = false;
            break;
          }
        }
        if (ok) return i;
      }
      return -1;
    },
  };
}
