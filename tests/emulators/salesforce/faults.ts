/**
 * The seeded fault plan: which calls get a 429/503, a dropped connection, an expired session or an exhausted
 * quota, and which records of a write are locked by "someone else". Every random choice comes from the plan's
 * seed, so a run under a plan is repeatable.
 */
import { Rng, deriveSeed } from '../../../bench/datagen/random.js';

export type FaultKind = 'http429' | 'http500' | 'http503' | 'drop' | 'sessionExpired' | 'quotaExhausted' | 'lockRows';

export interface FaultSpec {
  kind: FaultKind;
  /** Which calls this fault watches (default: every API call, i.e. everything but the token endpoint). */
  on?: { method?: string; endpoint?: string };
  /** Fire on the Nth watched call(s), 1-based. */
  nth?: number | number[];
  /** Fire on every watched call from the Nth on. */
  from?: number;
  /** Fire on each watched call with this probability (seeded). */
  probability?: number;
  /** Fire at most this many times. */
  max?: number;
  /** lockRows: the share of a write's records that fail with UNABLE_TO_LOCK_ROW (default 0.5) … */
  recordProbability?: number;
  /** … or exactly these records (ids, 15 or 18 characters, or external-id values). */
  recordIds?: string[];
  /** drop: close the connection after the request was applied (default) or before it was. */
  dropAfterApply?: boolean;
  /**
   * drop: send the status line, headers and half the body before closing (instead of closing with nothing sent).
   * jsforce 3.10.16 (node-fetch 2) never notices a body cut short and waits forever: use it only with a client
   * that has its own timeout.
   */
  midBody?: boolean;
}

export interface FaultPlan {
  seed?: number;
  faults: FaultSpec[];
}

export type CallFault =
  | { kind: 'http429' | 'http500' | 'http503' | 'sessionExpired' | 'quotaExhausted' }
  | { kind: 'drop'; afterApply: boolean; midBody: boolean };

export interface CallDecision {
  fault: CallFault | null;
  isLocked(recordKey: string): boolean;
}

interface SpecState {
  spec: FaultSpec;
  watched: number;
  fired: number;
}

const NEVER_LOCKED = (): boolean => false;

export class FaultEngine {
  private specs: SpecState[] = [];
  private rng = new Rng(1);

  constructor(plan?: FaultPlan) {
    this.setPlan(plan);
  }

  setPlan(plan: FaultPlan | undefined): void {
    this.specs = (plan?.faults ?? []).map((spec) => ({ spec, watched: 0, fired: 0 }));
    this.rng = new Rng(deriveSeed(plan?.seed ?? 1, 0xfa17));
  }

  /** Decides the fault (if any) for one call; called once per request, in arrival order. */
  decide(call: { method: string; endpoint: string; api: boolean }): CallDecision {
    let fault: CallFault | null = null;
    let isLocked: (key: string) => boolean = NEVER_LOCKED;
    for (const state of this.specs) {
      if (!watches(state.spec, call)) continue;
      state.watched += 1;
      if (!this.fires(state)) continue;
      if (state.spec.kind === 'lockRows') {
        state.fired += 1;
        isLocked = this.lockPredicate(state.spec);
      } else if (fault === null) {
        state.fired += 1;
        fault = state.spec.kind === 'drop' ? { kind: 'drop', afterApply: state.spec.dropAfterApply ?? true, midBody: state.spec.midBody ?? false } : { kind: state.spec.kind };
      }
    }
    return { fault, isLocked };
  }

  private fires(state: SpecState): boolean {
    const { spec, watched, fired } = state;
    if (spec.max !== undefined && fired >= spec.max) return false;
    const nth = spec.nth === undefined ? [] : Array.isArray(spec.nth) ? spec.nth : [spec.nth];
    if (nth.includes(watched)) return true;
    if (spec.from !== undefined && watched >= spec.from) return true;
    if (spec.probability !== undefined) return this.rng.chance(spec.probability);
    return nth.length === 0 && spec.from === undefined;
  }

  private lockPredicate(spec: FaultSpec): (key: string) => boolean {
    if (spec.recordIds !== undefined) {
      const keys = new Set(spec.recordIds.map(lockKey));
      return (key) => keys.has(lockKey(key));
    }
    const share = spec.recordProbability ?? 0.5;
    return () => this.rng.chance(share);
  }
}

function watches(spec: FaultSpec, call: { method: string; endpoint: string; api: boolean }): boolean {
  if (spec.on?.endpoint === undefined && !call.api) return false;
  return (spec.on?.method === undefined || spec.on.method === call.method) && (spec.on?.endpoint === undefined || spec.on.endpoint === call.endpoint);
}

/** Ids match in 15- or 18-character form; other keys (external ids) as written. */
function lockKey(key: string): string {
  return /^[a-zA-Z0-9]{18}$/.test(key) ? key.slice(0, 15) : key;
}
