/** CLI conventions revops relies on: --json everywhere, --version, validated numbers, honest counts and labels. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferOutput } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/program.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = bufferOutput();
  let err = '';
  const code = await runCli(['--log-level', 'error', ...args], { out, err: (t) => void (err += t) });
  return { code, out: out.text(), err };
}

describe('CLI conventions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scoresync-conventions-'));
  const data = join(dir, 'crm');
  const state = join(dir, 'state.db');
  const at = ['--data', data, '--state', state];

  beforeAll(async () => {
    const demo = await cli(['--json', 'demo', '--dir', dir]);
    expect(demo.code).toBe(0);
    // --json: stdout is the run's JSON only, no narration.
    expect((JSON.parse(demo.out) as { status: string }).status).toBe('succeeded');
  });

  it('--version prints the package version', async () => {
    const result = await cli(['--version']);
    expect(result.code).toBe(0);
    expect(result.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('numeric options are validated: plan --show abc and runs -n -1 are usage errors (exit 2)', async () => {
    const show = await cli([...at, 'plan', '--show', 'abc']);
    expect(show.code).toBe(2);
    expect(show.err).toContain('"abc" is not a whole number');
    expect((await cli([...at, 'runs', '-n', '-1'])).code).toBe(2);
    expect((await cli([...at, 'icp', '--top', '2x'])).code).toBe(2);
  });

  it('runs -n 0 lists every run, and a dry run is labelled as one with what it would have done', async () => {
    expect((await cli([...at, 'plan', '--out', join(dir, 'plan.json')])).code).toBe(0);
    const all = await cli([...at, 'runs', '-n', '0']);
    const lines = all.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('dry run (nothing written)');
    expect(lines[0]).toMatch(/would change \d+/);
    expect(lines[1]).not.toContain('dry run');
  });

  it('explain says which engaged contacts count in the buying team and why a D grade does not', async () => {
    const out = (await cli([...at, 'explain', 'Lionstar Capital'])).out;
    expect(out).toMatch(/\(Chief Data Officer\) \[\d+\]: Technical Buyer A \(100\), engagement \d+ — engaged, in the buying team/);
    expect(out).toMatch(/\(Marketing Manager\) \[\d+\]: Champion D \(20\), engagement \d+ — engaged, but grade D is below engagement\.engagedMinPersonaGrade C: not in the buying team/);
  });

  it('plan after a one-line ICP edit shows only the accounts whose scores really change', async () => {
    const project = join(dir, 'project');
    cpSync('config', join(project, 'config'), { recursive: true });
    cpSync('mappings', join(project, 'mappings'), { recursive: true });
    const scoringPath = join(project, 'config/scoring.yaml');
    const yaml = readFileSync(scoringPath, 'utf8');
    const edited = yaml.replace('Healthcare: 10, Retail: 5 }', 'Healthcare: 10, Retail: 7 }');
    expect(edited).not.toBe(yaml);
    writeFileSync(scoringPath, edited);
    const planFile = join(dir, 'icp-edit-plan.json');
    const result = await cli(['--config', join(project, 'config/scoresync.yaml'), ...at, 'plan', '--out', planFile]);
    expect(result.code).toBe(0);
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as { updates: { kind: string; recordId: string; changes: { output: string }[] }[] };
    const accounts = plan.updates.filter((u) => u.kind === 'account');
    expect(accounts.length).toBeGreaterThan(0);
    const explained = await Promise.all(accounts.map(async (u) => (JSON.parse((await cli([...at, '--json', 'explain', u.recordId])).out) as { account: { industry: string } }).account.industry));
    expect(new Set(explained)).toEqual(new Set(['Retail']));
    // Every update carries a real change: none is only the model version, scored_at and reasons.
    for (const u of accounts) expect(u.changes.map((c) => c.output)).toContain('fitScore');
  });

  it('runs on an empty store says which store it looked in', async () => {
    const empty = await cli(['--data', data, '--state', join(dir, 'empty.db'), 'runs']);
    expect(empty.out).toContain('no runs yet in');
    expect(empty.out).toContain('empty.db');
  });

  it('--json works for validate, setup, icp and import-intent', async () => {
    const validate = JSON.parse((await cli([...at, '--json', 'validate'])).out) as { ok: boolean; model: string[] };
    expect(validate.ok).toBe(true);
    expect(validate.model.length).toBeGreaterThan(0);
    const setup = JSON.parse((await cli([...at, '--json', 'setup', '--dry-run'])).out) as { dryRun: boolean; actions: unknown[] };
    expect(setup.dryRun).toBe(true);
    expect(setup.actions.length).toBeGreaterThan(0);
    const icp = JSON.parse((await cli([...at, '--json', 'icp'])).out) as Record<string, unknown>;
    expect(Object.keys(icp).length).toBeGreaterThan(0);
  });

  it('import-intent counts every row read and says how many domains match an account', async () => {
    const csv = join(dir, 'intent-small.csv');
    const accounts = (await cli([...at, '--json', 'explain', 'Lionstar Capital'])).out;
    const domain = (JSON.parse(accounts) as { account: { domain: string } }).account.domain;
    writeFileSync(csv, ['Domain,Topic,Composite Score', `${domain},etl,80`, 'nowhere-corp.example,etl,70', ',etl,60', `${domain},,50`].join('\n') + '\n');
    const text = await cli([...at, 'import-intent', csv]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('intent-small.csv: 4 intent rows read: 2 imported, 2 rejected');
    expect(text.out).toContain('1 of 2 domain(s) match an account');
    const json = JSON.parse((await cli([...at, '--json', 'import-intent', csv])).out) as Record<string, unknown>;
    expect(json).toMatchObject({ rows: 4, imported: 2, rejected: 2, domains: 2, domainsMatched: 1 });
  });
});
