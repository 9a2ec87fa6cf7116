/**
 * The score phase loads only activities inside the scoring lookback (plus the date of the latest older one). That must
 * change no score: scoring trimmed bundles gives exactly what scoring the full history gives.
 */
import { generateAccounts } from '../../bench/datagen/index.js';
import type { AccountBundle } from '../../src/model/records.js';
import { activitiesSince, activityLookbackDays, createModelTrainer, scoreAccount } from '../../src/scoring/index.js';
import { activity, bundle, config, daysAgo, NOW, prior } from './builders.js';

/** What the store returns for a load with `activitiesSince`. */
function trimmed(full: AccountBundle, since: string): AccountBundle {
  const older = full.activities.filter((a) => a.occurredAt < since).map((a) => a.occurredAt);
  return {
    ...full,
    activities: full.activities.filter((a) => a.occurredAt >= since),
    olderActivityAt: older.length === 0 ? null : older.reduce((a, b) => (a > b ? a : b)),
  };
}

describe('activity lookback', () => {
  it('is the longest window any score uses, plus a day of margin', () => {
    // engagement 90, surge 14 + 90 = 104, third-party topics 30, counters up to 60
    expect(activityLookbackDays(config())).toBe(105);
    expect(activityLookbackDays(config({ engagement: { windowDays: 200 } }))).toBe(201);
    expect(activityLookbackDays(config({ intent: { firstParty: { recentDays: 30, baselineDays: 180 } } }))).toBe(211);
    expect(activityLookbackDays(config({ intent: { thirdParty: { maxAgeDays: 150 } } }))).toBe(151);
    const longCounter = { signals: { counters: { ...config().signals.counters, yearOfWebinars: { label: 'webinar', types: ['webinar'], windowDays: 365 } } } };
    expect(activityLookbackDays(config(longCounter))).toBe(366);
    // lifecycle windows count only when lifecycle is on
    const lifecycle = { negative: { windowDays: 400 } };
    expect(activityLookbackDays(config({ lifecycle }))).toBe(105);
    expect(activityLookbackDays(config({ lifecycle: { ...lifecycle, enabled: true } }))).toBe(401);
    expect(activitiesSince(config(), NOW)).toBe(daysAgo(105));
  });

  it('keeps "days since the last activity" exact from the older activity the store reports', () => {
    const cfg = config({ stages: { rules: [{ stage: 'Awareness', when: { daysSinceLastActivity: { gte: 300 } } }] } });
    const full = bundle({ activities: [activity('email_open', 320), activity('web_visit', 400)] });
    const since = activitiesSince(cfg, NOW);
    const fromFull = scoreAccount(full, prior(), modelsFor(cfg, []), cfg, NOW);
    const fromTrimmed = scoreAccount(trimmed(full, since), prior(), modelsFor(cfg, []), cfg, NOW);
    expect(trimmed(full, since).activities).toEqual([]);
    expect(fromFull.account.stage.stage).toBe('Awareness');
    expect(fromTrimmed).toEqual(fromFull);
    // and without the older date the account would look like it never had any activity
    expect(scoreAccount({ ...full, activities: [] }, prior(), modelsFor(cfg, []), cfg, NOW).account.stage.stage).toBe('Target');
  });

  it('changes no score on generated accounts with two years of history (lifecycle on, every output compared)', () => {
    const cfg = config({ lifecycle: { enabled: true } });
    const bundles = [...generateAccounts({ seed: 11, accounts: 400, now: NOW, contactsPerAccount: 6, activitiesPerContact: 8 })];
    const models = modelsFor(cfg, bundles);
    const since = activitiesSince(cfg, NOW);
    let leftOut = 0;
    for (const full of bundles) {
      const lean = trimmed(full, since);
      leftOut += full.activities.length - lean.activities.length;
      expect(scoreAccount(lean, null, models, cfg, NOW)).toEqual(scoreAccount(full, null, models, cfg, NOW));
    }
    // the data set really has history older than the lookback, or the test would prove nothing
    expect(leftOut).toBeGreaterThan(1000);
  });
});

function modelsFor(cfg: ReturnType<typeof config>, bundles: AccountBundle[]): ReturnType<ReturnType<typeof createModelTrainer>['finish']> {
  const trainer = createModelTrainer(cfg, NOW);
  for (const b of bundles) trainer.add(b);
  return trainer.finish();
}
