/**
 * Loads mappings/file.yaml for tests. The real config loader is written elsewhere; this applies the two YAML
 * shorthands the mapping format allows (a bare column name, a missing transform) so the result is a MappingFile.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { FieldSource, MappingFile, ObjectMapping } from '../../src/config/mapping-types.js';

type RawSource = string | (Partial<FieldSource> & { field: string });

function source(raw: RawSource): FieldSource {
  if (typeof raw === 'string') return { field: raw, transform: 'string' };
  return { transform: 'string', ...raw };
}

function sources(raw: Record<string, RawSource> | undefined): Record<string, FieldSource> {
  return Object.fromEntries(Object.entries(raw ?? {}).map(([name, s]) => [name, source(s)]));
}

export function loadFileMapping(): MappingFile {
  const text = readFileSync(path.join(process.cwd(), 'mappings', 'file.yaml'), 'utf8');
  const raw = parse(text) as { connector: string; objects: Record<string, Record<string, unknown>>; tasks?: MappingFile['tasks'] };
  const objects: MappingFile['objects'] = {};
  for (const [kind, object] of Object.entries(raw.objects)) {
    const mapping: ObjectMapping = {
      object: object.object as string,
      id: source(object.id as RawSource),
      fields: sources(object.fields as Record<string, RawSource>),
      features: sources(object.features as Record<string, RawSource>),
      outputs: (object.outputs ?? {}) as ObjectMapping['outputs'],
    };
    if (object.modifiedAt !== undefined) mapping.modifiedAt = source(object.modifiedAt as RawSource);
    objects[kind as keyof MappingFile['objects']] = mapping;
  }
  return { connector: raw.connector, objects, tasks: raw.tasks };
}
