/**
 * The API budget: a run stops writing before it passes its share of the CRM's daily limit or the day's ceiling,
 * leaving the rest queued (most important first) for the next run; a CRM that says its daily allowance is spent
 * (REQUEST_LIMIT_EXCEEDED) ends the push at its last settled batch, the run partial, nothing lost or written twice.
 */
import type { Connector } from '../../src/connector/connector.js';
import { ConnectorError } from '../../src/connector/connector.js';
import type { CrmErrorInfo, OutboxItem } from '../../src/model/sync.js';
import { BatchCostEstimate, budgetStop } from '../../src/sync/budget.js';
import { DEFAULT_SYNC_SETTINGS } from '../../src/sync/settings.js';
import type { EngineDeps } from '../../src/sync/engine-deps.js';
import { pushPhase } from '../../src/sync/push-phase.js';
import { runSync } from '../../src/sync/run-sync.js';
import { type Harness, harnessPerTest } from './engine-harness.js';

const RUN = { full: false, dryRun: false };

function usageDeps(calls: number, limit: number | null, used: number, settings: Partial<typeof DEFAULT_SYNC_SETTINGS> = {}): Pick<EngineDeps, 'connector' | 'settings'> {
  const connector = { usage: () => ({ calls, limit, remaining: limit === null ? null : limit - used }) } as unknown as Connector;
  return { connector, settings: { ...DEFAULT_SYNC_SETTINGS, ...settings } };
}

describe('budgetStop', () => {
  it('allows a batch while the run stays within its share and the day below its ceiling', () => {
    expect(budgetStop(usageDeps(100, 15_000, 5_000), 0, 7)).toBeNull();
  });

  it('stops before the run passes runSharePercent of the daily limit (default 25 %)', () => {
    // 3,745 calls so far in this run; the next batch may cost 7 → 3,752 > 3,750.
    expect(budgetStop(usageDeps(3_745, 15_000, 4_000), 0, 7)).toBe('this run made 3745 API calls, and may use 25 % of the daily limit of 15000 (budgets.runSharePercent)');
    expect(budgetStop(usageDeps(3_743, 15_000, 4_000), 0, 7)).toBeNull();
    // Calls made before the run started do not count against its share.
    expect(budgetStop(usageDeps(13_745, 15_000, 4_000), 10_000, 7)).not.toBeNull();
    expect(budgetStop(usageDeps(13_700, 15_000, 4_000), 10_000, 7)).toBeNull();
  });

  it('stops before the day passes 100 − reservePercent % used by everyone (default 80 %)', () => {
    expect(budgetStop(usageDeps(10, 15_000, 11_995), 0, 7)).toBe('the org has used 11995 of its 15000 daily API requests; 20 % stays in reserve (budgets.reservePercent)');
    expect(budgetStop(usageDeps(10, 15_000, 11_993), 0, 7)).toBeNull();
    expect(budgetStop(usageDeps(10, 15_000, 13_400, { reservePercent: 10 }), 0, 1)).toBeNull();
  });

  it('keeps maxCallsPerRun, and applies only it when the CRM reports no limit', () => {
    expect(budgetStop(usageDeps(5, null, 0, { maxCallsPerRun: 5 }), 0)).toBe('this run made 5 API calls of its 5 (budgets.maxCallsPerRun)');
    expect(budgetStop(usageDeps(4, null, 0, { maxCallsPerRun: 5 }), 0)).toBeNull();
    expect(budgetStop(usageDeps(1_000_000, null, 0), 0)).toBeNull();
  });

  it('estimates the next batch as the costliest batch so far', () => {
    const cost = new BatchCostEstimate();
    expect(cost.estimate()).toBe(1);
    cost.observe(3);
    cost.observe(7);
    cost.observe(1);
    expect(cost.estimate()).toBe(7);
  });
});

