import { compileConfig } from '../../src/scoring/compile.js';
import { digestActivities, firstPartySurge, scoreIntent, sumPoints } from '../../src/scoring/index.js';
import type { Activity, IntentSignal } from '../../src/model/records.js';
import { activity, config, intent, NOW } from './builders.js';

const cfg = config();
const compiled = compileConfig(cfg);

function run(activities: Activity[], signals: IntentSignal[] = []): ReturnType<typeof scoreIntent> {
  const digest = digestActivities(activities, new Map(), 0, compiled, cfg, NOW.getTime());
  return scoreIntent(signals, digest, compiled, cfg, NOW.getTime());
}

function visits(n: number, fromAge: number, toAge: number): Activity[] {
  return Array.from({ length: n }, (_, i) => activity('web_visit', fromAge + ((toAge - fromAge) * i) / n));
}

describe('intent', () => {
  it('scores a first-party surge against the account’s own baseline', () => {
    // recent: 6 in 14 days; baseline: 18 in the 90 days before → (6/14)/(18/90) = 2.142857× → 15 points per ×
    const result = run([...visits(6, 1, 13), ...visits(18, 20, 100)]);
    expect(result.surgeRatio).toBeCloseTo(2.142857, 5);
    expect(result.score).toBe(32.1);
    expect(result.contributors[0]?.label).toMatch(/2\.1× baseline \(6 in 14 days\)/);
    expect(result.inMarket).toBe(false);
  });

  it('needs a minimum volume: a few visits are not a surge even with no baseline', () => {
    expect(firstPartySurge(4, 0, cfg).surging).toBe(false);
    expect(firstPartySurge(5, 0, cfg)).toEqual({ ratio: (5 / 14) / (1 / 90), surging: true, points: 60 });
    expect(run(visits(4, 1, 10)).score).toBe(0);
  });

  it('does not call a steady rate a surge', () => {
    expect(firstPartySurge(14, 90, cfg).surging).toBe(false); // 1/day vs 1/day
  });

  it('uses third-party topics of interest at or above the threshold (60)', () => {
    const result = run([], [intent('ETL', 60), intent('Data Warehouse', 59), intent('CRM software', 95)]);
    expect(result.surgingTopics).toEqual(['ETL']);
    expect(result.score).toBe(42); // 60 × 0.7
    expect(result.inMarket).toBe(true);
  });

  it('keeps the latest observation per topic and ignores stale or future ones', () => {
    const result = run([], [intent('etl', 90, 10), intent('ETL', 50, 2), intent('data pipeline', 80, 40), intent('data warehouse', 99, -1)]);
    expect(result.surgingTopics).toEqual([]);
    expect(result.score).toBe(0);
  });

  it('adds first- and third-party points, and they sum to the score', () => {
    const result = run([...visits(6, 1, 13), ...visits(18, 20, 100), activity('intent_topic', 3, { detail: { topic: 'data pipeline', score: 70 } })], [intent('etl', 80)]);
    expect(result.surgingTopics).toEqual(['etl', 'data pipeline']);
    expect(sumPoints(result.contributors)).toBe(137.1); // 32.1 + 56 + 49 before clamping …
    expect(result.score).toBe(100); // … clamped to 100
  });
});
