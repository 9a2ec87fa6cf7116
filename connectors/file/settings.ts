import { stat } from 'node:fs/promises';
import path from 'node:path';
import { FileConnectorError } from './errors.js';

export const DATA_DIR_FIX =
  'Fix: pass --data <folder> or set connectors.file.dataDir in config/scoresync.yaml (the shipped config reads the demo\'s copy: `scoresync demo` creates it from examples/crm).';

/** The data folder from the connector settings; relative paths are taken from the working directory. */
export function resolveDataDir(settings: Record<string, unknown>): string {
  const dataDir = settings.dataDir;
  if (typeof dataDir !== 'string' || dataDir.trim() === '') {
    throw new FileConnectorError(`The file connector needs a data folder, but none is set. ${DATA_DIR_FIX}`, 'config', 'NO_DATA_DIR');
  }
  return path.resolve(dataDir);
}

export async function assertFolderExists(dataDir: string): Promise<void> {
  const info = await stat(dataDir).catch(() => null);
  if (info === null) throw new FileConnectorError(`Data folder ${dataDir} does not exist. ${DATA_DIR_FIX}`, 'config', 'NO_DATA_DIR');
  if (!info.isDirectory()) throw new FileConnectorError(`Data path ${dataDir} is not a folder. ${DATA_DIR_FIX}`, 'config', 'NO_DATA_DIR');
}

/** An accounts file with no rows is refused unless the config says so (connectors.file.allowEmptyAccounts). */
export function allowsEmptyAccounts(settings: Record<string, unknown>): boolean {
  return settings.allowEmptyAccounts === true;
}
