/**
 * Through the real CLI: bad input stops a run with exit 2 naming the file, line and fix (never "unexpected error");
 * waiting writes are listed by `runs --id` and replayed by `retry`; `unlock` refuses a live holder and a run takes
 * over from a SIGKILLed one at once; a full state disk is exit 2 with advice.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { bufferOutput } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/program.js';
import { openStore } from '../../src/store/open-store.js';
import { emptyCounts } from '../../src/model/sync.js';
import { copyExampleSubset, readCsv } from '../sync/engine-harness.js';
import { CAN_MOUNT_TMPFS, mountTmpfs } from '../support/tmpfs.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = bufferOutput();
  let err = '';
  const code = await runCli(['--log-level', 'error', ...args], { out, err: (t) => void (err += t) });
  return { code, out: out.text(), err };
}

interface Project {
  dir: string;
  data: string;
  state: string;
  config: string;
  args: string[];
}

/** A private config, mapping and small CRM (8 accounts) with its own state file. */
function project(): Project {
  const dir = mkdtempSync(join(tmpdir(), 'scoresync-recovery-'));
  cpSync(join(ROOT, 'config'), join(dir, 'config'), { recursive: true });
  cpSync(join(ROOT, 'mappings'), join(dir, 'mappings'), { recursive: true });
  const data = join(dir, 'crm');
  copyExampleSubset(data, 8);
  const state = join(dir, 'state.db');
  const config = join(dir, 'config/scoresync.yaml');
  return { dir, data, state, config, args: ['--config', config, '--data', data, '--state', state] };
}

function expectAdvice(result: { code: number; err: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.err).toMatch(pattern);
  expect(result.err).not.toMatch(/unexpected error|\n\s+at /);
}

