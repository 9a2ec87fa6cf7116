/**
 * What a run settles before it writes anything: the lock (a killed holder is replaced at once on the same machine and
 * its run marked abandoned; a refused attempt leaves no run behind), the mapping checked against the source's own
 * fields, and records that belong to no account counted and named.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MappingFile } from '../../src/config/mapping-types.js';
import { createConnector } from '../../src/connector/registry.js';
import { silentLogger } from '../../src/log/logger.js';
import { SimulatedCrash } from '../../src/sync/faults.js';
import { currentHolder } from '../../src/sync/lock-holder.js';
import { MappingMismatchError } from '../../src/sync/mapping-gate.js';
import { LeaseLostError, RunLockedError } from '../../src/sync/run-lease.js';
import { runSync } from '../../src/sync/run-sync.js';
import { EXAMPLE_NOW, type Harness, harnessPerTest, readCsv } from './engine-harness.js';

const RUN = { full: false, dryRun: false };

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { env: { ...process.env, NODE_OPTIONS: '' } });
  if (!child.pid) throw new Error('could not start a child process');
  return child.pid;
}

/** The engine and its connector with an edited mapping, as after a change to mappings/file.yaml. */
function withMapping(h: Harness, edit: (mapping: MappingFile) => void) {
  const deps = h.deps();
  const mapping = structuredClone(deps.mapping);
  edit(mapping);
  const connector = createConnector('file', { mapping, settings: { dataDir: h.dataDir }, logger: silentLogger() });
  return { ...deps, mapping, connector };
}

describe('run start', () => {
  let h: Harness;
  harnessPerTest((fresh) => (h = fresh), { accounts: 8 });

  it('takes over at once from a killed run on this machine and marks that run abandoned', async () => {
    const killed = 'killed-run';
    await expect(runSync(h.deps({ afterLock: () => { throw new SimulatedCrash('afterLock'); } }), { ...RUN, runId: killed })).rejects.toBeInstanceOf(SimulatedCrash);
    // As SIGKILL leaves it: the run still `running`, its fresh lease held by a pid that no longer exists.
    await h.store.acquireLock('run:file', killed, 30_000, EXAMPLE_NOW, { ...currentHolder(), pid: deadPid() });
    expect((await h.store.getRun(killed))?.status).toBe('running');

    const next = await runSync(h.deps(), RUN);
    expect(next.run.status).toBe('succeeded');
    const abandoned = await h.store.getRun(killed);
    expect(abandoned).toMatchObject({ status: 'abandoned', finishedAt: next.run.startedAt });
    expect(abandoned?.errors.at(-1)).toMatch(new RegExp(`^abandoned: its process stopped .*run ${next.run.id} took the lock over from it because its process \\(pid \\d+ on .+\\) is no longer running`));
    expect(next.run.warnings).toContain(`run ${killed} was killed before it finished (marked abandoned); its planned writes are resumed by this run`);
    expect(await h.store.getLock('run:file')).toBeNull();
  });

  it('a refused attempt (the lock is held by a live run) leaves no run in the history', async () => {
    await h.store.acquireLock('run:file', 'live-run', 30_000, EXAMPLE_NOW, currentHolder());
    const error = await runSync(h.deps(), RUN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunLockedError);
    expect((error as Error).message).toContain('run live-run');
    expect(await h.store.listRuns(10)).toEqual([]);
  });

  it('stops a run whose lock another process took over before it writes anything more', async () => {
    const stolen = h.deps({
      afterScoreBatch: () => {
        void h.store.takeOverLock('run:file', 'slow-run', 'other-run', 30_000, EXAMPLE_NOW);
      },
    });
    const error = await runSync(stolen, { ...RUN, runId: 'slow-run' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeaseLostError);
    expect((error as Error).message).toMatch(/lost the lock "run:file": run other-run took it over/);
    expect(await h.store.countRecords('file', 'account')).toBeGreaterThan(0);
    expect(readCsv(join(h.dataDir, 'accounts.csv')).every((a) => (a.fit_score ?? '') === '')).toBe(true);
    expect(await h.store.getRun('slow-run')).toMatchObject({ status: 'failed' });
    expect(await h.store.getLock('run:file')).toMatchObject({ owner: 'other-run' });
  });

  it.each([false, true])('a mapped input column the file lacks stops the run (dry run: %s) before anything is pulled', async (dryRun) => {
    const deps = withMapping(h, (m) => {
      const industry = m.objects.account?.fields.industry;
      if (industry) industry.field = 'industree';
    });
    const error = await runSync(deps, { ...RUN, dryRun }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingMismatchError);
    expect((error as Error).message.split('\n')).toEqual([
      'the file mapping does not match what the source has, so this run stopped before pulling or scoring anything (scores would silently change):',
      expect.stringMatching(/^ {2}accounts\.industree: column "industree" \(mapped to industry\) is not in accounts\.csv; its columns are: id, name, .*\. Fix: rename the column in accounts\.csv or change "industry" in the mapping$/),
      'Correct the mapping or the source, then run again (`scoresync validate --check-crm` checks without running).',
    ]);
    expect(await h.store.countRecords('file', 'account')).toBe(0);
    expect((await h.store.listRuns(1))[0]).toMatchObject({ status: 'failed', mode: dryRun ? 'dry-run' : 'run' });
  });

  it('reports a missing output column before writing and goes on (the first write adds it)', async () => {
    const path = join(h.dataDir, 'accounts.csv');
    const rows = readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => line.split(','));
    const tier = rows[0]?.indexOf('tier') ?? -1;
    writeFileSync(path, rows.map((cells) => cells.filter((_, i) => i !== tier).join(',')).join('\n') + '\n');
    const result = await runSync(h.deps(), RUN);
    expect(result.run.status).toBe('succeeded');
    expect(result.run.warnings).toContain(
      'accounts.tier: output column "tier" (for tier) is not in accounts.csv yet; the first write adds it at the end. Fix: run `scoresync setup` to add it now (empty values; other cells are left unchanged)',
    );
    expect(readCsv(path).every((a) => (a.tier ?? '') !== '')).toBe(true);
  });

  it('counts and names contacts and opportunities whose account does not exist', async () => {
    appendFileSync(join(h.dataDir, 'contacts.csv'), '003ORPHAN000001,001NOSUCHACCOUNT,Ada,Lost,ada@lost.example,CTO,IT,C-Level,,2025-01-01T00:00:00Z,,,,\n');
    appendFileSync(join(h.dataDir, 'contacts.csv'), '003ORPHAN000002,,Bob,Nowhere,bob@nowhere.example,CTO,IT,C-Level,,2025-01-01T00:00:00Z,,,,\n');
    appendFileSync(join(h.dataDir, 'opportunities.csv'), '006ORPHAN000001,001NOSUCHACCOUNT,Lost deal,Discovery,1000,false,false,2025-01-01T00:00:00Z,,,2025-01-01T00:00:00Z\n');
    const result = await runSync(h.deps(), RUN);
    expect(result.run.counts).toMatchObject({ orphanContacts: 2, orphanOpportunities: 1 });
    expect(result.run.warnings).toContain(
      '2 contact(s) and 1 opportunity name an account that is not in the CRM data, so they are not scored ' +
        '(e.g. contact 003ORPHAN000001 → account 001NOSUCHACCOUNT, contact 003ORPHAN000002 → no account id, opportunity 006ORPHAN000001 → account 001NOSUCHACCOUNT). ' +
        'Fix: add the missing accounts, or correct the account ids on these records.',
    );
    expect((await h.store.getRun(result.run.id))?.counts.orphanContacts).toBe(2);
  });
});