/** The harness's file connector, reporting a CRM daily limit (each write call uses one request), and failing on demand. */
function meteredDeps(h: Harness, options: { limit: number; usedBefore?: number; quotaAfterCalls?: number }, written: string[][]): EngineDeps {
  const deps = h.deps();
  const inner = deps.connector;
  let calls = 0;
  const quota: CrmErrorInfo = { class: 'retryable', code: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' };
  const check = (): void => {
    if (options.quotaAfterCalls !== undefined && calls >= options.quotaAfterCalls) throw Object.assign(new ConnectorError('TotalRequests Limit exceeded.', 'salesforce'), { info: quota });
    calls++;
  };
  const connector: Connector = Object.assign(Object.create(inner) as Connector, {
    writeBatchSize: 20,
    taskBatchSize: 20,
    async writeFields(kind: Parameters<Connector['writeFields']>[0], updates: Parameters<Connector['writeFields']>[1]) {
      check();
      written.push(updates.map((u) => u.recordId));
      return inner.writeFields(kind, updates);
    },
    async createTasks(tasks: Parameters<Connector['createTasks']>[0]) {
      check();
      written.push(tasks.map((t) => t.key));
      return inner.createTasks(tasks);
    },
    usage: () => ({ calls, limit: options.limit, remaining: options.limit - (options.usedBefore ?? 0) - calls }),
  });
  return { ...deps, connector };
}

describe('the push within the API budget', () => {
  let h: Harness;
  harnessPerTest((fresh) => (h = fresh), { accounts: 40 });

  async function planOnly(): Promise<OutboxItem[]> {
    const deps = h.deps();
    // No call allowed: the run plans everything and writes nothing.
    await runSync({ ...deps, settings: { ...deps.settings, maxCallsPerRun: 0 } }, RUN);
    return h.store.pendingOutbox('file', 100_000);
  }

  it('stops at 25 % of the daily limit, most important items first, and the next run writes the rest once', async () => {
    const queue = await planOnly();
    expect(queue.length).toBeGreaterThan(20);
    const written: string[][] = [];
    const pageSize = 10;

    // A daily limit of 40 requests: this run may make 10.
    const first = await pushPhase(meteredDeps(h, { limit: 40 }, written), 0, { pageSize });

    expect(first).toMatchObject({ stoppedForBudget: true, stoppedForQuota: false });
    expect(first.stopReason).toContain('budgets.runSharePercent');
    expect(written).toHaveLength(10);
    const left = await h.store.pendingOutbox('file', 100_000);
    expect(left.length).toBeGreaterThan(0);
    // Everything written belongs to the most important items: those before the page the stop cut.
    const done = new Set(queue.map((item) => item.id).filter((id) => !left.some((l) => l.id === id)));
    const rank = new Map(queue.map((item, i) => [item.id, i]));
    const lastDone = Math.max(...[...done].map((id) => rank.get(id) ?? 0));
    expect(Math.min(...left.map((item) => rank.get(item.id) ?? 0))).toBeGreaterThan(lastDone - pageSize);

    const second = await pushPhase(meteredDeps(h, { limit: 1_000 }, written), 0, { pageSize });
    expect(second.stoppedForBudget).toBe(false);
    expect(await h.store.countPendingOutbox('file')).toBe(0);
    const records = written.flat();
    expect(new Set(records).size).toBe(records.length);
  });

  it('stops before the day passes 80 % used, counting what others used', async () => {
    await planOnly();
    const written: string[][] = [];
    const result = await pushPhase(meteredDeps(h, { limit: 100, usedBefore: 77 }, written), 0, { pageSize: 10 });
    expect(result.stopReason).toBe('the org has used 80 of its 100 daily API requests; 20 % stays in reserve (budgets.reservePercent)');
    expect(written).toHaveLength(3);
  });

  it('REQUEST_LIMIT_EXCEEDED ends the run partial at its last batch; the refused batch is not counted as a failed try', async () => {
    await planOnly();
    const written: string[][] = [];
    const run = await runSync(meteredDeps(h, { limit: 100_000, quotaAfterCalls: 4 }, written), RUN);

    expect(run.run.status).toBe('partial');
    expect(run.run.errors).toEqual([expect.stringMatching(/^stopped writing: the CRM's daily API limit is used up \(TotalRequests Limit exceeded\.\); the rest is queued/)]);
    expect(written).toHaveLength(4);
    const left = await h.store.pendingOutbox('file', 100_000);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((item) => item.attempts === 0 && item.nextAttemptAt === null)).toBe(true);
    expect(await h.store.failedOutbox('file', 10)).toHaveLength(0);

    const next = await runSync(meteredDeps(h, { limit: 100_000 }, written), RUN);
    expect(next.run.status).toBe('succeeded');
    expect(await h.store.countPendingOutbox('file')).toBe(0);
    const records = written.flat();
    expect(new Set(records).size).toBe(records.length);
  });
});
