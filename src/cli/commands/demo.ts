/**
 * `scoresync demo`: a full sync of the bundled example CRM, with no CRM account. It works on a copy under
 * .scoresync/demo (ignored by git) so tracked files never change; a second run reuses the copy and its state,
 * and so shows that an unchanged CRM costs zero writes.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayPath } from '../../config/display-path.js';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { MappingFile } from '../../config/mapping-types.js';
import { EXAMPLE_ANCHOR_ISO } from '../../model/example-anchor.js';
import { loadApp, openAppStore, type GlobalOptions } from '../context.js';
import { importIntentFile } from './import-intent.js';
import type { Output } from '../output.js';
import { packageRoot } from '../package-root.js';
import { daysSince, shiftDateValue } from '../shift-dates.js';
import { syncCommand } from './sync-command.js';


export interface DemoOptions {
  dir: string;
  reset: boolean;
}

export async function demoCommand(global: GlobalOptions, options: DemoOptions, stdout: Output, now = new Date()): Promise<void> {
  // With --json, stdout carries only the run's JSON: the narration is for people.
  const output: Output = global.json ? { ...stdout, print: () => undefined } : stdout;
  const demoDir = resolve(options.dir);
  const dataDir = join(demoDir, 'crm');
  if (options.reset) rmSync(demoDir, { recursive: true, force: true });
  const demoGlobal: GlobalOptions = { ...global, data: dataDir, state: join(demoDir, 'state.db'), connector: 'file' };
  if (!existsSync(dataDir)) {
    const app = loadApp(demoGlobal);
    const mapping = app.loaded.mappings.file;
    if (!mapping) throw new Error('the file connector has no mapping in the config');
    const days = daysSince(EXAMPLE_ANCHOR_ISO, now);
    const examples = join(packageRoot(), 'examples');
    copyShifted(join(examples, 'crm'), dataDir, dateColumns(mapping), days);
    copyShifted(examples, demoDir, new Map([['intent.csv', new Set(['Date'])]]), days, ['intent.csv']);
    output.print(`Copied the example CRM to ${displayPath(dataDir)} (dates moved forward ${days} days so it looks current).`);
    const store = await openAppStore(app);
    try {
      output.print(await importIntentFile(store, 'file', join(demoDir, 'intent.csv'), now));
    } finally {
      await store.close();
    }
  } else {
    output.print(`Re-using the demo CRM in ${displayPath(dataDir)} (use --reset to start over).`);
  }
  await syncCommand(demoGlobal, { full: false, dryRun: false }, stdout);
  const data = displayPath(dataDir);
  const state = displayPath(join(demoDir, 'state.db'));
  // The shipped config reads this very copy and state, so with the default --dir no flags are needed afterwards.
  const shipped = demoDir === resolve('.scoresync/demo');
  const flags = shipped ? '' : ` --data ${data} --state ${state}`;
  output.print(
    [
      '',
      `Scores were written into ${join(data, 'accounts.csv')}, ${join(data, 'contacts.csv')} and ${join(data, 'leads.csv')}; tasks into ${join(data, 'tasks.csv')}.`,
      `Explain an account:  node dist/src/cli/main.js explain "${sampleAccount(dataDir)}"${flags}`,
      `Explain a lead:      node dist/src/cli/main.js explain <lead id from leads.csv>${flags}`,
      `The run history:     node dist/src/cli/main.js runs${flags}`,
      shipped
        ? `The shipped config (config/scoresync.yaml) reads this copy and its state (${state}): runs, explain and plan find them.`
        : `State: ${state}. Other commands need --data ${data} --state ${state} to find this demo.`,
      'Run the demo again: nothing has changed, so nothing is written.',
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

/** Copies `files` (default: every file) from one folder to another, moving the named date columns by `days`. */
function copyShifted(from: string, to: string, columnsByFile: Map<string, Set<string>>, days: number, files?: string[]): void {
  mkdirSync(to, { recursive: true });
  for (const file of files ?? readdirSync(from)) {
    const columns = columnsByFile.get(file);
    if (!columns || columns.size === 0 || !file.endsWith('.csv')) {
      cpSync(join(from, file), join(to, file));
      continue;
    }
    const rows = parse(readFileSync(join(from, file)), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
    if (rows.length === 0) {
      cpSync(join(from, file), join(to, file)); // nothing to shift; keep the header as it is
      continue;
    }
    const header = Object.keys(rows[0] ?? {});
    for (const row of rows) for (const column of columns) if (row[column] !== undefined) row[column] = shiftDateValue(row[column], days);
    writeFileSync(join(to, file), stringify(rows, { header: true, columns: header }));
  }
}

/** The most interesting account to look at first: a Tier 1, else a qualified one, else the first. */
function sampleAccount(dataDir: string): string {
  const rows = parse(readFileSync(join(dataDir, 'accounts.csv')), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  const pick = rows.find((r) => r.tier === 'Tier 1') ?? rows.find((r) => r.qualified === 'true') ?? rows[0];
  return pick?.name ?? '';
}
