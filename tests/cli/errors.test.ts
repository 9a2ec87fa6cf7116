/** Bad input ends in one clear message and a non-zero exit — never a stack trace. */
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferOutput } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/program.js';

async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  const out = bufferOutput();
  let err = '';
  const saved = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    const code = await runCli(args, { out, err: (t) => void (err += t) });
    return { code, out: out.text(), err };
  } finally {
    process.env = saved;
  }
}

/** A private copy of config/ and mappings/ we can break. */
function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scoresync-cli-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  cpSync('mappings', join(dir, 'mappings'), { recursive: true });
  return dir;
}

function edit(path: string, from: RegExp | string, to: string): void {
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
}

describe('CLI errors', () => {
  it('validate succeeds on the shipped config', async () => {
    const result = await cli(['validate']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/config ok/);
  });

  it('a typo in a config key names the file, the path and a suggestion', async () => {
    const dir = projectCopy();
    edit(join(dir, 'config/scoresync.yaml'), /overlapMinutes:/, 'overlapMinutse:');
    const result = await cli(['--config', join(dir, 'config/scoresync.yaml'), 'validate']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('scoresync.yaml');
    expect(result.err).toMatch(/overlapMinutse/);
    expect(result.err).toMatch(/overlapMinutes/);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('a wrong type in a mapping names the mapping file and the path', async () => {
    const dir = projectCopy();
    edit(join(dir, 'mappings/file.yaml'), 'employees: { field: employees, transform: integer }', 'employees: { field: employees, transform: integr }');
    const result = await cli(['--config', join(dir, 'config/scoresync.yaml'), 'validate']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('file.yaml');
    expect(result.err).toMatch(/employees/);
    expect(result.err).toMatch(/integr/);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('a missing environment variable names the variable and where it is used', async () => {
    const dir = projectCopy();
    edit(join(dir, 'config/scoresync.yaml'), /path: \.scoresync\/demo\/state\.db/, 'path: ${SCORESYNC_TEST_MISSING_VAR}');
    const result = await cli(['--config', join(dir, 'config/scoresync.yaml'), 'validate'], { SCORESYNC_TEST_MISSING_VAR: undefined });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/SCORESYNC_TEST_MISSING_VAR/);
    expect(result.err).toMatch(/state\.path/);
  });

  it('an unknown command is a usage error, not a crash', async () => {
    const result = await cli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/unknown command/);
  });
});
