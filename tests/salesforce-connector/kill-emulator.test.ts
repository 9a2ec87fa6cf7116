/**
 * `scoresync run --connector salesforce` as a real process against the emulator, killed with SIGKILL at seeded random
 * moments (at least 10 real kills), then run again: the org converges. Every Task key exists once (no task created
 * twice), the next run finds nothing to write or create, and the org holds what the run planned for every record.
 * Needs `npm run build` (done here when dist/ is older than the sources).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTaskForEveryAccount } from '../../bench/task-for-every-account.js';
import { openStore } from '../../src/store/open-store.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce/index.js';
import { setupFields, shippedMapping } from './read-helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'dist/src/cli/main.js');
const KILLS = 10;

/**
 * The shipped config and mappings, with one playbook that gives every account a task on its first scoring: the
 * shipped playbooks (rightly) leave the emulator's dozen sampled accounts without one, and the test needs tasks to lose.
 */
function configWithTasks(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sf-kill-config-'));
  cpSync(path.join(ROOT, 'config'), path.join(dir, 'config'), { recursive: true });
  cpSync(path.join(ROOT, 'mappings'), path.join(dir, 'mappings'), { recursive: true });
  addTaskForEveryAccount(path.join(dir, 'config', 'scoring.yaml'));
  return path.join(dir, 'config', 'scoresync.yaml');
}
const CONFIG = configWithTasks();

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  const sources = Math.max(newestSource(path.join(ROOT, 'src')), newestSource(path.join(ROOT, 'connectors')));
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= sources) return;
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}

interface Outcome {
  code: number | null;
  killed: boolean;
  stdout: string;
}

/** One CLI run; with `killAfterMs` it is SIGKILLed then, unless it has already finished. */
function runCli(sf: SalesforceEmulator, state: string, kill?: { afterMs: number } | { afterWrites: number }): Promise<Outcome> {
  const child = spawn(process.execPath, [MAIN, 'run', '--config', CONFIG, '--connector', 'salesforce', '--state', state, '--log-level', 'error'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...sf.env() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  let killed = false;
  // The emulator runs in this process, so a poll sees each write as soon as the emulator has applied it.
  const base = sf.org.writes().length;
  const timer =
    kill === undefined
      ? null
      : 'afterMs' in kill
        ? setTimeout(() => (killed = child.kill('SIGKILL')), kill.afterMs)
        : setInterval(() => {
            if (!killed && sf.org.writes().length - base >= kill.afterWrites) killed = child.kill('SIGKILL');
          }, 1);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (timer) clearInterval(timer);
      resolve({ code, killed, stdout });
    });
  });
}

/** A small seeded PRNG (mulberry32): the kill moments are the same on every machine run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mapping = shippedMapping();

function startOrg(): Promise<SalesforceEmulator> {
  return startSalesforceEmulator({ seed: 21, org: { datagen: { accounts: 12, contactsPerAccount: 2, activitiesPerContact: 4, leadsPerAccount: 1 }, customFields: setupFields(mapping) } });
}

/** What the store says the CRM holds now (crmValues), per written object and record: the plan the run settled on. */
async function plannedState(state: string): Promise<Map<string, Record<string, unknown>>> {
  const store = await openStore({ driver: 'sqlite', path: state });
  try {
    const out = new Map<string, Record<string, unknown>>();
    for (const id of await store.listAccountIds('salesforce')) out.set(`Account ${id}`, (await store.getRecord('salesforce', 'account', id))?.crmValues ?? {});
    return out;
  } finally {
    await store.close();
  }
}

// The emulator is a server in this process; only the CLI children make requests, so nock is not involved.
beforeAll(() => ensureBuilt());

describe('scoresync run --connector salesforce killed with SIGKILL', () => {
  it(`converges after ${KILLS} kills at random moments: each task once, nothing left to write`, async () => {
    // How long an uninterrupted run takes here, so the kills land inside a run.
    const reference = await startOrg();
    let duration: number;
    let totalWrites = 0;
    try {
      const started = Date.now();
      const outcome = await runCli(reference, path.join(mkdtempSync(path.join(tmpdir(), 'sf-kill-ref-')), 'state.db'));
      duration = Date.now() - started;
      totalWrites = reference.org.writes().length;
      expect(outcome.code).toBe(0);
      expect(reference.org.list('Task').filter((t) => typeof t.ScoreSync_Key__c === 'string').length).toBeGreaterThan(0);
    } finally {
      await reference.stop();
    }

    const next = random(20261130);
    let kills = 0;
    let midWrite = 0;
    for (let trial = 0; kills < KILLS && trial < KILLS * 3; trial++) {
      const sf = await startOrg();
      try {
        const state = path.join(mkdtempSync(path.join(tmpdir(), 'sf-kill-')), 'state.db');
        // Half the kills land at a random moment of the run, half after a random number of the org's writes.
        const kill = trial % 2 === 0 ? { afterWrites: 1 + Math.floor(next() * (totalWrites - 1)) } : { afterMs: Math.round(300 + next() * duration) };
        const killed = await runCli(sf, state, kill);
        if (killed.killed) kills += 1;
        const writtenBeforeResume = sf.org.writes().length;
        const resumed = await runCli(sf, state);
        // A kill between the first and the last write of the run: the resumed run finished a half-written org.
        if (killed.killed && writtenBeforeResume > 0 && sf.org.writes().length > writtenBeforeResume) midWrite += 1;
        expect({ trial, code: resumed.code, out: resumed.code === 0 ? '' : resumed.stdout }).toEqual({ trial, code: 0, out: '' });

        // Converged: a further run writes and creates nothing.
        const writes = sf.org.writes().length;
        const again = await runCli(sf, state);
        expect(again.code).toBe(0);
        expect(sf.org.writes().length).toBe(writes);

        // Every task created once.
        const keys = sf.org.list('Task').map((t) => t.ScoreSync_Key__c).filter((k): k is string => typeof k === 'string');
        expect(keys.length).toBeGreaterThan(0);
        expect(new Set(keys).size).toBe(keys.length);

        // The org holds what the store believes it holds, for every account.
        const planned = await plannedState(state);
        const outputs = mapping.objects.account!.outputs;
        expect(planned.size).toBe(sf.org.count('Account'));
        for (const [key, values] of planned) {
          const record = sf.org.get('Account', key.slice('Account '.length)) ?? {};
          for (const output of ['fitScore', 'tier', 'buyingStage']) {
            const field = outputs[output]?.field ?? '';
            expect({ key, output, value: String(record[field] ?? '') }).toEqual({ key, output, value: values[output] ?? '' });
          }
        }
      } finally {
        await sf.stop();
      }
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(midWrite).toBeGreaterThanOrEqual(3);
  });
});
