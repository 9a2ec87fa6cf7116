/** How a file and a location inside a file are shown in messages. */
import { isAbsolute, relative } from 'node:path';

/** A path relative to the working directory when the file is inside it (short and clickable), else absolute. */
export function displayPath(absolutePath: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, absolutePath);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolutePath;
}

/** `sync.overlapMinutes`, `tiers[0].name`, `values["email open"]` — the path as a person would type it in YAML. */
export function formatYamlPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** The value found at `path` inside parsed YAML data, or undefined. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
