/**
 * A small RAM file system that really fills up (ENOSPC), for the "state store on a full disk" tests. Mounting needs
 * root (or CAP_SYS_ADMIN), which the project's test machine and CI have; elsewhere `mountTmpfs` returns null and the
 * tests that need it are reported as skipped, with the reason in their name.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  dir: string;
  unmount(): void;
}

export function mountTmpfs(kilobytes: number): Tmpfs | null {
  const dir = mkdtempSync(join(tmpdir(), 'scoresync-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether this machine lets the tests mount one (checked once, by mounting and unmounting). */
export const CAN_MOUNT_TMPFS = ((): boolean => {
  const probe = mountTmpfs(64);
  probe?.unmount();
  return probe !== null;
})();
