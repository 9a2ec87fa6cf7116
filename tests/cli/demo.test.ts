/**
 * The README's first command, end to end through the real CLI: a full sync of the example CRM copy, a second run
 * that writes nothing, `plan` that writes nothing, and a malformed CSV row that is reported, not fatal.
 */
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { bufferOutput } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/program.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = bufferOutput();
  let err = '';
  const code = await runCli(['--log-level', 'error', ...args], { out, err: (t) => void (err += t) });
  return { code, out: out.text(), err };
}

function rows(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

function summaryValue(text: string, label: string): number {
  const m = new RegExp(`\\| ${label}\\s+\\|\\s+(\\d+)`).exec(text);
  if (!m) throw new Error(`no "${label}" in summary:\n${text}`);
  return Number(m[1]);
}

describe('scoresync demo (README quick start)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scoresync-demo-'));
  const data = join(dir, 'crm');
  const state = join(dir, 'state.db');

  it('scores the example CRM: every tier and stage, qualified accounts with tasks, reasons on every account', async () => {
    const first = await cli(['demo', '--dir', dir]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(summaryValue(first.out, 'accounts scored')).toBe(300);
    expect(summaryValue(first.out, 'fields changed')).toBeGreaterThan(0);
    expect(summaryValue(first.out, 'tasks created')).toBeGreaterThan(0);
    expect(first.out).toMatch(/intent rows stored/);

    const accounts = rows(join(data, 'accounts.csv'));
    expect(new Set(accounts.map((a) => a.tier))).toEqual(new Set(['Tier 1', 'Tier 2', 'Tier 3', 'none']));
    expect(new Set(accounts.map((a) => a.buying_stage))).toEqual(new Set(['Target', 'Awareness', 'Consideration', 'Decision', 'Purchase']));
    expect(new Set(accounts.map((a) => a.fit_bucket))).toEqual(new Set(['Strong', 'Moderate', 'Weak']));
    const qualified = accounts.filter((a) => a.qualified === 'true');
    expect(qualified.length).toBeGreaterThan(0);
    expect(accounts.every((a) => (a.score_reasons ?? '').length > 0 && (a.score_reasons ?? '').length <= 1000)).toBe(true);
    const tasks = rows(join(data, 'tasks.csv'));
    const qualifiedIds = new Set(qualified.map((a) => a.id));
    expect(tasks.some((t) => qualifiedIds.has(t.account_id ?? ''))).toBe(true);
    expect(new Set(tasks.map((t) => t.sync_key)).size).toBe(tasks.length);
  });

  it('reads like a rep’s to-do list: one task per account, no customers, no empty placeholders, a few High, plain reasons', () => {
    const accounts = rows(join(data, 'accounts.csv'));
    const tasks = rows(join(data, 'tasks.csv')).filter((t) => (t.contact_id ?? '') === '');
    const customers = new Set(accounts.filter((a) => a.is_customer === 'true').map((a) => a.id));
    expect(tasks.length).toBeGreaterThan(5);
    expect(new Set(tasks.map((t) => t.account_id)).size).toBe(tasks.length);
    expect(tasks.filter((t) => customers.has(t.account_id ?? ''))).toEqual([]);
    expect(tasks.filter((t) => /\(\s*\)|\(none\)|\{\w+\}/.test(t.subject ?? ''))).toEqual([]);
    const high = tasks.filter((t) => t.priority === 'High').length;
    expect(high).toBeGreaterThan(0);
    expect(high).toBeLessThan(tasks.length / 2);
    for (const gap of tasks.filter((t) => (t.rule ?? '').includes('persona-gap'))) expect(gap.body).toMatch(/ask (.+ \(.+\)|your contacts there) who it is, or look for CFO/);
    for (const a of accounts) {
      expect((a.score_reasons ?? '').length).toBeLessThanOrEqual(255);
      expect(a.score_reasons).not.toMatch(/rules-|learned-|×0\.|\(×|fundingStage/);
      expect(a.model_version).not.toBe('');
    }
  });

  it('a second run with no changes writes 0 fields and creates 0 tasks', async () => {
    const second = await cli(['demo', '--dir', dir]);
    expect(second.code).toBe(0);
    expect(summaryValue(second.out, 'fields changed')).toBe(0);
    expect(summaryValue(second.out, 'records written')).toBe(0);
    expect(summaryValue(second.out, 'tasks created')).toBe(0);
  });

  it('explain shows the scores and reasons of an account from the store', async () => {
    const account = rows(join(data, 'accounts.csv'))[0]!;
    const result = await cli(['explain', account.id!, '--data', data, '--state', state]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(account.name!);
    expect(result.out).toContain(`Fit ${account.fit_score}`);
    expect(result.out).toContain(account.score_reasons!);
    expect(result.out).not.toContain('scorings (newest first)'); // one scoring: no trend yet
    // Contacts are listed by name and title, as a rep knows them.
    const contact = rows(join(data, 'contacts.csv')).find((c) => c.account_id === account.id && c.title);
    if (contact) expect(result.out).toContain(`${contact.first_name} ${contact.last_name} (${contact.title}) [${contact.id}]`);
    const typo = await cli(['explain', account.name!.slice(0, -1), '--data', data, '--state', state]);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain(`did you mean "${account.name!}"`);
    // A full rescore adds a point: the trend lists both scorings, newest first, with the fit the CRM shows.
    expect((await cli(['run', '--full', '--data', data, '--state', state])).code).toBe(0);
    const again = await cli(['explain', account.id!, '--data', data, '--state', state]);
    expect(again.out).toContain('Last 2 scorings (newest first):');
    expect(again.out).toMatch(new RegExp(`\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}: fit ${account.fit_score} \\(${account.fit_bucket}\\)`));
    const json = JSON.parse((await cli(['explain', account.id!, '--json', '--data', data, '--state', state])).out) as { scoreHistory: unknown[] };
    expect(json.scoreHistory).toHaveLength(2);
  });

  it('plan lists old → new for a change made in the CRM and leaves the files byte-identical', async () => {
    const file = join(data, 'accounts.csv');
    // A person blanks a score in the CRM: the plan must show exactly that field coming back.
    const text = readFileSync(file, 'utf8');
    const target = rows(file)[3]!;
    const edited = text.replace(`,${target.fit_bucket},`, ',,');
    expect(edited).not.toBe(text);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, edited);
    const before = readFileSync(file);
    const out = join(dir, 'plan.csv');
    // The hand edit did not bump modified_at, so only a full pull sees it (see README troubleshooting).
    const result = await cli(['plan', '--full', '--data', data, '--state', state, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`fit_bucket: ∅ → ${target.fit_bucket}`);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain(`fit_bucket,,${target.fit_bucket}`);
  });

  it('a malformed row is reported with file, line and reason, and the rest of the run goes on', async () => {
    appendFileSync(join(data, 'accounts.csv'), '999,Broken Co,broken.example,Software,not-a-number\n');
    const result = await cli(['run', '--data', data, '--state', state]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/rows rejected\s+\|\s+1 \|/);
    expect(result.out).toMatch(/accounts\.csv line \d+/);
  });

  it('many rejected rows make one summary line per problem with a count and the first places, listed by runs --id too', async () => {
    const bad = Array.from({ length: 6 }, (_, i) => `bad${i},teleport ${i},2026-11-01T00:00:00.000Z,001000000000001,,,,,\n`).join('');
    const header = readFileSync(join(data, 'activities.csv'), 'utf8').split('\n')[0]!;
    expect(header.split(',')).toHaveLength(9);
    appendFileSync(join(data, 'activities.csv'), bad);
    const result = await cli(['run', '--data', data, '--state', state, '--log-level', 'warn']);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n').filter((l) => l.includes('activity row(s) rejected'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/6 activity row\(s\) rejected \(type\): .* — activities\.csv line \d+, activities\.csv line \d+, activities\.csv line \d+ and 3 more/);
    const runs = await cli(['runs', '--data', data, '--state', state, '-n', '1', '--json']);
    const [latest] = JSON.parse(runs.out) as { id: string }[];
    const details = await cli(['runs', '--id', latest!.id, '--data', data, '--state', state]);
    expect(details.out).toContain('6 activity row(s) rejected (type)');
  });
});
