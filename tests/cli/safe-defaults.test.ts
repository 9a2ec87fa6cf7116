/**
 * The shipped config is safe to run as it is: it never writes into tracked files (examples/crm), and what `demo`
 * leaves behind is exactly where `runs`, `explain` and `plan` look by default.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { bufferOutput } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/program.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = bufferOutput();
  let err = '';
  const code = await runCli(['--log-level', 'error', ...args], { out, err: (t) => void (err += t) });
  return { code, out: out.text(), err };
}

describe('safe defaults', () => {
  it('the shipped config reads and writes the demo copy and its state (ignored by git), never examples/crm', () => {
    const loaded = loadConfig('config/scoresync.yaml', { env: {} });
    const dataDir = (loaded.config.connectors.file as { dataDir: string }).dataDir;
    expect(dataDir).toBe(resolve('.scoresync/demo/crm'));
    expect(dataDir.startsWith(resolve('examples'))).toBe(false);
    expect(loaded.config.state).toMatchObject({ driver: 'sqlite', path: resolve('.scoresync/demo/state.db') });
    expect(readFileSync('.gitignore', 'utf8').split('\n')).toContain('.scoresync/');
  });

  it('a bare run before the demo stops with exit 2 and says to run the demo or point at your data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scoresync-safe-'));
    cpSync('config', join(dir, 'config'), { recursive: true });
    cpSync('mappings', join(dir, 'mappings'), { recursive: true });
    const result = await cli(['--config', join(dir, 'config/scoresync.yaml'), '--state', join(dir, 'state.db'), 'run']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('.scoresync/demo/crm does not exist');
    expect(result.err).toContain('`scoresync demo` creates it');
    expect(result.err).not.toMatch(/unexpected error|\n\s+at /);
  });
});
