/** Watermarks never skip a record changed while a run is in progress, and a dry run writes nothing at all. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { runSync } from '../../src/sync/run-sync.js';
import { type Harness, harnessPerTest, readCsv } from './engine-harness.js';

function isoOf(value: string): number {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  return us ? Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2])) : Date.parse(value);
}

describe('watermarks and dry runs', () => {
  let h: Harness;
  harnessPerTest((fresh) => (h = fresh));

  it('picks up records changed during a run, including a late commit stamped just before the watermark', async () => {
    const file = join(h.dataDir, 'accounts.csv');
    let edited = false;
    const editDuringPull = () => {
      if (edited) return;
      edited = true;
      const rows = readCsv(file);
      const newest = Math.max(...rows.map((r) => isoOf(r.modified_at ?? '')).filter(Number.isFinite));
      const late = rows[0]!;
      const fresh = rows[1]!;
      late.industry = 'Late Commit Industry';
      late.modified_at = new Date(newest - 3 * 60_000).toISOString();
      fresh.industry = 'Fresh Change Industry';
      fresh.modified_at = new Date(newest + 60_000).toISOString();
      writeFileSync(file, stringify(rows, { header: true, columns: Object.keys(rows[0]!) }));
    };
    await runSync(h.deps({ afterPullPage: editDuringPull }), { full: false, dryRun: false });
    const [late, fresh] = readCsv(file);
    // The run's own write-back kept the edit (it re-read the file instead of writing a stale copy).
    expect(late?.industry).toBe('Late Commit Industry');

    await runSync(h.deps(), { full: false, dryRun: false });
    expect((await h.store.getRecord('file', 'account', late!.id!))?.industry).toBe('Late Commit Industry');
    expect((await h.store.getRecord('file', 'account', fresh!.id!))?.industry).toBe('Fresh Change Industry');
  });

  it('plan (dry run) lists exact old → new values and leaves every file byte-identical', async () => {
    const files = ['accounts.csv', 'contacts.csv', 'opportunities.csv', 'activities.csv'];
    const before = files.map((f) => readFileSync(join(h.dataDir, f)));
    const result = await runSync(h.deps(), { full: false, dryRun: true });
    expect(result.plan.updates.length).toBeGreaterThan(0);
    expect(result.plan.tasks.length).toBeGreaterThan(0);
    const change = result.plan.updates[0]!.changes.find((c) => c.output === 'fitScore');
    expect(change).toEqual({ output: 'fitScore', crmField: 'fit_score', oldValue: null, newValue: expect.stringMatching(/^\d+$/) });
    files.forEach((f, i) => expect(readFileSync(join(h.dataDir, f)).equals(before[i]!)).toBe(true));
    expect(await h.store.countPendingOutbox('file')).toBe(0);

    // The real run afterwards writes exactly what the plan showed.
    const real = await runSync(h.deps(), { full: false, dryRun: false });
    expect(real.run.counts.fieldsChanged).toBe(result.run.counts.fieldsChanged);
    expect(real.run.counts.tasksCreated).toBe(result.plan.tasks.length);
  });

  it('refuses to run while another run holds the lease, and takes over once it expires', async () => {
    const deps = h.deps();
    expect(await h.store.acquireLock('run:file', 'other-process', 60_000, new Date('2026-11-20T11:59:30Z'))).toBe(true);
    await expect(runSync(deps, { full: false, dryRun: true })).rejects.toThrow(/holds the run lock/);
    const later = h.deps(undefined, new Date('2026-11-20T12:01:00Z'));
    await expect(runSync(later, { full: false, dryRun: true })).resolves.toBeDefined();
  });
});
