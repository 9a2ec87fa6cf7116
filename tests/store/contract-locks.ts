import type { ContractContext } from './contract.js';

const at = (iso: string): Date => new Date(iso);
const NOW = '2024-03-01T10:00:00.000Z';
const TTL = 60_000;

export function lockContract({ open }: ContractContext): void {
  it('grants a free lock, refuses another owner while the lease runs, and lets the holder re-acquire', async () => {
    const store = await open();
    expect(await store.acquireLock('run:file', 'p1', TTL, at(NOW))).toBe(true);
    expect(await store.acquireLock('run:file', 'p2', TTL, at('2024-03-01T10:00:59.999Z'))).toBe(false);
    expect(await store.acquireLock('run:file', 'p1', TTL, at('2024-03-01T10:00:30.000Z'))).toBe(true);
    expect(await store.acquireLock('run:hubspot', 'p2', TTL, at(NOW))).toBe(true);
  });

  it('hands an expired lease to the next owner', async () => {
    const store = await open();
    await store.acquireLock('run:file', 'p1', TTL, at(NOW));
    expect(await store.acquireLock('run:file', 'p2', TTL, at('2024-03-01T10:01:00.000Z'))).toBe(true);
    expect(await store.renewLock('run:file', 'p1', TTL, at('2024-03-01T10:01:00.000Z'))).toBe(false);
    expect(await store.acquireLock('run:file', 'p1', TTL, at('2024-03-01T10:01:30.000Z'))).toBe(false);
  });

  it('renews only for the holder, pushing the expiry out', async () => {
    const store = await open();
    await store.acquireLock('run:file', 'p1', TTL, at(NOW));
    expect(await store.renewLock('run:file', 'p2', TTL, at('2024-03-01T10:00:50.000Z'))).toBe(false);
    expect(await store.renewLock('run:file', 'p1', TTL, at('2024-03-01T10:00:50.000Z'))).toBe(true);
    expect(await store.acquireLock('run:file', 'p2', TTL, at('2024-03-01T10:01:30.000Z'))).toBe(false);
    expect(await store.acquireLock('run:file', 'p2', TTL, at('2024-03-01T10:01:50.000Z'))).toBe(true);
    expect(await store.renewLock('run:unknown', 'p1', TTL, at(NOW))).toBe(false);
  });

  it('releases only the holder’s lock', async () => {
    const store = await open();
    await store.acquireLock('run:file', 'p1', TTL, at(NOW));
    await store.releaseLock('run:file', 'p2');
    expect(await store.acquireLock('run:file', 'p2', TTL, at(NOW))).toBe(false);
    await store.releaseLock('run:file', 'p1');
    expect(await store.acquireLock('run:file', 'p2', TTL, at(NOW))).toBe(true);
  });

  it('stores who holds the lock, and when it was taken and last renewed', async () => {
    const store = await open();
    const holder = { host: 'web-1', hostKey: 'web-1:pid:[4026531836]', pid: 4242 };
    expect(await store.getLock('run:file')).toBeNull();
    await store.acquireLock('run:file', 'p1', TTL, at(NOW), holder);
    await store.renewLock('run:file', 'p1', TTL, at('2024-03-01T10:00:10.000Z'));
    expect(await store.getLock('run:file')).toEqual({
      name: 'run:file',
      owner: 'p1',
      expiresAt: '2024-03-01T10:01:10.000Z',
      acquiredAt: NOW,
      renewedAt: '2024-03-01T10:00:10.000Z',
      ...holder,
    });
    await store.releaseLock('run:file', 'p1');
    expect(await store.getLock('run:file')).toBeNull();
  });

  it('takes a lock over from a named dead owner only while that owner still holds it', async () => {
    const store = await open();
    const next = { host: 'web-1', hostKey: 'web-1:ns', pid: 5000 };
    await store.acquireLock('run:file', 'dead', TTL, at(NOW), { host: 'web-1', hostKey: 'web-1:ns', pid: 4999 });
    expect(await store.takeOverLock('run:file', 'someone-else', 'p2', TTL, at(NOW), next)).toBe(false);
    expect(await store.takeOverLock('run:file', 'dead', 'p2', TTL, at(NOW), next)).toBe(true);
    expect(await store.getLock('run:file')).toMatchObject({ owner: 'p2', pid: 5000, acquiredAt: NOW });
    expect(await store.takeOverLock('run:file', 'dead', 'p3', TTL, at(NOW), next)).toBe(false);
    expect(await store.takeOverLock('run:none', 'dead', 'p3', TTL, at(NOW), next)).toBe(false);
  });

  it('lets exactly one of two store instances on the same database win a race for the lock', async () => {
    const first = await open();
    const second = await open();
    for (let round = 0; round < 5; round++) {
      const name = `race-${round}`;
      const results = await Promise.all([first.acquireLock(name, 'p1', TTL, at(NOW)), second.acquireLock(name, 'p2', TTL, at(NOW))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const loser = results[0] ? second : first;
      expect(await loser.acquireLock(name, results[0] ? 'p2' : 'p1', TTL, at(NOW))).toBe(false);
    }
  });
}
