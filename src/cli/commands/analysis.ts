/** Commands that analyse rather than sync: third-party intent import, backtest and the ICP report. */
import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { Output } from '../output.js';
import { importIntentCommand } from './import-intent.js';

export function registerAnalysisCommands(program: Command, globals: () => GlobalOptions, out: Output): void {
  program
    .command('import-intent <csv>')
    .description('import third-party topic intent (columns Domain, Topic, Composite Score, optional Date); matched to accounts by domain')
    .action(async (csv: string) => importIntentCommand(globals(), csv, out));
}
