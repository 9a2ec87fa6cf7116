/**
 * `npm run bench` picks the benchmark by what it measures: scoring throughput (the default; score-bench.ts) or a
 * connector against its emulator (`--connector salesforce`: salesforce-bench.ts, API calls vs the minimum). Each
 * runs in a process of its own with the remaining arguments, so its memory figures are its own.
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, string> = { score: 'score-bench.js', salesforce: 'salesforce-bench.js' };

const args = process.argv.slice(2);
const at = args.findIndex((a) => a === '--connector' || a.startsWith('--connector='));
let which = 'score';
if (at >= 0) {
  const arg = args[at] ?? '';
  which = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[at + 1] ?? '');
  args.splice(at, arg.includes('=') ? 1 : 2);
}
const script = BENCHES[which];
if (!script) {
  process.stderr.write(`npm run bench: no benchmark for connector "${which}". Use --connector salesforce, or no --connector for the scoring benchmark.\n`);
  process.exit(2);
}
const child = fork(join(dirname(fileURLToPath(import.meta.url)), script), args, { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
