/**
 * `scoresync serve`: the scheduler and the admin API in one long-running process. SIGTERM (or SIGINT) shuts it down
 * gracefully: no new requests or runs, the current run stops after its batch, exit 0 within the grace period.
 */
import type { Command } from 'commander';
import { startService } from '../../server/service.js';
import type { GlobalOptions } from '../context.js';
import { UserError } from '../user-error.js';

interface ServeFlags {
  port?: string;
  host: string;
  insecureLocal?: boolean;
  scheduler: boolean;
}

function port(value: string | undefined): number {
  const text = value ?? process.env.PORT ?? '8080';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UserError(`--port ${text} is not a port number. Fix: give a whole number from 1 to 65535 (or 0 for any free port).`);
  return n;
}

export function registerServeCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('run the scheduler and the admin API (see docs/service.md); needs SCORESYNC_API_TOKEN')
    .option('--port <port>', 'port of the admin API (default: PORT, or 8080)')
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface, as in the container)', '127.0.0.1')
    .option('--insecure-local', 'allow no API token, only on a loopback --host (a try-out on this machine)')
    .option('--no-scheduler', 'serve the API only; no scheduled runs on this instance')
    .action(async (flags: ServeFlags) => {
      const service = await startService(globals(), { host: flags.host, port: port(flags.port), insecureLocal: Boolean(flags.insecureLocal), scheduler: flags.scheduler });
      const signalled = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      await service.close(`received ${signalled}`);
      // A run that outlived the grace period still holds handles: leave anyway (its lock is taken over by the next run).
      setTimeout(() => process.exit(0), 500).unref();
    });
}
