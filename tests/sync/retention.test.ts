/** Retention: a full rescore prunes done writes and score history older than the sync.keep* settings, nothing else. */
import type { Logger } from '../../src/log/logger.js';
import type { EngineDeps } from '../../src/sync/engine-deps.js';
import { runSync } from '../../src/sync/run-sync.js';
import { EXAMPLE_NOW, type Harness, harnessPerTest, readCsv } from './engine-harness.js';
import { join } from 'node:path';

const RUN = { full: false, dryRun: false };
const DAY = 86_400_000;

describe('retention', () => {
  let h: Harness;
  harnessPerTest((fresh) => (h = fresh));

  function at(days: number, keep: { written: number; scores: number }): EngineDeps {
    const deps = h.deps(undefined, new Date(EXAMPLE_NOW.getTime() + days * DAY));
    return { ...deps, settings: { ...deps.settings, keepWrittenDays: keep.written, keepScoreHistoryDays: keep.scores } };
  }

  it('removes done writes and score points older than the settings on a full rescore, keeping the latest scores', async () => {
    const keep = { written: 30, scores: 10 };
    const first = await runSync(at(0, keep), RUN);
    expect(first.run.counts.recordsWritten).toBeGreaterThan(0);
    const accountId = readCsv(join(h.dataDir, 'accounts.csv'))[0]?.id ?? '';
    expect(await h.store.accountScoreHistory('file', accountId, 10)).toHaveLength(1);

    // Day 5: daily rescore; nothing is old enough yet.
    await runSync(at(5, keep), RUN);
    expect(await h.store.accountScoreHistory('file', accountId, 10)).toHaveLength(2);

    // Day 12: the first pass's score points are older than 10 days; its done writes are not older than 30.
    await runSync(at(12, keep), RUN);
    expect((await h.store.accountScoreHistory('file', accountId, 10)).map((p) => p.scoredAt.slice(0, 10))).toEqual([
      new Date(EXAMPLE_NOW.getTime() + 12 * DAY).toISOString().slice(0, 10),
      new Date(EXAMPLE_NOW.getTime() + 5 * DAY).toISOString().slice(0, 10),
    ]);
    const doneBefore = await countDone(h);
    expect(doneBefore).toBeGreaterThan(0);

    // Day 45: every write of days 0-12 is older than 30 days and goes; the latest score of each account stays.
    await runSync(at(45, keep), RUN);
    expect(await countDone(h)).toBeLessThan(doneBefore);
    expect((await h.store.latestAccountScore('file', accountId))?.scoredAt.slice(0, 10)).toBe(
      new Date(EXAMPLE_NOW.getTime() + 45 * DAY).toISOString().slice(0, 10),
    );
  });

  it('a failed prune is a warning, not a failed run: the writes it follows are done', async () => {
    const warnings: string[] = [];
    const deps = at(0, { written: 30, scores: 365 });
    const store = new Proxy(h.store, {
      get(target, name, receiver) {
        if (name === 'pruneHistory') return () => Promise.reject(new Error('database is locked'));
        return Reflect.get(target, name, receiver) as unknown;
      },
    });
    const logger: Logger = {
      ...deps.logger,
      warn: (message, fields) => void warnings.push(`${message} ${JSON.stringify(fields)}`),
      child: () => logger,
    };
    const result = await runSync({ ...deps, store, logger }, RUN);
    expect(result.run.status).toBe('succeeded');
    expect(result.run.counts.recordsWritten).toBeGreaterThan(0);
    expect(warnings).toEqual([expect.stringMatching(/^could not prune old history.*database is locked/)]);
  });

  it('leaves everything alone on a run that did not rescore every account', async () => {
    const keep = { written: 1, scores: 1 };
    await runSync(at(0, keep), RUN);
    const accountId = readCsv(join(h.dataDir, 'accounts.csv'))[0]?.id ?? '';
    // Two days later, with the full rescore not due yet (every 30 days): only changed accounts (none) are scored,
    // and the day-0 history and writes, older than the 1-day settings, stay until the next full rescore.
    const later = h.deps(undefined, new Date(EXAMPLE_NOW.getTime() + 2 * DAY));
    const settings = { ...later.settings, keepWrittenDays: 1, keepScoreHistoryDays: 1, rescoreAllEveryHours: 24 * 30 };
    const doneBefore = await countDone(h);
    const run = await runSync({ ...later, settings }, RUN);
    expect(run.rescoredAll).toBe(false);
    expect(await h.store.accountScoreHistory('file', accountId, 10)).toHaveLength(1);
    expect(await countDone(h)).toBe(doneBefore);
  });
});

async function countDone(h: Harness): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(h.statePath, { readonly: true });
  try {
    return db.prepare("SELECT COUNT(*) FROM outbox WHERE status = 'done'").pluck().get() as number;
  } finally {
    db.close();
  }
}
