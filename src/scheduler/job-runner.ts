/** What each kind of scheduled job does once its tick is won. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { importIntentFile } from '../cli/commands/import-intent.js';
import type { RunManager } from '../server/run-manager.js';
import type { StateStore } from '../store/store.js';
import type { ScheduledJob } from './jobs.js';
import type { JobRunner } from './scheduler.js';

export function serviceJobRunner(runs: RunManager, store: StateStore, instanceId: string, now: () => Date): JobRunner {
  return {
    async run(job, trigger) {
      if (job.kind === 'intent') return { summary: await importIntentFolder(runs, store, job, instanceId, now) };
      const run = await runs.start(job.connector, { full: job.kind === 'full', dryRun: false, trigger });
      return { runId: run.runId, summary: `${job.kind === 'full' ? 'full' : 'incremental'} run ${run.runId} started` };
    },
  };
}

/**
 * Imports every CSV of the folder (rows are keyed by domain, topic, date and source, so a file imported again adds
 * nothing) under the connector's run lock, so the "rescore every account" mark it sets cannot be overwritten by a run
 * that started before it.
 */
async function importIntentFolder(runs: RunManager, store: StateStore, job: ScheduledJob, instanceId: string, now: () => Date): Promise<string> {
  const folder = job.folder!;
  const files = (await readdir(folder)).filter((f) => f.toLowerCase().endsWith('.csv')).sort();
  if (files.length === 0) return `no CSV files in ${folder}`;
  return runs.withConnectorLock(job.connector, `intent-import:${instanceId}`, async () => {
    const summaries: string[] = [];
    for (const file of files) summaries.push(await importIntentFile(store, job.connector, join(folder, file), now()));
    return `imported ${files.length} intent file(s) from ${folder}: ${summaries.map((s) => s.split('\n').at(-1)).join(' ')}`;
  });
}
