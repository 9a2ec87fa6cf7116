/** A change revops make to config/scoring.yaml takes effect on the next run, not when the stored model expires. */
import { runSync } from '../../src/sync/run-sync.js';
import { type Harness, harnessPerTest } from './engine-harness.js';

describe('model retraining', () => {
  let h: Harness;
  harnessPerTest((fresh) => (h = fresh));

  it('reuses the stored model while the scoring config is unchanged, and retrains when it changes', async () => {
    const first = await runSync(h.deps(), { full: false, dryRun: false });
    // The example CRM has enough history to try learned fit; the evidence decides (issue 8), so either mode may win here.
    expect(first.fitModeReason).not.toMatch(/10000|10,000/);

    const again = await runSync(h.deps(), { full: false, dryRun: false });
    expect(again.modelVersion).toBe(first.modelVersion);

    const deps = h.deps();
    const stricter = { ...deps.scoringConfig, fit: { ...deps.scoringConfig.fit, learned: { ...deps.scoringConfig.fit.learned, minWonAccounts: 10_000 } } };
    const changed = await runSync({ ...deps, scoringConfig: stricter }, { full: false, dryRun: false });
    expect(changed.fitMode).toBe('rules');
    expect(changed.fitModeReason).toMatch(/10000|10,000/);
  });
});
