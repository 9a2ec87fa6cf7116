/**
 * Replace a file so that a kill at any instant leaves either the old file or the new one, never half of each:
 * write a temp file in the same folder (same file system, so rename is atomic), give it the old file's mode and owner,
 * fsync it, rename it over the target, then fsync the folder so the rename itself survives a power cut.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** What the replacement keeps of the file it replaces. */
export interface FileIdentity {
  mode: number;
  uid: number;
  gid: number;
}

/** The disk operations an atomic write needs; injectable so tests can make one of them fail. */
export interface FileOps {
  writeAndSync(filePath: string, data: Buffer, like?: FileIdentity): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(filePath: string): Promise<void>;
}

export const nodeFileOps: FileOps = {
  async writeAndSync(filePath, data, like) {
    const handle = await open(filePath, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      if (like) {
        await handle.chmod(like.mode);
        if (like.uid !== process.getuid?.() || like.gid !== process.getgid?.()) {
          await handle.chown(like.uid, like.gid).catch((error: unknown) => {
            throw new Error(
              `cannot give the new file the owner of the old one (uid ${like.uid}, gid ${like.gid}) as this user: ${String(error)}. ` +
                'Run ScoreSync as the file owner, or change the owner of the file',
            );
          });
        }
      }
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

/** Temp files start with a dot and end in .<uuid>.tmp so they are easy to recognise (and never mistaken for data). */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
}

const OUR_TEMP_FILE = /^\..+\.(csv|json)\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/** Removes the temp files of writes a killed process never finished (only names `tempPathFor` makes); returns their names. */
export async function removeStaleTempFiles(folder: string, ops: FileOps = nodeFileOps): Promise<string[]> {
  const names = (await readdir(folder)).filter((name) => OUR_TEMP_FILE.test(name));
  for (const name of names) await ops.remove(path.join(folder, name));
  return names;
}

async function identityOf(target: string): Promise<FileIdentity | undefined> {
  const info = await stat(target).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  });
  if (info === null) return undefined;
  // Replacing by rename needs only the folder to be writable: the file's own permission is what says whether we may.
  await access(target, constants.W_OK).catch(() => {
    throw new Error(`${path.basename(target)} is not writable by this user (mode ${(info.mode & 0o777).toString(8)}); make it writable to let ScoreSync update it`);
  });
  return { mode: info.mode & 0o7777, uid: info.uid, gid: info.gid };
}

export async function writeFileAtomically(target: string, data: Buffer, ops: FileOps = nodeFileOps): Promise<void> {
  const like = await identityOf(target);
  const temp = tempPathFor(target);
  try {
    await ops.writeAndSync(temp, data, like);
    await ops.rename(temp, target);
  } catch (error) {
    await ops.remove(temp).catch(() => undefined);
    throw error;
  }
}
