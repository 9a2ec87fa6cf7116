/** Temp-dir copies of the repo's config layout (config/, mappings/) for loading with edits. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const REPO_CONFIG = join(REPO, 'config/scoresync.yaml');
export const REPO_FILE_MAPPING = join(REPO, 'mappings/file.yaml');
const REPO_SALESFORCE_MAPPING = join(REPO, 'mappings/salesforce.yaml');
const REPO_SCORING = join(REPO, 'config/scoring.yaml');

export interface Project {
  dir: string;
  configPath: string;
  mappingPath: string;
  scoringPath: string;
  write(relativePath: string, text: string): string;
  cleanup(): void;
}

/**
 * A project folder holding copies of config/scoresync.yaml, mappings/file.yaml and mappings/salesforce.yaml. The scoring file is the
 * repo's own when it exists, else an empty map (its schema belongs to the scoring work and fills defaults).
 */
export function makeProject(): Project {
  const dir = mkdtempSync(join(tmpdir(), 'scoresync-config-'));
  mkdirSync(join(dir, 'config'));
  mkdirSync(join(dir, 'mappings'));
  const configPath = join(dir, 'config/scoresync.yaml');
  const mappingPath = join(dir, 'mappings/file.yaml');
  const scoringPath = join(dir, 'config/scoring.yaml');
  copyFileSync(REPO_CONFIG, configPath);
  copyFileSync(REPO_FILE_MAPPING, mappingPath);
  // The shipped config has a live salesforce section, so its mapping must be there too.
  copyFileSync(REPO_SALESFORCE_MAPPING, join(dir, 'mappings/salesforce.yaml'));
  if (existsSync(REPO_SCORING)) copyFileSync(REPO_SCORING, scoringPath);
  else writeFileSync(scoringPath, '{}\n');
  return {
    dir,
    configPath,
    mappingPath,
    scoringPath,
    write(relativePath, text) {
      const path = join(dir, relativePath);
      writeFileSync(path, text);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function readRepoFile(path: string): string {
  return readFileSync(path, 'utf8');
}

/** The error thrown by `fn`, failing the test when nothing is thrown. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but none was thrown');
}
