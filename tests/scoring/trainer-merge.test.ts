/**
 * Trainers over disjoint parts of the accounts, merged (as the models phase does with worker threads), must finish
 * exactly like one trainer over all of them: same models, same version string, whatever the split and merge order.
 */
import { generateAccounts } from '../../bench/datagen/index.js';
import type { ScoringConfig } from '../../src/config/scoring-schema.js';
import type { AccountBundle } from '../../src/model/records.js';
import type { ScoringModels, TrainerPartial } from '../../src/scoring/api.js';
import { createModelTrainer, modelParams } from '../../src/scoring/index.js';
import { account, bundle, config, NOW, opportunity } from './builders.js';

const BUNDLES: AccountBundle[] = [...generateAccounts({ seed: 11, accounts: 1500, now: NOW, contactsPerAccount: 3, activitiesPerContact: 0 })];

function trainAll(cfg: ScoringConfig, bundles: readonly AccountBundle[]): ScoringModels {
  const trainer = createModelTrainer(cfg, NOW);
  for (const b of bundles) trainer.add(b);
  return trainer.finish();
}

/** Each part trained on its own; partials go through JSON (as across a thread) and merge into a fresh trainer. */
function trainMerged(cfg: ScoringConfig, parts: readonly (readonly AccountBundle[])[]): ScoringModels {
  const partials = parts.map((part): TrainerPartial => {
    const trainer = createModelTrainer(cfg, NOW);
    for (const b of part) trainer.add(b);
    return JSON.parse(JSON.stringify(trainer.partial())) as TrainerPartial;
  });
  const merged = createModelTrainer(cfg, NOW);
  for (const partial of partials) merged.merge(partial);
  return merged.finish();
}

const contiguous = (n: number): AccountBundle[][] =>
  Array.from({ length: n }, (_, i) => BUNDLES.slice(Math.floor((i * BUNDLES.length) / n), Math.floor(((i + 1) * BUNDLES.length) / n)));
const interleaved = (n: number): AccountBundle[][] => Array.from({ length: n }, (_, i) => BUNDLES.filter((_, j) => j % n === i));

describe('merged trainers', () => {
  // Forced learned so the fit model is learned whatever the validation says; the evidence is computed all the same and
  // must merge exactly too (examples are put in account order before the seeded bootstrap).
  const learnedConfig = config({ fit: { mode: 'learned' }, personas: { learnedBoost: { minWonContacts: 5, minSupport: 3 } } });
  const single = trainAll(learnedConfig, BUNDLES);

  it('train on data where every part of the model has something to learn', () => {
    const params = modelParams(single);
    expect(single.fitMode).toBe('learned');
    expect(Object.keys(params.fit?.weights ?? {}).length).toBeGreaterThan(10);
    expect(Object.keys(params.persona?.words ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(params.acv.byGroup).length).toBeGreaterThan(0);
    expect(params.acv.overall?.wonDeals).toBeGreaterThan(0);
  });

  it.each([
    ['2 contiguous parts', contiguous(2)],
    ['3 contiguous parts', contiguous(3)],
    ['3 contiguous parts merged last first', contiguous(3).reverse()],
    ['3 interleaved parts', interleaved(3)],
    ['2 parts, one of them empty', [BUNDLES, []]],
  ])('finish like one trainer: %s', (_name, parts) => {
    expect(parts.flat()).toHaveLength(BUNDLES.length);
    expect(trainMerged(learnedConfig, parts)).toEqual(single);
  });

  it('give the same rules-mode version as one trainer', () => {
    const rulesConfig = config({ fit: { mode: 'rules' } });
    const expected = trainAll(rulesConfig, BUNDLES);
    expect(expected.version).toMatch(/^rules-/);
    expect(trainMerged(rulesConfig, interleaved(2))).toEqual(expected);
  });

  it('label a token by its smallest spelling, whichever account came first', () => {
    const cfg = config({ fit: { mode: 'learned', learned: { minSupport: 1 } } });
    const lower = bundle({ account: account({ id: 'A1', industry: 'software' }) });
    const upper = bundle({
      account: account({ id: 'A2', industry: 'Software' }),
      opportunities: [opportunity('o1', { accountId: 'A2', isClosed: true, isWon: true, amount: 1000, closeDate: '2026-10-01' })],
    });
    const labels = (models: ScoringModels): Record<string, string> => modelParams(models).fit?.labels ?? {};
    expect(labels(trainAll(cfg, [lower, upper]))['industry=software']).toBe('Industry Software');
    expect(trainAll(cfg, [lower, upper])).toEqual(trainAll(cfg, [upper, lower]));
    expect(trainMerged(cfg, [[lower], [upper]])).toEqual(trainMerged(cfg, [[upper], [lower]]));
  });

  it('refuse a partial trained as of another time', () => {
    const other = createModelTrainer(learnedConfig, new Date(NOW.getTime() - 86_400_000));
    other.add(BUNDLES[0] as AccountBundle);
    expect(() => createModelTrainer(learnedConfig, NOW).merge(other.partial())).toThrow(/cannot merge .* as of 2026-11-22.* as of 2026-11-23/);
  });
});

describe('merged trainers with the priority replay (two passes, as the models phase runs them)', () => {
  const cfg = config({ priority: { minPositives: 10 } });
  const bundles: AccountBundle[] = [...generateAccounts({ seed: 3, accounts: 500, now: NOW, contactsPerAccount: 3, activitiesPerContact: 6 })];

  function twoPasses(parts: readonly (readonly AccountBundle[])[]): ScoringModels {
    const main = createModelTrainer(cfg, NOW);
    const through = (partial: TrainerPartial): TrainerPartial => JSON.parse(JSON.stringify(partial)) as TrainerPartial;
    for (const part of parts) {
      const t = createModelTrainer(cfg, NOW);
      for (const b of part) t.add(b, true);
      main.merge(through(t.partial()));
    }
    expect(main.needsHistory).toBe(true);
    for (const part of parts) {
      const t = createModelTrainer(cfg, NOW);
      for (const b of part) t.addHistory(b);
      main.merge(through(t.partial()));
    }
    return main.finish();
  }

  it('learn the same priority model however the accounts were split', () => {
    const single = twoPasses([bundles]);
    // Replayed and fitted (whether the model or the rule ranks better on 500 accounts is not the point here).
    expect(modelParams(single).priority?.evidence?.trainAccounts).toBeGreaterThan(400);
    expect(twoPasses([bundles.slice(0, 200), bundles.slice(200)].reverse())).toEqual(single);
  });
});
