/**
 * Runs the emulator as its own process, for callers that cannot share one (a `scoresync run` kill test, the bench):
 *
 *   node dist/tests/emulators/salesforce/cli.js --accounts 100 --seed 7 --state /tmp/org.json
 *
 * Prints the URL on the first line of stdout, then the SALESFORCE_* variables that point ScoreSync at it, and serves
 * until SIGINT/SIGTERM (then writes the state file, if any, and exits 0). Listens on 127.0.0.1 only.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { startSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions } from './index.js';
import type { FaultPlan } from './faults.js';

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number ≥ 0, got "${value}"`);
  return n;
}

function jsonFile<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

interface CliOptions {
  port: number;
  seed: number;
  accounts?: number;
  contactsPerAccount?: number;
  activitiesPerContact?: number;
  leadsPerAccount?: number;
  pageSize?: number;
  dailyLimit?: number;
  tokenTtlMs?: number;
  bulkPolls?: number;
  state?: string;
  faultPlan?: string;
  customFields?: string;
  jwtPublicKey?: string;
  modifyMetadata: boolean;
}

export function emulatorOptions(options: CliOptions): SalesforceEmulatorOptions {
  const datagen = options.accounts === undefined ? undefined : {
    accounts: options.accounts,
    ...(options.contactsPerAccount === undefined ? {} : { contactsPerAccount: options.contactsPerAccount }),
    ...(options.activitiesPerContact === undefined ? {} : { activitiesPerContact: options.activitiesPerContact }),
    ...(options.leadsPerAccount === undefined ? {} : { leadsPerAccount: options.leadsPerAccount }),
  };
  return {
    port: options.port,
    seed: options.seed,
    org: {
      ...(datagen === undefined ? {} : { datagen }),
      ...(options.customFields === undefined ? {} : { customFields: jsonFile<Record<string, unknown>[]>(options.customFields) }),
    },
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.dailyLimit === undefined ? {} : { dailyLimit: options.dailyLimit }),
    ...(options.tokenTtlMs === undefined ? {} : { tokenTtlMs: options.tokenTtlMs }),
    ...(options.bulkPolls === undefined ? {} : { bulk: { pollsToComplete: options.bulkPolls } }),
    ...(options.state === undefined ? {} : { stateFile: options.state }),
    ...(options.faultPlan === undefined ? {} : { faultPlan: jsonFile<FaultPlan>(options.faultPlan) }),
    ...(options.jwtPublicKey === undefined ? {} : { app: { jwtPublicKey: readFileSync(options.jwtPublicKey, 'utf8') } }),
    modifyMetadata: options.modifyMetadata,
  };
}

export function cliProgram(): Command {
  return new Command('sf-emulator')
    .description('A Salesforce org emulator on 127.0.0.1 for ScoreSync tests and benchmarks')
    .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', integer, 0)
    .option('--seed <n>', 'seed of the generated data and the fault plan', integer, 1)
    .option('--accounts <n>', 'seed the org from bench/datagen with N accounts', integer)
    .option('--contacts-per-account <n>', 'average contacts per account', integer)
    .option('--activities-per-contact <n>', 'average activities per contact', integer)
    .option('--leads-per-account <n>', 'average Leads per account', integer)
    .option('--page-size <n>', 'records per REST query page (≤ 2000)', integer)
    .option('--daily-limit <n>', 'DailyApiRequests', integer)
    .option('--token-ttl-ms <n>', 'access token lifetime', integer)
    .option('--bulk-polls <n>', 'status checks before a Bulk job completes', integer)
    .option('--state <file>', 'resume from and keep writing the org to this JSON file')
    .option('--fault-plan <file>', 'a JSON fault plan ({ "seed": 1, "faults": [...] })')
    .option('--custom-fields <file>', 'a JSON array of CustomField metadata that already exists (readable and writable)')
    .option('--jwt-public-key <file>', 'PEM public key of the connected app certificate (JWT bearer flow)')
    .option('--no-modify-metadata', 'the integration user lacks Modify Metadata');
}

export function describeForStdout(emulator: SalesforceEmulator): string {
  const env = { ...emulator.env(), SALESFORCE_USERNAME: emulator.credentials.username, SALESFORCE_REFRESH_TOKEN: emulator.credentials.refreshToken };
  return [emulator.url, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)].join('\n') + '\n';
}

async function main(argv: string[]): Promise<void> {
  const program = cliProgram();
  program.parse(argv);
  const emulator = await startSalesforceEmulator(emulatorOptions(program.opts<CliOptions>()));
  process.stdout.write(describeForStdout(emulator));
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`sf-emulator: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv).catch((error: unknown) => {
    process.stderr.write(`sf-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
