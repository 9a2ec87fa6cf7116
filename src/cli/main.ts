#!/usr/bin/env node
/**
 * The `scoresync` command. Every command's errors that speak to the user are printed as one message with a
 * non-zero exit; anything else is an unexpected failure, reported briefly (stack only with --debug).
 */
import { Command, Option } from 'commander';
import type { GlobalOptions } from './context.js';
import { stdoutOutput } from './output.js';
import { isFriendly } from './user-error.js';
import { demoCommand } from './commands/demo.js';
import { explainCommand } from './commands/explain.js';
import { runsCommand } from './commands/runs.js';
import { setupCommand } from './commands/setup.js';
import { syncCommand } from './commands/sync-command.js';
import { validateCommand } from './commands/validate.js';
import { registerAnalysisCommands } from './commands/analysis.js';

const program = new Command();
program
  .name('scoresync')
  .description('Score CRM accounts and contacts (fit, engagement, intent, stage, tier, qualified) and write the results back.')
  .option('-c, --config <file>', 'config file', 'config/scoresync.yaml')
  .option('--state <path>', 'state store: a SQLite file path or a postgres:// URL (overrides config state)')
  .option('--data <dir>', 'folder of CSV/JSON files for the file connector (overrides connectors.file.dataDir)')
  .option('--connector <name>', 'connector to use (default: defaultConnector in config)')
  .addOption(new Option('--log-level <level>', 'log level').choices(['error', 'warn', 'info', 'debug']))
  .option('--json', 'machine-readable output and JSON logs even on a terminal')
  .option('--debug', 'show stack traces for unexpected errors');

const globals = (): GlobalOptions => program.opts<GlobalOptions>();

function exitFor(status: string): void {
  if (status === 'partial') process.exitCode = 3;
}

program
  .command('run')
  .description('pull, score, plan and write changed values and tasks to the CRM')
  .option('--full', 'ignore watermarks: pull, retrain and rescore everything')
  .option('--dry-run', 'same as `plan`: compute everything, write nothing')
  .action(async (opts: { full?: boolean; dryRun?: boolean }) => {
    const result = await syncCommand(globals(), { full: Boolean(opts.full), dryRun: Boolean(opts.dryRun) }, stdoutOutput);
    exitFor(result.run.status);
  });

program
  .command('plan')
  .description('dry run: show every field that would change (old → new) and every task that would be created; writes nothing to the CRM')
  .option('--full', 'plan as for a full run')
  .option('-o, --out <file>', 'write the whole plan here (.json, or .csv)', '.scoresync/plan.json')
  .option('--show <n>', 'how many changes to print', (v) => Number.parseInt(v, 10), 50)
  .action(async (opts: { full?: boolean; out: string; show: number }) => {
    await syncCommand(globals(), { full: Boolean(opts.full), dryRun: true, out: opts.out, show: opts.show }, stdoutOutput);
  });

program
  .command('validate')
  .description('check config, scoring file and mappings; with --check-crm also check mapped fields against the CRM')
  .option('--check-crm', 'also connect and compare the mapping with the CRM fields')
  .action(async (opts: { checkCrm?: boolean }) => {
    await validateCommand(globals(), { checkCrm: Boolean(opts.checkCrm) }, stdoutOutput);
  });

program
  .command('setup')
  .description('create the output fields the mapping writes to (custom fields / columns)')
  .option('--dry-run', 'only list what would be created')
  .action(async (opts: { dryRun?: boolean }) => {
    await setupCommand(globals(), { dryRun: Boolean(opts.dryRun) }, stdoutOutput);
  });

program
  .command('explain <account>')
  .description('show the latest scores of an account (id, exact name or domain) with every contributor')
  .action(async (account: string) => {
    await explainCommand(globals(), account, { json: Boolean(globals().json) }, stdoutOutput);
  });

program
  .command('runs')
  .description('run history: counts, API calls, failures')
  .option('-n, --limit <n>', 'how many runs', (v) => Number.parseInt(v, 10), 20)
  .option('--id <runId>', "one run's details and errors (a prefix is enough)")
  .action(async (opts: { limit: number; id?: string }) => {
    await runsCommand(globals(), { limit: opts.limit, id: opts.id, json: Boolean(globals().json) }, stdoutOutput);
  });

program
  .command('demo')
  .description('run a full sync of the bundled example CRM (a copy under .scoresync/demo); no CRM account needed')
  .option('--dir <dir>', 'where the demo copy and its state live', '.scoresync/demo')
  .option('--reset', 'start over from a fresh copy of the example data')
  .action(async (opts: { dir: string; reset?: boolean }) => {
    await demoCommand(globals(), { dir: opts.dir, reset: Boolean(opts.reset) }, stdoutOutput);
  });

registerAnalysisCommands(program, globals, stdoutOutput);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isFriendly(error)) {
    process.stderr.write(`scoresync: ${error.message}\n`);
    process.exitCode = 'exitCode' in error && typeof error.exitCode === 'number' ? error.exitCode : 2;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`scoresync: unexpected error: ${message}\n`);
    if (globals().debug && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
    else process.stderr.write('Run again with --debug for details, and please report it with the command you ran.\n');
    process.exitCode = 1;
  }
}
