/**
 * Changes pulled by a run that did not finish scoring them (a crash, or a `plan`) are scored by the next run even
 * when the daily rescore of every account is not due: nothing pulled is ever left unscored.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { SimulatedCrash } from '../../src/sync/faults.js';
import { runSync } from '../../src/sync/run-sync.js';
import { createHarness, EXAMPLE_NOW, readCsv, type Harness } from './engine-harness.js';

const RUN = { full: false, dryRun: false };
const LATER = new Date(EXAMPLE_NOW.getTime() + 60 * 60_000);

/** A person edits one account in the CRM an hour after the first sync: it becomes a Software company. */
function editAccount(h: Harness): string {
  const file = join(h.dataDir, 'accounts.csv');
  const rows = readCsv(file);
  const row = rows.find((r) => r.industry === 'Government')!;
  row.industry = 'Software';
  row.modified_at = new Date(LATER.getTime() - 5 * 60_000).toISOString();
  writeFileSync(file, stringify(rows, { header: true, columns: Object.keys(rows[0]!) }));
  return row.id!;
}

describe('accounts changed but not yet scored', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    await runSync(h.deps(), RUN);
  });
  afterEach(async () => {
    await h.close();
  });

  it('a run killed after pulling a change scores it on the next run', async () => {
    const id = editAccount(h);
    let pages = 0;
    const crashAfterAccounts = () => {
      if (++pages === 1) throw new SimulatedCrash('afterPullPage');
    };
    await expect(runSync(h.deps({ afterPullPage: crashAfterAccounts }, LATER), RUN)).rejects.toBeInstanceOf(SimulatedCrash);
    const next = await runSync(h.deps(undefined, LATER), RUN);
    expect(next.run.counts.scoredAccounts).toBeGreaterThanOrEqual(1);
    const score = await h.store.latestAccountScore('file', id);
    expect(score?.scoredAt).toBe(LATER.toISOString());
  });

  it('a plan does not swallow the change: the run after it writes what the plan showed', async () => {
    editAccount(h);
    const plan = await runSync(h.deps(undefined, LATER), { full: false, dryRun: true });
    expect(plan.run.counts.scoredAccounts).toBeGreaterThanOrEqual(1);
    const real = await runSync(h.deps(undefined, LATER), RUN);
    expect(real.run.counts.fieldsChanged).toBe(plan.run.counts.fieldsChanged);
    expect(real.run.counts.tasksCreated).toBe(plan.run.counts.tasksPlanned);
  });
});
