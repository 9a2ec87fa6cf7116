/**
 * The run lock is a short lease its holder renews (heartbeat): a live holder keeps it for as long as it runs, a dead
 * one loses it within a lease, and on the same machine a dead holder is seen at once by its pid.
 */
import { spawnSync } from 'node:child_process';
import { jest } from '@jest/globals';
import { silentLogger } from '../../src/log/logger.js';
import { openStore } from '../../src/store/open-store.js';
import type { LockHolder, StateStore } from '../../src/store/store.js';
import { currentHolder } from '../../src/sync/lock-holder.js';
import { LeaseLostError, RunLease, RunLockedError } from '../../src/sync/run-lease.js';
import { dropSchema, PG_URL, requirePostgres, uniqueSchema } from '../store/postgres-harness.js';

const T0 = new Date('2026-01-05T09:00:00.000Z');
const LEASE = { leaseMs: 30_000, renewMs: 10_000 };

/** A pid that existed a moment ago and is gone now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { env: { ...process.env, NODE_OPTIONS: '' } });
  if (!child.pid) throw new Error('could not start a child process');
  return child.pid;
}

let schemas = 0;

/** Lets real I/O (a Postgres round trip started by a fake-timer heartbeat) finish: turns of the event loop, not time. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let turn = 0; turn < 100_000; turn++) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the condition never became true');
}

/** The same lease on both stores: a dead holder is detected just as fast with Postgres (several machines) as with SQLite. */
const STORES: [string, () => Promise<{ store: StateStore; cleanup(): Promise<void> }>][] = [
  ['sqlite', async () => ({ store: await openStore({ driver: 'sqlite', path: ':memory:' }), cleanup: () => Promise.resolve() })],
  [
    'postgres',
    async () => {
      await requirePostgres();
      const schema = uniqueSchema('lease', ++schemas);
      return { store: await openStore({ driver: 'postgres', url: PG_URL, schema }), cleanup: () => dropSchema(schema) };
    },
  ],
];

describe.each(STORES)('run lease (%s)', (_driver, open) => {
  let store: StateStore;
  let cleanup: () => Promise<void>;
  let now: Date;
  const clock = (): Date => now;
  const acquire = (owner: string, holder?: LockHolder) =>
    RunLease.acquire({ store, name: 'run:file', owner, ...LEASE, now: clock, logger: silentLogger(), ...(holder ? { holder } : {}) });

  beforeEach(async () => {
    ({ store, cleanup } = await open());
    now = T0;
  });
  afterEach(async () => {
    jest.useRealTimers();
    await store.close();
    await cleanup();
  });

  it('renews its lease every renewMs while held, so a long run keeps the lock', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const lease = await acquire('run-1');
    for (let i = 1; i <= 6; i++) {
      now = new Date(T0.getTime() + i * 10_000);
      await jest.advanceTimersByTimeAsync(10_000);
      const renewed = now.toISOString();
      await until(async () => (await store.getLock('run:file'))?.renewedAt === renewed);
    }
    expect(await store.getLock('run:file')).toMatchObject({ owner: 'run-1', renewedAt: '2026-01-05T09:01:00.000Z', expiresAt: '2026-01-05T09:01:30.000Z' });
    // Another process a minute later finds a live lease and is refused.
    await expect(acquire('run-2', { host: 'elsewhere', hostKey: 'elsewhere:ns', pid: 1 })).rejects.toBeInstanceOf(RunLockedError);
    await lease.release();
    expect(await store.getLock('run:file')).toBeNull();
  });

  it('refuses while a live holder on this machine holds it, saying who, since when and for how long', async () => {
    await acquire('run-1');
    now = new Date(T0.getTime() + 4_000);
    const error = await acquire('run-2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunLockedError);
    const message = (error as Error).message;
    expect(message).toContain('run run-1');
    expect(message).toContain(`pid ${process.pid} on ${currentHolder().host}`);
    expect(message).toContain('renewed 4 s ago');
    expect(message).toContain('sync.lockLeaseSeconds');
    expect(message).toContain('scoresync unlock');
  });

  it('takes the lock over at once from a dead holder on this machine, however fresh its lease', async () => {
    const me = currentHolder();
    await store.acquireLock('run:file', 'killed-run', LEASE.leaseMs, T0, { ...me, pid: deadPid() });
    const lease = await acquire('run-2');
    expect(lease.takenFrom).toMatchObject({ owner: 'killed-run' });
    expect(lease.takeOverReason).toMatch(/^its process \(pid \d+ on .+\) is no longer running$/);
    expect(await store.getLock('run:file')).toMatchObject({ owner: 'run-2', pid: process.pid });
  });

  it('takes an expired lease from another machine, and refuses a fresh one (it cannot see that process)', async () => {
    const other = { host: 'web-2', hostKey: 'web-2:pid:[1]', pid: 77 };
    await store.acquireLock('run:file', 'remote-run', LEASE.leaseMs, T0, other);
    now = new Date(T0.getTime() + 29_000);
    const refused = await acquire('run-2').catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(/pid 77 on web-2.*expires in 1 s/);
    now = new Date(T0.getTime() + 30_000);
    const lease = await acquire('run-2');
    expect(lease.takenFrom).toMatchObject({ owner: 'remote-run', host: 'web-2' });
    expect(lease.takeOverReason).toBe('its lease expired 0 s ago (no heartbeat for 30 s)');
  });

  it('notices when another run took the lock over, and stops its holder before it writes more', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const lease = await acquire('run-1');
    lease.assertHeld();
    await store.takeOverLock('run:file', 'run-1', 'run-2', LEASE.leaseMs, T0);
    await jest.advanceTimersByTimeAsync(10_000);
    await until(() => Promise.resolve(lease.lost));
    expect(lease.lost).toBe(true);
    expect(() => lease.assertHeld()).toThrow(LeaseLostError);
    await lease.release();
    expect(await store.getLock('run:file')).toMatchObject({ owner: 'run-2' });
  });
});
