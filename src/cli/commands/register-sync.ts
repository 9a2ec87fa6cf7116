/** The everyday commands: run, plan, retry, validate, setup, explain, runs, unlock, demo. */
import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { Output } from '../output.js';
import type { ExitCode } from '../program.js';
import { demoCommand } from './demo.js';
import { explainCommand } from './explain.js';
import { retryCommand } from './retry.js';
import { runsCommand } from './runs.js';
import { setupCommand } from './setup.js';
import { syncCommand } from './sync-command.js';
import { unlockCommand } from './unlock.js';
import { validateCommand } from './validate.js';
import { wholeNumber } from '../options.js';


export function registerSyncCommands(program: Command, globals: () => GlobalOptions, out: Output, exit: ExitCode): void {
  program
    .command('run')
    .description('pull, score, plan and write changed values and tasks to the CRM')
    .option('--full', 'ignore watermarks: pull, retrain and rescore everything')
    .option('--dry-run', 'same as `plan`: compute everything, write nothing')
    .action(async (opts: { full?: boolean; dryRun?: boolean }) => {
      const result = await syncCommand(globals(), { full: Boolean(opts.full), dryRun: Boolean(opts.dryRun) }, out);
      if (result.run.status === 'partial') exit.set(3);
    });

  program
    .command('plan')
    .description('dry run: show every field that would change (old → new) and every task that would be created; writes nothing to the CRM')
    .option('--full', 'plan as for a full run')
    .option('-o, --out <file>', 'write the whole plan here (.json, or .csv)', '.scoresync/plan.json')
    .option('--show <n>', 'how many changes to print', wholeNumber(0), 50)
    .action(async (opts: { full?: boolean; out: string; show: number }) => {
      const result = await syncCommand(globals(), { full: Boolean(opts.full), dryRun: true, out: opts.out, show: opts.show }, out);
      // A plan cut short (the CRM's daily API requests ran out while it read) is not the whole plan: say so.
      if (result.run.status === 'partial') exit.set(3);
    });

  program
    .command('retry')
    .description('replay writes that wait (failed for good, or put off by a retryable failure) now: by default those of the latest run that left some')
    .option('--run <runId>', 'the writes that failed in this run (a prefix is enough)')
    .option('--all', 'every waiting write of the connector')
    .action(async (opts: { run?: string; all?: boolean }) => {
      const result = await retryCommand(globals(), { ...(opts.run !== undefined ? { run: opts.run } : {}), all: Boolean(opts.all) }, out);
      if (result.run.status === 'partial') exit.set(3);
    });

  program
    .command('unlock')
    .description("release the run lock of a run whose process is gone (refuses while that run is alive); use with --connector")
    .action(async () => unlockCommand(globals(), out));

  program
    .command('validate')
    .description('check config, scoring file and mappings; with --check-crm also check mapped fields against the CRM')
    .option('--check-crm', 'also connect and compare the mapping with the CRM fields')
    .action(async (opts: { checkCrm?: boolean }) => validateCommand(globals(), { checkCrm: Boolean(opts.checkCrm) }, out));

  program
    .command('setup')
    .description('create the output fields the mapping writes to (custom fields / columns)')
    .option('--dry-run', 'only list what would be created')
    .action(async (opts: { dryRun?: boolean }) => setupCommand(globals(), { dryRun: Boolean(opts.dryRun) }, out));

  program
    .command('explain <account>')
    .description('show the latest scores of an account (id, exact name or domain) with every contributor, its contacts and matched leads; or of a lead (id or email)')
    .action(async (account: string) => explainCommand(globals(), account, { json: Boolean(globals().json) }, out));

  program
    .command('runs')
    .description('run history: counts, API calls, failures')
    .option('-n, --limit <n>', 'how many runs (0 = all)', wholeNumber(0), 20)
    .option('--id <runId>', "one run's details and errors (a prefix is enough)")
    .action(async (opts: { limit: number; id?: string }) =>
      runsCommand(globals(), { limit: opts.limit, id: opts.id, json: Boolean(globals().json) }, out),
    );

  program
    .command('demo')
    .description('run a full sync of the bundled example CRM (a copy under .scoresync/demo); no CRM account needed')
    .option('--dir <dir>', 'where the demo copy and its state live', '.scoresync/demo')
    .option('--reset', 'start over from a fresh copy of the example data')
    .action(async (opts: { dir: string; reset?: boolean }) => demoCommand(globals(), { dir: opts.dir, reset: Boolean(opts.reset) }, out));
}
