/**
 * Nothing lost when writes fail: environment failures (a read-only folder, a full disk, timeouts) stay queued across
 * runs; writes the CRM refuses for good are kept with its message, not re-sent for nothing, and replayed by
 * `scoresync retry`, after a mapping change or after their record changes; a failed task never counts as created.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileConnector } from '../../connectors/file/index.js';
import { nodeFileOps } from '../../connectors/file/atomic-write.js';
import type { MappingFile } from '../../src/config/mapping-types.js';
import type { Connector } from '../../src/connector/connector.js';
import { silentLogger } from '../../src/log/logger.js';
import type { CrmErrorInfo, FieldUpdate } from '../../src/model/sync.js';
import type { TaskDraft } from '../../src/model/tasks.js';
import type { EngineDeps } from '../../src/sync/engine-deps.js';
import { retrySync } from '../../src/sync/retry-sync.js';
import { runSync } from '../../src/sync/run-sync.js';
import { createHarness, EXAMPLE_NOW, type Harness, harnessPerTest, readCsv, tryReadCsv } from './engine-harness.js';

const RUN = { full: false, dryRun: false };
const ACCOUNTS = 12;
const at = (minutes: number): Date => new Date(EXAMPLE_NOW.getTime() + minutes * 60_000);
const NEXT_DAY = at(24 * 60 + 1);

interface Crm {
  /** The folder cannot be written: every file replacement fails with EACCES, as on a read-only mount. */
  readOnly: boolean;
  /** A CRM-side rule refusing some writes for good (a validation rule, a missing field, a permission). */
  refuseField?: (update: FieldUpdate) => CrmErrorInfo | null;
  refuseTask?: (task: TaskDraft) => CrmErrorInfo | null;
  /** Records and tasks sent to the CRM, in order. */
  sent: string[];
}

/** The real file connector, behind the CRM-side refusals the test switches on and off. */
function crmDeps(h: Harness, crm: Crm, now: Date = EXAMPLE_NOW, mapping?: MappingFile): EngineDeps {
  const deps = h.deps(undefined, now);
  const map = mapping ?? deps.mapping;
  const rename = async (from: string, to: string): Promise<void> => {
    if (crm.readOnly) throw Object.assign(new Error(`EACCES: permission denied, rename '${from}' -> '${to}'`), { code: 'EACCES' });
    await nodeFileOps.rename(from, to);
  };
  const file = createFileConnector({ mapping: map, settings: { dataDir: h.dataDir }, logger: silentLogger() }, { fileOps: { rename } });
  const connector: Connector = {
    ...file,
    async writeFields(kind, updates) {
      crm.sent.push(...updates.map((u) => u.recordId));
      const refused = new Map(updates.flatMap((u) => ((e) => (e ? [[u.recordId, e] as const] : []))(crm.refuseField?.(u) ?? null)));
      const outcomes = await file.writeFields(kind, updates.filter((u) => !refused.has(u.recordId)));
      return [...outcomes, ...[...refused].map(([recordId, error]) => ({ recordId, ok: false, error }))];
    },
    async createTasks(tasks) {
      crm.sent.push(...tasks.map((t) => t.key));
      const refused = new Map(tasks.flatMap((t) => ((e) => (e ? [[t.key, e] as const] : []))(crm.refuseTask?.(t) ?? null)));
      const outcomes = await file.createTasks(tasks.filter((t) => !refused.has(t.key)));
      return [...outcomes, ...[...refused].map(([key, error]) => ({ key, ok: false, error }))];
    },
  };
  return { ...deps, mapping: map, connector, settings: { ...deps.settings, maxAttempts: 2 } };
}

