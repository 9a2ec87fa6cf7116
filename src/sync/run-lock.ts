import type { EngineDeps } from './engine-deps.js';

export class RunLockedError extends Error {
  constructor(connector: string, ttlSeconds: number) {
    super(
      `Another ScoreSync run for connector "${connector}" holds the run lock. Wait for it to finish; if that process was killed, ` +
        `its lease expires within ${ttlSeconds} s (sync.lockTtlSeconds) and the next run takes over.`,
    );
    this.name = 'RunLockedError';
  }
}

/** Runs `body` holding a renewable lease, so two schedulers never push the same outbox and a killed run blocks only until its lease expires. */
export async function withRunLock<T>(deps: EngineDeps, owner: string, body: () => Promise<T>): Promise<T> {
  const name = `run:${deps.connector.name}`;
  const ttlMs = deps.settings.lockTtlSeconds * 1000;
  if (!(await deps.store.acquireLock(name, owner, ttlMs, deps.now()))) {
    throw new RunLockedError(deps.connector.name, deps.settings.lockTtlSeconds);
  }
  const renew = setInterval(() => {
    deps.store.renewLock(name, owner, ttlMs, deps.now()).catch((error: unknown) => {
      deps.logger.warn('could not renew the run lock', { error: error instanceof Error ? error.message : String(error) });
    });
  }, Math.max(1000, ttlMs / 3));
  renew.unref();
  try {
    return await body();
  } finally {
    clearInterval(renew);
    await deps.store.releaseLock(name, owner);
  }
}
