/** `scoresync import-intent <csv>`: load third-party topic intent (Bombora-style) into the state store. */
import { basename } from 'node:path';
import { readIntentFile, summarizeIntentImport } from '../../intent/index.js';
import type { StateStore } from '../../store/store.js';
import { connectorName, loadApp, openAppStore, type GlobalOptions } from '../context.js';
import type { Output } from '../output.js';

export interface IntentImportReport {
  file: string;
  rows: number;
  imported: number;
  rejected: number;
  rejects: { location: string; field?: string; reason: string }[];
  stored: number;
  /** Distinct domains in the imported rows, and how many of them are an account's domain (only those score). */
  domains: number;
  domainsMatched: number;
  text: string;
}

/** Imports the file and makes the next run rescore every account (intent rows are matched to accounts by domain). */
export async function importIntent(store: StateStore, source: string, path: string, now: Date): Promise<IntentImportReport> {
  const result = await readIntentFile(path, { now });
  const stored = await store.upsertIntent(result.signals);
  await store.setWatermark(source, 'rescore-all', new Date(0).toISOString());
  const accountDomains = new Set((await store.accountMatchKeys(source)).map((k) => k.domain).filter((d): d is string => d !== null));
  const domains = new Set(result.signals.map((s) => s.domain));
  const domainsMatched = [...domains].filter((d) => accountDomains.has(d)).length;
  const matched =
    accountDomains.size === 0
      ? 'no accounts pulled yet to match them to (run `scoresync run` or `plan` first)'
      : `${domainsMatched} of ${domains.size} domain(s) match an account`;
  const text = `${summarizeIntentImport(result, basename(path))}\n${stored} intent rows stored; ${matched}; the next run rescores every account.`;
  return {
    file: path,
    rows: result.signals.length + result.rejects.length,
    imported: result.signals.length,
    rejected: result.rejects.length,
    rejects: result.rejects,
    stored,
    domains: domains.size,
    domainsMatched,
    text,
  };
}

export async function importIntentFile(store: StateStore, source: string, path: string, now: Date): Promise<string> {
  return (await importIntent(store, source, path, now)).text;
}

export async function importIntentCommand(global: GlobalOptions, path: string, output: Output): Promise<void> {
  const app = loadApp(global);
  const store = await openAppStore(app);
  try {
    const report = await importIntent(store, connectorName(app, global), path, new Date());
    if (global.json) {
      const { text: _text, ...json } = report;
      void _text;
      output.print(JSON.stringify(json, null, 2));
    } else {
      output.print(report.text);
    }
  } finally {
    await store.close();
  }
}
