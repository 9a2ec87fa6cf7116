/** `scoresync import-intent <csv>`: load third-party topic intent (Bombora-style) into the state store. */
import { basename } from 'node:path';
import { readIntentFile, summarizeIntentImport } from '../../intent/index.js';
import type { StateStore } from '../../store/store.js';
import { connectorName, loadApp, openAppStore, type GlobalOptions } from '../context.js';
import type { Output } from '../output.js';

/** Imports the file and makes the next run rescore every account (intent rows are matched to accounts by domain). */
export async function importIntentFile(store: StateStore, source: string, path: string, now: Date): Promise<string> {
  const result = await readIntentFile(path, { now });
  const stored = await store.upsertIntent(result.signals);
  await store.setWatermark(source, 'rescore-all', new Date(0).toISOString());
  return `${summarizeIntentImport(result, basename(path))}\n${stored} intent rows stored; the next run rescores every account.`;
}

export async function importIntentCommand(global: GlobalOptions, path: string, output: Output): Promise<void> {
  const app = loadApp(global);
  const store = await openAppStore(app);
  try {
    output.print(await importIntentFile(store, connectorName(app, global), path, new Date()));
  } finally {
    await store.close();
  }
}
