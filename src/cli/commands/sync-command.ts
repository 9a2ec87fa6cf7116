/** `scoresync run` and `scoresync plan`: one sync through the engine, then a summary (and the diff for plan). */
import { randomUUID } from 'node:crypto';
import { runSync, type SyncResult } from '../../sync/run-sync.js';
import type { GlobalOptions } from '../context.js';
import { withEngine } from '../engine-setup.js';
import { planLines, writePlanFile } from '../plan-output.js';
import { renderSummary } from '../summary.js';
import type { Output } from '../output.js';
import { modelParams } from '../../scoring/model-params.js';

export interface SyncCommandOptions {
  full: boolean;
  dryRun: boolean;
  /** Where `plan` writes the diff (JSON, or CSV when the name ends in .csv). */
  out?: string;
  /** How many diff lines to print. */
  show?: number;
}

export async function syncCommand(global: GlobalOptions, options: SyncCommandOptions, output: Output): Promise<SyncResult> {
  return withEngine(global, async ({ app, deps }) => {
    const runId = randomUUID();
    const logger = app.logger.child({ runId });
    const result = await runSync(deps(runId), { full: options.full, dryRun: options.dryRun, runId });
    if (options.dryRun) {
      const lines = planLines(result.plan, options.show ?? 50);
      output.print(lines.join('\n'));
      const shown = lines.length;
      const total = result.run.counts.fieldsChanged + result.run.counts.tasksPlanned;
      if (total > shown) output.print(`… ${total - shown} more; the full plan is in the plan file.`);
      if (options.out) {
        writePlanFile(result.plan, options.out);
        output.print(`plan written to ${options.out}`);
      }
    }
    // stdout carries the result (a table, or JSON with --json); stderr carries the logs.
    if (global.json) {
      const { fitChoice, priority } = modelParams(result.models);
      const priorityJson = priority ? { mode: priority.mode, reason: priority.reason, evidence: priority.evidence } : null;
      output.print(JSON.stringify({ ...result.run, fitMode: result.fitMode, fitModeReason: result.fitModeReason, fitChoice, priority: priorityJson, modelVersion: result.modelVersion, rejects: result.rejects }, null, 2));
    }
    else output.print(renderSummary(result));
    if (!app.interactive) logger.info('run summary', { status: result.run.status, ...result.run.counts, durationMs: result.durationMs, fitMode: result.fitMode });
    return result;
  });
}
