/** `scoresync serve` as a child process of the test, from dist/ (run `npm run build` first). */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, TOKEN, until } from './service-harness.js';

export const MAIN = join(ROOT, 'dist/src/cli/main.js');

export function requireBuild(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before this test.`);
}

export interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

const children: ChildProcess[] = [];

export function startServe(args: string[], env: NodeJS.ProcessEnv = { SCORESYNC_API_TOKEN: TOKEN }): Served {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout!.resume();
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url: '', stderr: () => err, exit };
}

/** Waits for the "admin API listening" log line and takes the URL from it. */
export async function listening(served: Served): Promise<Served> {
  const url = await until(async () => {
    const line = served.stderr().split('\n').find((l) => l.includes('"admin API listening"'));
    if (line) return (JSON.parse(line) as { url: string }).url;
    if (served.child.exitCode !== null) throw new Error(`serve exited early: ${served.stderr()}`);
    return undefined;
  });
  return { ...served, url };
}

/** A failed assertion must not leave a server behind. */
export function killChildren(): void {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The JSON log lines of a child with this message. */
export function logLines(served: Served, message: string): Record<string, unknown>[] {
  return served
    .stderr()
    .split('\n')
    .filter((l) => l.includes(`"message":"${message}"`))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