describe('bad input stops a run with exit 2 and the fix', () => {
  it('a mapping naming a column the file lacks, before anything is pulled', async () => {
    const p = project();
    const mapping = join(p.dir, 'mappings/file.yaml');
    writeFileSync(mapping, readFileSync(mapping, 'utf8').replace('industry: industry', 'industry: industree'));
    const result = await cli([...p.args, 'run']);
    expectAdvice(result, /^scoresync: the file mapping does not match what the source has.*\n {2}accounts\.industree: column "industree" \(mapped to industry\) is not in accounts\.csv.*Fix: /);
    expect(existsSync(join(p.data, 'tasks.csv'))).toBe(false);
    expectAdvice(await cli([...p.args, 'plan']), /accounts\.industree/);
  });

  it('a CSV with an unclosed quote, at the line where it opened', async () => {
    const p = project();
    const path = join(p.data, 'contacts.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[4] = (lines[4] ?? '').replace(/,([^,]*)/, ',"$1');
    writeFileSync(path, lines.join('\n'));
    expectAdvice(await cli([...p.args, 'run']), /^scoresync: contacts\.csv line 5: a quoted value opens here and is never closed.*Fix: /);
  });

  it('a Latin-1 file, which stays untouched; with encoding: latin1 the run writes it back byte for byte', async () => {
    const p = project();
    const path = join(p.data, 'contacts.csv');
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    lines[2] = (lines[2] ?? '').replace(/^([^,]*,[^,]*,)[^,]*/, '$1Jürgen');
    const latin1 = iconv.encode(lines.join('\n'), 'latin1');
    writeFileSync(path, latin1);
    expectAdvice(await cli([...p.args, 'run']), /^scoresync: contacts\.csv line 3: byte 0xFC is not valid UTF-8.*connectors\.file\.encoding: latin1/);
    expect(readFileSync(path).equals(latin1)).toBe(true);

    writeFileSync(p.config, readFileSync(p.config, 'utf8').replace('    dataDir: ../.scoresync/demo/crm', '    dataDir: ../.scoresync/demo/crm\n    encoding: latin1'));
    const first = await cli([...p.args, 'run']);
    expect(first.code).toBe(0);
    const written = iconv.decode(readFileSync(path), 'latin1');
    expect(written).toContain(',Jürgen,');
    expect(written).not.toContain('\uFFFD');
    expect(readFileSync(join(p.data, 'accounts.csv')).includes(Buffer.from('−'))).toBe(false);
    const second = await cli([...p.args, 'run']);
    expect(second.out).toMatch(/\| records written\s+\|\s+0 \|/);
  });

  it('an accounts file with a header and no rows, unless allowEmptyAccounts says it is intended', async () => {
    const p = project();
    const path = join(p.data, 'accounts.csv');
    writeFileSync(path, `${readFileSync(path, 'utf8').split('\n')[0]}\n`);
    expectAdvice(await cli([...p.args, 'run']), /^scoresync: accounts\.csv has a header but no rows, so no account could be scored.*allowEmptyAccounts: true/);
    writeFileSync(p.config, readFileSync(p.config, 'utf8').replace('    dataDir: ../.scoresync/demo/crm', '    dataDir: ../.scoresync/demo/crm\n    allowEmptyAccounts: true'));
    const allowed = await cli([...p.args, 'run']);
    expect(allowed.code).toBe(0);
    expect(allowed.out).toMatch(/\| contacts without account\s+\|\s+[1-9]\d* \|/);
    expect(allowed.out).toMatch(/warning: \d+ contact\(s\) and \d+ opportunit(y|ies) name an account that is not in the CRM data/);
  });
});

describe('waiting writes', () => {
  it('`runs --id` lists a run\'s waiting writes and how to replay them; `retry --run` replays them', async () => {
    const p = project();
    expect((await cli([...p.args, 'run'])).code).toBe(0);
    const [account] = readCsv(join(p.data, 'accounts.csv'));
    const id = account?.id ?? '';
    // A write the CRM refused for good in an earlier run (say a validation rule an admin has since relaxed).
    const store = await openStore({ driver: 'sqlite', path: p.state });
    const runId = 'a1b2c3d4-0000-4000-8000-000000000001';
    await store.saveRun({ id: runId, connector: 'file', mode: 'run', status: 'partial', startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), counts: { ...emptyCounts(), writeFailures: 1, writesWaiting: 1 }, errors: [`account ${id}: FIELD_CUSTOM_VALIDATION_EXCEPTION: Tier is locked`] });
    const update = { kind: 'account' as const, recordId: id, priority: 2, changes: [{ output: 'tier', crmField: 'tier', oldValue: account?.tier ?? null, newValue: 'Tier 1' }] };
    await store.addFailedOutbox(runId, 'file', { type: 'fields', accountId: id, updates: [update] }, `account ${id}: FIELD_CUSTOM_VALIDATION_EXCEPTION: Tier is locked`, 1);
    await store.close();

    const runs = await cli([...p.args, 'runs', '--id', 'a1b2c3d4']);
    expect(runs.code).toBe(0);
    expect(runs.out).toContain('Writes of this run that wait (1):');
    expect(runs.out).toContain(`  - account ${id}: FIELD_CUSTOM_VALIDATION_EXCEPTION: Tier is locked [failed for good; waits for a fix, then \`scoresync retry\`]`);
    expect(runs.out).toContain('Replay them now: scoresync retry --run a1b2c3d4');

    const retried = await cli([...p.args, 'retry', '--run', 'a1b2c3d4']);
    expect(retried.code).toBe(0);
    expect(retried.out).toContain(`Replayed 1 waiting write(s) of run ${runId}.`);
    expect(retried.out).toMatch(/\| records written\s+\|\s+1 \|/);
    expect(readCsv(join(p.data, 'accounts.csv')).find((a) => a.id === id)?.tier).toBe('Tier 1');
    expect((await cli([...p.args, 'runs', '--id', 'a1b2c3d4'])).out).not.toContain('Writes of this run that wait');
    expect((await cli([...p.args, 'retry', '--run', 'a1b2', '--all'])).code).toBe(2);
  });
});

/** Builds dist/ when it is missing or older than the lock code the child process runs. */
function ensureBuilt(): void {
  const built = join(ROOT, 'dist/src/sync/run-lease.js');
  const source = join(ROOT, 'src/sync/run-lease.ts');
  if (existsSync(built) && statSync(built).mtimeMs >= statSync(source).mtimeMs) return;
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}

