/**
 * Who holds a lock, and whether that holder is still alive. A holder on this machine (same host name and process-id
 * namespace, so two containers with one host name are told apart) is alive exactly while its pid runs; one elsewhere is
 * presumed alive while its lease is fresh, since only its heartbeat can say otherwise.
 */
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { LockHolder, LockInfo } from '../store/store.js';

/** Inside a container the pid namespace differs from the host's even when the host name is the same. */
function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

export function currentHolder(): LockHolder {
  const host = hostname();
  return { host, hostKey: `${host}/${pidNamespace()}`, pid: process.pid };
}

/** Signal 0 checks existence only; EPERM means the process exists but belongs to another user. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

export type HolderVerdict = { state: 'expired' | 'dead'; reason: string } | { state: 'alive'; reason: string };

const seconds = (ms: number): number => Math.max(0, Math.round(ms / 1000));

/** Whether the lock's holder may be replaced now, and why (for the run record of the run that takes over). */
export function judgeHolder(lock: LockInfo, now: Date, self: LockHolder = currentHolder()): HolderVerdict {
  const left = Date.parse(lock.expiresAt) - now.getTime();
  if (left <= 0) {
    const silent = lock.renewedAt === null ? '' : ` (no heartbeat for ${seconds(now.getTime() - Date.parse(lock.renewedAt))} s)`;
    return { state: 'expired', reason: `its lease expired ${seconds(-left)} s ago${silent}` };
  }
  if (lock.hostKey !== undefined && lock.hostKey === self.hostKey && lock.pid !== undefined && !processAlive(lock.pid)) {
    return { state: 'dead', reason: `its process (pid ${lock.pid} on ${lock.host ?? 'this machine'}) is no longer running` };
  }
  return { state: 'alive', reason: describeHolder(lock, now) };
}

/** "run 1a2b… (pid 123 on web-1), started 40 s ago, renewed 4 s ago; its lease expires in 26 s". */
export function describeHolder(lock: LockInfo, now: Date): string {
  const who = lock.pid !== undefined ? ` (pid ${lock.pid} on ${lock.host ?? 'an unknown host'})` : '';
  const ago = (iso: string | null): string => (iso === null ? '' : `${seconds(now.getTime() - Date.parse(iso))} s ago`);
  const started = lock.acquiredAt === null ? '' : `, started ${ago(lock.acquiredAt)}`;
  const renewed = lock.renewedAt === null ? '' : `, renewed ${ago(lock.renewedAt)}`;
  return `run ${lock.owner}${who}${started}${renewed}; its lease expires in ${seconds(Date.parse(lock.expiresAt) - now.getTime())} s`;
}

/** Whether the holder is on this machine (so its pid can be checked). */
export function sameMachine(lock: LockInfo, self: LockHolder = currentHolder()): boolean {
  return lock.hostKey !== undefined && lock.hostKey === self.hostKey;
}
