/**
 * Replace a file so that a kill at any instant leaves either the old file or the new one, never half of each:
 * write a temp file in the same folder (same file system, so rename is atomic), fsync it, rename it over the target,
 * then fsync the folder so the rename itself survives a power cut.
 */
import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** The disk operations an atomic write needs; injectable so tests can make one of them fail. */
export interface FileOps {
  writeAndSync(filePath: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(filePath: string): Promise<void>;
}

export const nodeFileOps: FileOps = {
  async writeAndSync(filePath, data) {
    const handle = await open(filePath, 'wx');
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async rename(from, to) {
    await rename(from, to);
    await syncFolder(path.dirname(to));
  },
  async remove(filePath) {
    await rm(filePath, { force: true });
  },
};

/** Some platforms cannot open a folder for fsync; the rename has still happened, so that is not an error. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null);
  if (handle === null) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** Temp files start with a dot and end in .tmp so they are easy to recognise (and never mistaken for data). */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
}

export async function writeFileAtomically(target: string, data: string, ops: FileOps = nodeFileOps): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await ops.writeAndSync(temp, data);
    await ops.rename(temp, target);
  } catch (error) {
    await ops.remove(temp).catch(() => undefined);
    throw error;
  }
}
