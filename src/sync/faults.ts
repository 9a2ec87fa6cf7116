/**
 * Fault hooks let tests stop a run at the exact points where a crash or kill hurts most. Production code never
 * sets them; each hook may throw to simulate the process dying there.
 */
export type FaultPoint =
  | 'afterPullPage'
  | 'afterEnqueue'
  | 'beforePush'
  | 'afterCrmWrite'
  | 'afterPushBatch';

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
