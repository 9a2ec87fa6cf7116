/** `scoresync runs`: run history from the state store, newest first, or one run's errors and waiting writes with --id. */
import type { OutboxItem, RunRecord } from '../../model/sync.js';
import type { StateStore } from '../../store/store.js';
import { loadApp, openAppStore, type GlobalOptions } from '../context.js';
import type { Output } from '../output.js';
import { UserError } from '../user-error.js';
import { displayPath } from '../../config/display-path.js';

function line(r: RunRecord): string {
  const c = r.counts;
  const took = r.finishedAt ? `${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)}s` : '—';
  const waiting = c.writesWaiting > 0 ? [`waiting ${c.writesWaiting}`] : [];
  // A dry run (plan) wrote nothing: say so, and show what it would have done instead of zeros.
  const dry = r.mode === 'dry-run';
  return [
    r.startedAt.slice(0, 19).replace('T', ' '),
    r.id.slice(0, 8),
    r.connector,
    dry ? 'dry run (nothing written)' : r.mode,
    r.status,
    `scored ${c.scoredAccounts}`,
    dry ? `would change ${c.fieldsChanged}` : `changed ${c.fieldsChanged}`,
    dry ? `would create ${c.tasksPlanned} task(s)` : `tasks ${c.tasksCreated}`,
    `failures ${c.writeFailures}`,
    ...waiting,
    `calls ${c.apiCalls}`,
    took,
  ].join('  ');
}

/** Finds a run by id or id prefix among the latest 1,000. */
export async function findRun(store: StateStore, prefix: string): Promise<RunRecord> {
  const runs = await store.listRuns(1000);
  const run = runs.find((r) => r.id.startsWith(prefix));
  if (!run) throw new UserError(`No run with id starting "${prefix}". Fix: list runs with \`scoresync runs\`.`);
  return run;
}

const SHOWN = 50;

function waitingLine(item: OutboxItem): string {
  const state =
    item.status === 'failed'
      ? 'failed for good; waits for a fix, then `scoresync retry`'
      : `retrying by itself from ${(item.nextAttemptAt ?? '').slice(0, 16).replace('T', ' ')} UTC (tried ${item.attempts}×)`;
  const error = item.lastError ?? 'no error text';
  return `  - ${error.length > 400 ? `${error.slice(0, 399)}…` : error} [${state}]`;
}

async function details(store: StateStore, run: RunRecord): Promise<string[]> {
  const c = run.counts;
  const lines = [line(run)];
  if (c.orphanContacts + c.orphanOpportunities > 0) lines.push(`  records without their account: ${c.orphanContacts} contact(s), ${c.orphanOpportunities} opportunit(ies)`);
  lines.push(...(run.warnings ?? []).map((w) => `  warning: ${w}`), ...run.errors.map((e) => `  ! ${e}`));
  const waiting = await store.waitingOutbox(run.connector, { runId: run.id }, SHOWN + 1);
  if (waiting.length === 0) return lines;
  lines.push(`Writes of this run that wait (${waiting.length > SHOWN ? `first ${SHOWN}` : waiting.length}):`, ...waiting.slice(0, SHOWN).map(waitingLine));
  lines.push(
    `Replay them now: scoresync retry --run ${run.id.slice(0, 8)}   (every waiting write: scoresync retry --all). ` +
      'They are also replayed by themselves once the mapping changes or their record changes in the CRM.',
  );
  return lines;
}

/** Say which store was looked in: the demo keeps its own (`.scoresync/demo/state.db`), a custom --dir elsewhere. */
function noRunsYet(state: { driver: string; path?: string; schema?: string }): string {
  const where = state.driver === 'sqlite' ? displayPath(state.path ?? '') : `the Postgres schema ${state.schema ?? ''}`;
  return `no runs yet in ${where}. A demo run with --dir <dir> keeps its state in <dir>/state.db: pass --state <dir>/state.db.`;
}

export async function runsCommand(global: GlobalOptions, options: { limit: number; id?: string; json: boolean }, output: Output): Promise<void> {
  const app = loadApp(global);
  const store = await openAppStore(app);
  try {
    if (options.id) {
      const run = await findRun(store, options.id);
      if (options.json) output.print(JSON.stringify({ ...run, waiting: await store.waitingOutbox(run.connector, { runId: run.id }, 1000) }, null, 2));
      else output.print((await details(store, run)).join('\n'));
      return;
    }
    // -n 0 lists every run.
    const runs = await store.listRuns(options.limit === 0 ? Number.MAX_SAFE_INTEGER : options.limit);
    if (options.json) output.print(JSON.stringify(runs, null, 2));
    else output.print(runs.length === 0 ? noRunsYet(app.loaded.config.state) : runs.map(line).join('\n'));
  } finally {
    await store.close();
  }
}
