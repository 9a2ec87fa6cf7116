/**
 * `scoresync demo`: a full sync of the bundled example CRM, with no CRM account. It works on a copy under
 * .scoresync/demo (ignored by git) so tracked files never change; a second run reuses the copy and its state,
 * and so shows that an unchanged CRM costs zero writes.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { MappingFile } from '../../config/mapping-types.js';
import { EXAMPLE_ANCHOR_ISO } from '../../model/example-anchor.js';
import { loadApp, type GlobalOptions } from '../context.js';
import type { Output } from '../output.js';
import { packageRoot } from '../package-root.js';
import { daysSince, shiftDateValue } from '../shift-dates.js';
import { syncCommand } from './sync-command.js';


export interface DemoOptions {
  dir: string;
  reset: boolean;
}

export async function demoCommand(global: GlobalOptions, options: DemoOptions, output: Output, now = new Date()): Promise<void> {
  const demoDir = resolve(options.dir);
  const dataDir = join(demoDir, 'crm');
  if (options.reset) rmSync(demoDir, { recursive: true, force: true });
  const demoGlobal: GlobalOptions = { ...global, data: dataDir, state: join(demoDir, 'state.db'), connector: 'file' };
  if (!existsSync(dataDir)) {
    const app = loadApp(demoGlobal);
    const mapping = app.loaded.mappings.file;
    if (!mapping) throw new Error('the file connector has no mapping in the config');
    const days = daysSince(EXAMPLE_ANCHOR_ISO, now);
    copyShifted(join(packageRoot(), 'examples', 'crm'), dataDir, mapping, days);
    output.print(`Copied the example CRM to ${dataDir} (dates moved forward ${days} days so it looks current).`);
  } else {
    output.print(`Re-using the demo CRM in ${dataDir} (use --reset to start over).`);
  }
  await syncCommand(demoGlobal, { full: false, dryRun: false, alwaysTable: true }, output);
  output.print(
    [
      '',
      `Scores were written into ${join(dataDir, 'accounts.csv')} and ${join(dataDir, 'contacts.csv')}; tasks into ${join(dataDir, 'tasks.csv')}.`,
      `Explain one account:  npx scoresync explain <account id> --data ${dataDir} --state ${join(demoDir, 'state.db')}`,
      'Run the demo again: nothing changed, so nothing is written.',
    ].join('\n'),
  );
}

/** Date columns per file, from the mapping: every source with the `date` transform. */
function dateColumns(mapping: MappingFile): Map<string, Set<string>> {
  const byFile = new Map<string, Set<string>>();
  for (const objectMapping of Object.values(mapping.objects)) {
    if (!objectMapping) continue;
    const columns = new Set<string>();
    const sources = [objectMapping.modifiedAt, ...Object.values(objectMapping.fields), ...Object.values(objectMapping.features)];
    for (const source of sources) if (source?.transform === 'date') columns.add(source.field);
    byFile.set(`${objectMapping.object}.csv`, columns);
  }
  return byFile;
}

function copyShifted(from: string, to: string, mapping: MappingFile, days: number): void {
  mkdirSync(to, { recursive: true });
  const columnsByFile = dateColumns(mapping);
  for (const file of readdirSync(from)) {
    const columns = columnsByFile.get(file);
    if (!columns || columns.size === 0 || !file.endsWith('.csv')) {
      cpSync(join(from, file), join(to, file));
      continue;
    }
    const rows = parse(readFileSync(join(from, file)), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
    const header = rows.length > 0 ? Object.keys(rows[0] ?? {}) : [];
    for (const row of rows) for (const column of columns) if (row[column] !== undefined) row[column] = shiftDateValue(row[column], days);
    writeFileSync(join(to, file), stringify(rows, { header: true, columns: header }));
  }
}
