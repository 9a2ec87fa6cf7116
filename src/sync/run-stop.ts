/**
 * Stopping a run between batches (`scoresync serve` on SIGTERM): the engine confirms its lock before every scored
 * batch and every CRM write batch; once the stop signal fires, that confirmation throws RunStoppedError instead. What
 * was scored is persisted batch by batch and what was planned stays in the outbox, so the next run finishes the work.
 */
export class RunStoppedError extends Error {
  constructor(reason: string) {
    super(`stopped between batches: ${reason}. What it scored is saved and its planned writes stay queued for the next run.`);
    this.name = 'RunStoppedError';
  }
}

export function stopAware(lease: { confirm(): Promise<void> }, stop: AbortSignal | undefined): { confirm(): Promise<void> } {
  if (stop === undefined) return lease;
  return {
    async confirm() {
      if (stop.aborted) throw new RunStoppedError(typeof stop.reason === 'string' ? stop.reason : 'the service is shutting down');
      await lease.confirm();
    },
  };
}