/** A separate process that takes the connector's run lock through the real lease API and holds it until killed. */
function holdLockInChild(state: string): Promise<{ pid: number; kill(): Promise<void> }> {
  const script = `
    import { openStore } from ${JSON.stringify(join(ROOT, 'dist/src/store/open-store.js'))};
    import { RunLease } from ${JSON.stringify(join(ROOT, 'dist/src/sync/run-lease.js'))};
    import { silentLogger } from ${JSON.stringify(join(ROOT, 'dist/src/log/logger.js'))};
    const store = await openStore({ driver: 'sqlite', path: ${JSON.stringify(state)} });
    const now = new Date().toISOString();
    await store.saveRun({ id: 'child-run', connector: 'file', mode: 'run', status: 'running', startedAt: now, finishedAt: null, counts: {}, errors: [] });
    await RunLease.acquire({ store, name: 'run:file', owner: 'child-run', leaseMs: 30000, renewMs: 10000, now: () => new Date(), logger: silentLogger() });
    process.stdout.write('locked\\n');
    setInterval(() => undefined, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the lock-holding child exited with ${code}`)));
    child.stdout.once('data', () => {
      child.removeAllListeners('exit');
      resolve({
        pid: child.pid ?? -1,
        kill: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    });
  });
}

describe('a run killed with SIGKILL', () => {
  beforeAll(ensureBuilt);

  it('blocks others only while it lives: unlock refuses, then after the kill the next run takes over at once', async () => {
    const p = project();
    expect((await cli([...p.args, 'run'])).code).toBe(0);
    const holder = await holdLockInChild(p.state);

    const refused = await cli([...p.args, 'run']);
    expectAdvice(refused, new RegExp(`holds the run lock: run child-run \\(pid ${holder.pid} on .+\\).*scoresync unlock --connector file`));
    const unlock = await cli([...p.args, 'unlock']);
    expectAdvice(unlock, new RegExp(`held by a live run: run child-run \\(pid ${holder.pid} .*Stop that process first \\(kill ${holder.pid}\\)`));
    // A refused attempt is not a failed run.
    expect((await cli([...p.args, 'runs'])).out).not.toMatch(/failed/);

    await holder.kill();
    const next = await cli([...p.args, 'run']);
    expect(next.code).toBe(0);
    expect(next.out).toContain('warning: run child-run was killed before it finished (marked abandoned)');
    const history = await cli([...p.args, 'runs', '--id', 'child-run']);
    expect(history.out).toMatch(/child-ru {2}file {2}run {2}abandoned/);
    expect(history.out).toMatch(/is no longer running/);
    expect((await cli([...p.args, 'unlock'])).out).toBe('No run holds the lock of connector "file"; nothing to do.');
  });

  it('unlock releases the lock of a killed run before its lease runs out, and marks that run abandoned', async () => {
    const p = project();
    const holder = await holdLockInChild(p.state);
    await holder.kill();
    const unlock = await cli([...p.args, 'unlock']);
    expect(unlock.code).toBe(0);
    expect(unlock.out).toMatch(/^Released the lock of connector "file" held by run child-run: its process \(pid \d+ on .+\) is no longer running\. Marked abandoned: child-run\./);
  });
});

describe('the state store on a full disk', () => {
  (CAN_MOUNT_TMPFS ? it : it.skip)('is exit 2 naming the state file and what to do (needs a tmpfs: root)', async () => {
    const p = project();
    const disk = mountTmpfs(2048);
    if (!disk) throw new Error('tmpfs could not be mounted');
    try {
      const state = join(disk.dir, 'state.db');
      const args = ['--config', p.config, '--data', p.data, '--state', state];
      writeFileSync(join(disk.dir, 'filler'), Buffer.alloc(1));
      // Fill the disk so the first run's writes to the store cannot fit.
      const fill = Buffer.alloc(1024 * 1024, 1);
      try {
        for (let i = 0; i < 4; i++) writeFileSync(join(disk.dir, `filler-${i}`), fill);
      } catch {
        // ENOSPC: full
      }
      const result = await cli([...args, 'run']);
      expectAdvice(result, new RegExp(`^scoresync: (The state store ${state} failed: SQLITE_(FULL|IOERR\\w*)|Cannot (open|prepare) the SQLite state store at ${state}).*Fix: `));
    } finally {
      disk.unmount();
    }
  });
});
