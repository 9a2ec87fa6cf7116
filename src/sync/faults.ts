/**
 * Fault hooks let tests stop a run at the exact points where a crash or kill hurts most. Production code never
 * sets them; each hook may throw to simulate the process dying there.
 */
export type FaultPoint =
  /** The run holds the lock and its record says `running`. */
  | 'afterLock'
  | 'afterPullPage'
  /** Inside a scoring batch's transaction, after the plan was written and before the scoring state. */
  | 'afterEnqueue'
  /** After a scoring batch's transaction committed. */
  | 'afterScoreBatch'
  | 'beforePush'
  /** The CRM has answered for a batch; nothing of that answer is recorded yet. */
  | 'afterCrmWrite'
  | 'afterPushBatch';

/** Every point, in the order a run passes them (tests kill a run at each). */
export const FAULT_POINTS: readonly FaultPoint[] = ['afterLock', 'afterPullPage', 'afterEnqueue', 'afterScoreBatch', 'beforePush', 'afterCrmWrite', 'afterPushBatch'];

export type FaultHooks = Partial<Record<FaultPoint, () => void>>;

export function fault(hooks: FaultHooks | undefined, point: FaultPoint): void {
  hooks?.[point]?.();
}

/** Thrown by a fault hook in tests to mimic a kill; the engine lets it propagate untouched. */
export class SimulatedCrash extends Error {
  constructor(readonly point: FaultPoint) {
    super(`simulated crash at ${point}`);
    this.name = 'SimulatedCrash';
  }
}
