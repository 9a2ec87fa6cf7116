/** `scoresync runs`: run history from the state store, newest first, or one run's errors with --id. */
import type { RunRecord } from '../../model/sync.js';
import { loadApp, openAppStore, type GlobalOptions } from '../context.js';
import type { Output } from '../output.js';
import { UserError } from '../user-error.js';

function line(r: RunRecord): string {
  const c = r.counts;
  const took = r.finishedAt ? `${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)}s` : '—';
  return [r.startedAt.slice(0, 19).replace('T', ' '), r.id.slice(0, 8), r.connector, r.mode, r.status, `scored ${c.scoredAccounts}`, `changed ${c.fieldsChanged}`, `tasks ${c.tasksCreated}`, `failures ${c.writeFailures}`, `calls ${c.apiCalls}`, took].join('  ');
}

export async function runsCommand(global: GlobalOptions, options: { limit: number; id?: string; json: boolean }, output: Output): Promise<void> {
  const app = loadApp(global);
  const store = await openAppStore(app);
  try {
    if (options.id) {
      const runs = await store.listRuns(1000);
      const run = runs.find((r) => r.id.startsWith(options.id ?? ''));
      if (!run) throw new UserError(`No run with id starting "${options.id}". Fix: list runs with \`scoresync runs\`.`);
      output.print(options.json ? JSON.stringify(run, null, 2) : [line(run), ...run.errors.map((e) => `  ! ${e}`)].join('\n'));
      return;
    }
    const runs = await store.listRuns(options.limit);
    if (options.json) output.print(JSON.stringify(runs, null, 2));
    else output.print(runs.length === 0 ? 'no runs yet' : runs.map(line).join('\n'));
  } finally {
    await store.close();
  }
}