const validationRule: CrmErrorInfo = { class: 'record', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Tier may not change on partner accounts' };

const accountsCsv = (h: Harness): string => readFileSync(join(h.dataDir, 'accounts.csv'), 'utf8');
const contactsCsv = (h: Harness): string => readFileSync(join(h.dataDir, 'contacts.csv'), 'utf8');
const taskKeys = (h: Harness): string[] => tryReadCsv(join(h.dataDir, 'tasks.csv')).map((t) => t.sync_key ?? '').sort();

/** What an uninterrupted first run over the same data writes. */
async function reference(): Promise<{ accounts: string; contacts: string; tasks: string[] }> {
  const clean = await createHarness({ accounts: ACCOUNTS, taskForEveryAccount: true });
  try {
    const result = await runSync(clean.deps(), RUN);
    expect(result.run.counts.tasksCreated).toBeGreaterThan(0);
    return { accounts: accountsCsv(clean), contacts: contactsCsv(clean), tasks: taskKeys(clean) };
  } finally {
    await clean.close();
  }
}

describe('replayable failed writes', () => {
  let h: Harness;
  harnessPerTest((fresh) => (h = fresh), { accounts: ACCOUNTS, taskForEveryAccount: true });

  it('a read-only folder puts every write off; once it is writable again the next due run writes every field and creates every task', async () => {
    const crm: Crm = { readOnly: true, sent: [] };
    const failed = await runSync(crmDeps(h, crm), RUN);
    expect(failed.run.status).toBe('partial');
    expect(failed.run.counts).toMatchObject({ recordsWritten: 0, tasksCreated: 0, writeFailures: 0 });
    expect(failed.run.counts.writesDeferred).toBeGreaterThan(0);
    expect(failed.run.errors.join('\n')).toMatch(/write\(s\) failed with a retryable error and stay queued, e\.g\. .*WRITE_FAILED: .*EACCES.*`scoresync retry` sends them now/);
    expect(await h.store.failedOutbox('file', 10)).toEqual([]);
    expect(await h.store.countWaitingOutbox('file')).toEqual({ failed: 0, retrying: failed.run.counts.writesDeferred });

    // Fixed at once, run at once: the writes wait for their retry time (a minute), and the run says so.
    crm.readOnly = false;
    const early = await runSync(crmDeps(h, crm), RUN);
    expect(early.run.counts).toMatchObject({ recordsWritten: 0, tasksCreated: 0, writesWaiting: failed.run.counts.writesDeferred });

    const later = await runSync(crmDeps(h, crm, at(2)), RUN);
    expect(later.run.status).toBe('succeeded');
    expect(later.run.counts.writesWaiting).toBe(0);
    const expected = await reference();
    expect(later.run.counts.tasksCreated).toBe(expected.tasks.length);
    expect(accountsCsv(h)).toBe(expected.accounts);
    expect(contactsCsv(h)).toBe(expected.contacts);
    expect(taskKeys(h)).toEqual(expected.tasks);
    expect((await h.store.getLedgerEntries(expected.tasks)).size).toBe(expected.tasks.length);
    expect([...(await h.store.getLedgerEntries(expected.tasks)).values()].every((e) => e.status === 'created')).toBe(true);
  });

  it('an environment failure that lasts past sync.retryForHours is kept as failed with its message, and `retry` replays it', async () => {
    const crm: Crm = { readOnly: true, sent: [] };
    await runSync(crmDeps(h, crm), RUN);
    const stillBroken = await runSync(crmDeps(h, crm, at(73 * 60)), RUN);
    expect(stillBroken.run.counts.writeFailures).toBeGreaterThan(0);
    expect(stillBroken.run.errors[0]).toMatch(/WRITE_FAILED: .*EACCES.*\(still failing after 72 h of retries\)/);
    const failed = await h.store.failedOutbox('file', 1000);
    expect(failed.length).toBeGreaterThan(0);
    expect(await h.store.countPendingOutbox('file')).toBe(0);

    crm.readOnly = false;
    const retried = await retrySync(crmDeps(h, crm, at(74 * 60)), {});
    expect(retried.fromRun).toBe(stillBroken.run.id);
    expect(retried.replayed).toBe(failed.length);
    expect(retried.run).toMatchObject({ mode: 'retry', status: 'succeeded', counts: { writesWaiting: 0 } });
    expect(retried.run.counts.tasksCreated).toBeGreaterThan(0);
    expect(await h.store.countWaitingOutbox('file')).toEqual({ failed: 0, retrying: 0 });
  });

  it('a write the CRM refuses for good is kept with its message, not re-sent by the daily rescore, and replayed by `retry --run`', async () => {
    const refusedId = readCsv(join(h.dataDir, 'accounts.csv'))[0]?.id ?? '';
    const crm: Crm = { readOnly: false, sent: [], refuseField: (u) => (u.recordId === refusedId ? validationRule : null) };
    const first = await runSync(crmDeps(h, crm), RUN);
    expect(first.run.status).toBe('partial');
    expect(first.run.errors).toEqual([`account ${refusedId}: FIELD_CUSTOM_VALIDATION_EXCEPTION: Tier may not change on partner accounts`]);
    expect(first.run.counts.writesWaiting).toBe(1);

    crm.sent.length = 0;
    const nextDay = await runSync(crmDeps(h, crm, NEXT_DAY), RUN);
    expect(nextDay.rescoredAll).toBe(true);
    expect(crm.sent).not.toContain(refusedId);
    expect(nextDay.run).toMatchObject({ status: 'succeeded', counts: { writeFailures: 0, writesWaiting: 1 } });

    crm.refuseField = undefined; // an admin relaxed the rule
    const retried = await retrySync(crmDeps(h, crm, NEXT_DAY), { runId: first.run.id });
    expect(retried).toMatchObject({ replayed: 1, run: { status: 'succeeded', counts: { recordsWritten: 1, writesWaiting: 0 } } });
    expect(readCsv(join(h.dataDir, 'accounts.csv')).find((a) => a.id === refusedId)?.fit_score).not.toBe('');
  });

  it('re-plans writes refused for a misnamed CRM field once the mapping is corrected', async () => {
    const crm: Crm = {
      readOnly: false,
      sent: [],
      refuseField: (u) => (u.changes.some((c) => c.crmField === 'tier') ? { class: 'config', code: 'INVALID_FIELD', message: 'No such column tier on Account', field: 'tier' } : null),
    };
    const first = await runSync(crmDeps(h, crm), RUN);
    expect(first.run.counts.writeFailures).toBeGreaterThan(0);
    const waiting = first.run.counts.writesWaiting;
    expect(waiting).toBeGreaterThan(0);

    const fixed = structuredClone(h.deps().mapping);
    const tier = fixed.objects.account?.outputs.tier;
    if (!tier) throw new Error('the file mapping writes no tier');
    tier.field = 'account_tier';
    const second = await runSync(crmDeps(h, crm, EXAMPLE_NOW, fixed), RUN);
    expect(second.run.status).toBe('succeeded');
    expect(second.run.warnings).toContain(`the mapping changed since the last run: every account is rescored and ${waiting} failed write(s) get another chance`);
    expect(second.run.counts.writesWaiting).toBe(0);
    const accounts = readCsv(join(h.dataDir, 'accounts.csv'));
    expect(accounts.every((a) => (a.account_tier ?? '') !== '')).toBe(true);
  });

  it('replays a refused write once its record changes in the CRM', async () => {
    const rows = readCsv(join(h.dataDir, 'accounts.csv'));
    const refusedId = rows[1]?.id ?? '';
    const crm: Crm = { readOnly: false, sent: [], refuseField: (u) => (u.recordId === refusedId ? validationRule : null) };
    await runSync(crmDeps(h, crm), RUN);
    expect(await h.store.countWaitingOutbox('file')).toEqual({ failed: 1, retrying: 0 });

    // Someone fixes the account in the CRM (here: hands it to another owner, which changes no score, so only the
    // change of the record can bring the write back): the rule no longer applies, and the record's stamp moves.
    crm.refuseField = undefined;
    const path = join(h.dataDir, 'accounts.csv');
    const text = readFileSync(path, 'utf8');
    const line = text.split('\n').find((l) => l.startsWith(`${refusedId},`)) ?? '';
    const stamp = /,(\d{4}-\d{2}-\d{2}T[^,]+Z),/.exec(line)?.[1] ?? '';
    const owner = /,(005U\d+),/.exec(line)?.[1] ?? '';
    expect(stamp && owner).toBeTruthy();
    writeFileSync(path, text.replace(line, line.replace(`,${stamp},`, `,${at(5).toISOString()},`).replace(`,${owner},`, ',005U99999999999,')));
    const second = await runSync(crmDeps(h, crm, at(10)), RUN);
    expect(second.run.status).toBe('succeeded');
    expect(crm.sent).toContain(refusedId);
    expect(second.run.counts.writesWaiting).toBe(0);
  });

  it('a task the CRM refuses is not counted as created, is not planned twice, and `retry` creates it', async () => {
    let refusedKey: string | null = null;
    const crm: Crm = {
      readOnly: false,
      sent: [],
      refuseTask: (t) => {
        refusedKey ??= t.key;
        return t.key === refusedKey ? { class: 'record', code: 'INVALID_CROSS_REFERENCE_KEY', message: 'owner is inactive' } : null;
      },
    };
    const first = await runSync(crmDeps(h, crm), RUN);
    const key = refusedKey as string | null;
    if (key === null) throw new Error('no task was planned');
    expect(first.run.counts.tasksCreated).toBe(first.run.counts.tasksPlanned - 1);
    expect((await h.store.getLedgerEntries([key])).get(key)?.status).toBe('planned');
    expect(taskKeys(h)).not.toContain(key);

    crm.sent.length = 0;
    const nextDay = await runSync(crmDeps(h, crm, NEXT_DAY), RUN);
    expect(crm.sent).not.toContain(key);
    expect(nextDay.run.counts.writesWaiting).toBe(1);

    crm.refuseTask = undefined;
    const retried = await retrySync(crmDeps(h, crm, NEXT_DAY), { all: true });
    expect(retried.run.counts.tasksCreated).toBe(1);
    expect((await h.store.getLedgerEntries([key])).get(key)?.status).toBe('created');
    expect(taskKeys(h)).toContain(key);
  });
});
