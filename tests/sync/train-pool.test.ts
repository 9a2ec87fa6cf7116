/**
 * A train worker that fails must make the models phase fail with the worker's own message, not hang or train on part
 * of the accounts. Worker threads need compiled JavaScript, so the pool runs from dist/ in a child process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve('.');
const TRAIN_POOL = join(ROOT, 'dist', 'src', 'sync', 'train-pool.js');
const SCORING_SCHEMA = join(ROOT, 'dist', 'src', 'config', 'scoring-schema.js');

/** Runs trainInWorkers on `storePath` over two one-account batches (from a script file: workers inherit execArgv). */
function trainFrom(dir: string, storePath: string): string {
  const script = `
import { trainInWorkers } from ${JSON.stringify(pathToFileURL(TRAIN_POOL).href)};
import { ScoringConfigSchema } from ${JSON.stringify(pathToFileURL(SCORING_SCHEMA).href)};
const init = { storeOptions: { driver: 'sqlite', path: ${JSON.stringify(storePath)} }, source: 'file', scoringConfig: ScoringConfigSchema.parse({}), now: '2026-11-23T12:00:00.000Z' };
try {
  const partials = await trainInWorkers({ workers: 2, batches: [['A1'], ['A2']], init, onBatchDone: () => {} });
  console.log('resolved with ' + partials.length + ' partials');
} catch (error) {
  console.log('rejected: ' + error.message);
}
`;
  const file = join(dir, 'train.mjs');
  writeFileSync(file, script);
  const child = spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (child.status !== 0) throw new Error(`the train pool script exited with ${child.status}:\n${child.stderr}`);
  return child.stdout.trim();
}

describe('train pool (compiled)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(TRAIN_POOL)) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'scoresync-train-pool-'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves with one partial per worker on a store it can open', () => {
    expect(trainFrom(dir, join(dir, 'state.db'))).toBe('resolved with 2 partials');
  }, 60_000);

  it('rejects with the worker’s message when a worker cannot open the store', () => {
    writeFileSync(join(dir, 'a-file'), '');
    expect(trainFrom(dir, join(dir, 'a-file', 'state.db'))).toMatch(/^rejected: train worker failed: .*a-file/);
  }, 60_000);
});
