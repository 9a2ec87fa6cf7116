/** `scoresync retry [--run ID] [--all]`: replay writes that wait (failed for good, or put off by a retryable failure) now. */
import { randomUUID } from 'node:crypto';
import { retrySync, type RetryResult } from '../../sync/retry-sync.js';
import type { GlobalOptions } from '../context.js';
import { withEngine } from '../engine-setup.js';
import type { Output } from '../output.js';
import { renderTable, runNotes } from '../summary.js';
import { UserError } from '../user-error.js';
import { findRun } from './runs.js';

export interface RetryCommandOptions {
  run?: string;
  all: boolean;
}

export async function retryCommand(global: GlobalOptions, options: RetryCommandOptions, output: Output): Promise<RetryResult> {
  if (options.run !== undefined && options.all) throw new UserError('retry takes --run <id> or --all, not both. Fix: leave one of them out.');
  return withEngine(global, async ({ store, deps }) => {
    const runId = options.run === undefined ? undefined : (await findRun(store, options.run)).id;
    const retryRunId = randomUUID();
    const result = await retrySync(deps(retryRunId), { ...(runId ? { runId } : {}), all: options.all, retryRunId });
    if (global.json) output.print(JSON.stringify({ ...result.run, replayed: result.replayed, fromRun: result.fromRun }, null, 2));
    else output.print(render(result));
    return result;
  });
}

function render(result: RetryResult): string {
  const { run } = result;
  const what =
    result.replayed === 0
      ? 'No waiting writes to replay; pushed whatever else was due.'
      : `Replayed ${result.replayed} waiting write(s) ${result.fromRun === null ? 'of every run' : `of run ${result.fromRun}`}.`;
  const c = run.counts;
  const rows: [string, string][] = [
    ['records written', String(c.recordsWritten)],
    ['tasks created', String(c.tasksCreated)],
    ['write failures', String(c.writeFailures)],
    ['writes waiting', String(c.writesWaiting)],
    ['API calls', String(c.apiCalls)],
    ['duration', `${(result.durationMs / 1000).toFixed(1)} s`],
  ];
  return [`ScoreSync retry ${run.id} on ${run.connector}: ${run.status}`, what, ...renderTable(rows), ...runNotes(run)].join('\n');
}
