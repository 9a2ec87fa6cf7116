/**
 * A lease on a named lock that its holder renews while it works (a heartbeat): a run killed by SIGKILL stops renewing
 * and is replaced within one lease (30 s by default), at once when the next run is on the same machine and sees its pid
 * gone. A holder that finds its lease taken over stops before it writes more. A long-lived process (`scoresync serve`)
 * holds one the same way: acquire, let it renew, `assertHeld()` before each piece of work, release at the end.
 */
import type { Logger } from '../log/logger.js';
import type { LockHolder, LockInfo, StateStore } from '../store/store.js';
import { currentHolder, judgeHolder } from './lock-holder.js';

export interface LeaseOptions {
  store: StateStore;
  /** The lock's name: `run:<connector>` for sync runs (`runLockName`). */
  name: string;
  /** Who holds it: a run id, or a serving instance's id. */
  owner: string;
  /** How long the lock stays taken without a renewal. */
  leaseMs: number;
  /** How often the holder renews it; well under leaseMs so one slow renewal does not lose it. */
  renewMs: number;
  now: () => Date;
  logger: Logger;
  /** Default: this process on this machine. */
  holder?: LockHolder;
}

/** The lock every sync run of a connector holds (runs, dry runs and retries alike). */
export function runLockName(connector: string): string {
  return `run:${connector}`;
}

export class RunLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunLockedError';
  }
}

/** The holder lost its lease to another process (it stopped renewing for longer than the lease, or was unlocked). */
export class LeaseLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeaseLostError';
  }
}

export class RunLease {
  private timer: NodeJS.Timeout | undefined;
  private lostReason: string | null = null;
  private renewedAt: number;

  private constructor(
    private readonly options: LeaseOptions,
    /** The holder this lease replaced (expired, or dead on this machine); null when the lock was free. */
    readonly takenFrom: LockInfo | null,
    /** Why that holder could be replaced, in words. */
    readonly takeOverReason: string | null,
  ) {
    this.renewedAt = options.now().getTime();
    this.timer = setInterval(() => void this.renew(), options.renewMs);
    // The heartbeat must never be what keeps a finished process alive.
    this.timer.unref();
  }

  /** Takes the lock, or throws RunLockedError naming its live holder. */
  static async acquire(options: LeaseOptions): Promise<RunLease> {
    const { store, name, owner, leaseMs, now } = options;
    const holder = options.holder ?? currentHolder();
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await store.getLock(name);
      if (await store.acquireLock(name, owner, leaseMs, now(), holder)) {
        const replaced = before !== null && before.owner !== owner ? before : null;
        return new RunLease(options, replaced, replaced ? judgeHolder(replaced, now(), holder).reason : null);
      }
      const current = await store.getLock(name);
      // Released between the two calls: try again.
      if (current === null) continue;
      const verdict = judgeHolder(current, now(), holder);
      if (verdict.state === 'dead' && (await store.takeOverLock(name, current.owner, owner, leaseMs, now(), holder))) {
        return new RunLease(options, current, verdict.reason);
      }
      if (verdict.state === 'alive') throw new RunLockedError(lockedMessage(name, verdict.reason));
    }
    throw new RunLockedError(lockedMessage(name, 'another process keeps taking it'));
  }

  get lost(): boolean {
    return this.lostReason !== null || this.options.now().getTime() - this.renewedAt > this.options.leaseMs;
  }

  /** Throws LeaseLostError when another process may hold the lock now: call it before each piece of work that writes. */
  assertHeld(): void {
    if (!this.lost) return;
    const why = this.lostReason ?? `it could not be renewed for longer than the lease (${Math.round(this.options.leaseMs / 1000)} s)`;
    throw new LeaseLostError(
      `This run lost the lock "${this.options.name}": ${why}. It stopped before writing more; what it had not written stays queued for the run that holds the lock now.`,
    );
  }

  /**
   * Renews the lease now and throws LeaseLostError if another process holds the lock: call it before each piece of
   * work that writes (the engine does before every CRM batch), so a holder that stalled past its lease never writes
   * beside the run that took over.
   */
  async confirm(): Promise<void> {
    await this.renew();
    this.assertHeld();
  }

  /** One heartbeat; false once the lease is lost. Failures to reach the store are retried at the next beat. */
  async renew(): Promise<boolean> {
    if (this.lostReason !== null) return false;
    const { store, name, owner, leaseMs, now, logger } = this.options;
    try {
      if (await store.renewLock(name, owner, leaseMs, now())) {
        this.renewedAt = now().getTime();
        return true;
      }
      const holder = await store.getLock(name).catch(() => null);
      this.lostReason = holder === null ? 'it was released (scoresync unlock?)' : `run ${holder.owner} took it over`;
      this.stopHeartbeat();
      logger.error('lost the run lock; stopping before writing more', { lock: name, reason: this.lostReason });
      return false;
    } catch (error) {
      logger.warn('could not renew the run lock; trying again at the next heartbeat', { lock: name, error: error instanceof Error ? error.message : String(error) });
      return !this.lost;
    }
  }

  async release(): Promise<void> {
    this.stopHeartbeat();
    await this.options.store.releaseLock(this.options.name, this.options.owner);
  }

  private stopHeartbeat(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

function lockedMessage(name: string, holder: string): string {
  const connector = name.startsWith('run:') ? name.slice(4) : name;
  return (
    `Another ScoreSync run for connector "${connector}" holds the run lock: ${holder}. Wait for it to finish. ` +
    `A killed run's lock is taken over when its lease runs out (sync.lockLeaseSeconds), at once by a run on the same machine; ` +
    `\`scoresync unlock --connector ${connector}\` releases it if you know that process is gone.`
  );
}
