/** Commands that analyse rather than sync: third-party intent import, backtest and the ICP report. */
import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { Output } from '../output.js';
import { backtestCommand, icpCommand } from './backtest.js';
import { importIntentCommand } from './import-intent.js';
import { wholeNumber } from '../options.js';


export function registerAnalysisCommands(program: Command, globals: () => GlobalOptions, out: Output): void {
  program
    .command('import-intent <csv>')
    .description('import third-party topic intent (columns Domain, Topic, Composite Score, optional Date); matched to accounts by domain')
    .action(async (csv: string) => importIntentCommand(globals(), csv, out));

  program
    .command('backtest')
    .description('score every account as of a past date and measure who opened / won opportunities afterwards (AUC, lift, recall)')
    .option('--as-of <date|days>', 'a date (2026-06-30) or days ago (90d)', '180d')
    .option('--horizon <days>', 'how long after the as-of date to look for outcomes', '90d')
    .option('-o, --out <dir>', 'where backtest.json and backtest.html go', '.scoresync/backtest')
    .action(async (opts: { asOf: string; horizon: string; out: string }) => backtestCommand(globals(), opts, out));

  program
    .command('icp')
    .description('what won customers have in common: attribute values with the highest and lowest win lift')
    .option('--min-count <n>', 'ignore values seen on fewer accounts', wholeNumber(1), 5)
    .option('--top <n>', 'how many values to show each way', wholeNumber(1), 10)
    .action(async (opts: { minCount: number; top: number }) => icpCommand(globals(), opts, out));
}
