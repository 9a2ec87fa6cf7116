import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileConnector, type FileConnectorOptions } from '../../connectors/file/index.js';
import type { Connector, PullPage } from '../../src/connector/connector.js';
import type { MappingFile } from '../../src/config/mapping-types.js';
import { silentLogger } from '../../src/log/logger.js';
import type { ObjectKind } from '../../src/model/records.js';
import { loadFileMapping } from './file-mapping.js';

export const FIXED_NOW = new Date('2025-06-01T12:00:00.000Z');

export interface DataFolder {
  dir: string;
  write(name: string, content: string): void;
  files(): string[];
  remove(): void;
}

export function dataFolder(): DataFolder {
  const dir = mkdtempSync(path.join(tmpdir(), 'scoresync-file-'));
  return {
    dir,
    write: (name, content) => writeFileSync(path.join(dir, name), content, 'utf8'),
    files: () => readdirSync(dir).sort(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function fileConnector(dir: string, options: FileConnectorOptions = {}, mapping: MappingFile = loadFileMapping(), settings: Record<string, unknown> = {}): Connector {
  return createFileConnector({ mapping, settings: { dataDir: dir, ...settings }, logger: silentLogger() }, { now: () => FIXED_NOW, ...options });
}

export async function pullAll<K extends ObjectKind>(connector: Connector, kind: K, since: string | null = null): Promise<PullPage<K>[]> {
  const pages: PullPage<K>[] = [];
  for await (const page of connector.pull(kind, { since })) pages.push(page);
  return pages;
}

export const ACCOUNT_HEADER = 'id,name,website,industry,employees,annual_revenue,country,technologies,owner_id,is_customer,tier_override,funding_stage,modified_at,fit_score';
