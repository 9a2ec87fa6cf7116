/**
 * The `scoresync` command tree. `runCli` returns the exit code instead of exiting, so tests drive the real CLI
 * in-process. Errors that speak to the user print as one message with a non-zero exit; anything else is an
 * unexpected failure, reported briefly (stack only with --debug).
 */
import { Command, Option } from 'commander';
import type { GlobalOptions } from './context.js';
import type { Output } from './output.js';
import { isFriendly } from './user-error.js';
import { registerAnalysisCommands } from './commands/analysis.js';
import { registerSyncCommands } from './commands/register-sync.js';
import { packageVersion } from './package-root.js';
import { registerServeCommand } from './commands/serve.js';

export interface CliStreams {
  out: Output;
  err: (text: string) => void;
}

/** Lets a command set the process exit code without exiting (exit 3 = finished with permanent write failures). */
export interface ExitCode {
  set(code: number): void;
}

export function buildProgram(streams: CliStreams, exit: ExitCode): Command {
  const program = new Command();
  program
    .name('scoresync')
    .description('Score CRM accounts and contacts (fit, engagement, intent, stage, tier, qualified) and write the results back.')
    .version(packageVersion(), '-V, --version', 'print the ScoreSync version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => streams.out.print(s), writeErr: (s) => streams.err(s) })
    .option('-c, --config <file>', 'config file', 'config/scoresync.yaml')
    .option('--state <path>', 'state store: a SQLite file path or a postgres:// URL (overrides config state)')
    .option('--data <dir>', 'folder of CSV/JSON files for the file connector (overrides connectors.file.dataDir)')
    .option('--connector <name>', 'connector to use (default: defaultConnector in config)')
    .addOption(new Option('--log-level <level>', 'log level').choices(['error', 'warn', 'info', 'debug']))
    .option('--json', 'machine-readable output and JSON logs even on a terminal')
    .option('--debug', 'show stack traces for unexpected errors');
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  registerSyncCommands(program, globals, streams.out, exit);
  registerAnalysisCommands(program, globals, streams.out);
  registerServeCommand(program, globals);
  return program;
}

export async function runCli(argv: string[], streams: CliStreams): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(streams, { set: (code) => void (exitCode = code) });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, Boolean(program.opts<GlobalOptions>().debug), streams);
  }
}

const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

function reportError(error: unknown, debug: boolean, streams: CliStreams): number {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('commander.')) {
    // commander already printed the usage problem or the help text.
    return COMMANDER_SUCCESS.has(error.code) ? 0 : 2;
  }
  if (isFriendly(error)) {
    streams.err(`scoresync: ${error.message}\n`);
    return 'exitCode' in error && typeof error.exitCode === 'number' ? error.exitCode : 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  streams.err(`scoresync: unexpected error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) streams.err(error.stack + '\n');
  else streams.err('Run again with --debug for details, and please report it with the command you ran.\n');
  return 1;
}
