import { createModelTrainer, rulesFitContributors, scoreFit, sumPoints } from '../../src/scoring/index.js';
import { account, bundle, config, NOW, opportunity, rulesModels } from './builders.js';

describe('rules-mode fit', () => {
  const cfg = config();

  it('adds base points and every criterion; the contributors are the arithmetic', () => {
    const fit = scoreFit(account({ industry: 'Software', employees: 12, country: 'Brazil', technologies: ['Snowflake', 'dbt', 'BigQuery'] }), rulesModels(), cfg);
    expect(fit.contributors).toEqual([
      { label: 'ICP base points', points: 30 },
      { label: 'Industry Software', points: 25 },
      { label: '12 employees', points: -15 },
      { label: 'Uses Snowflake, dbt, BigQuery (capped at 20)', points: 20 },
    ]);
    expect(fit.score).toBe(60);
    expect(sumPoints(fit.contributors)).toBe(fit.score);
    expect(fit.bucket).toBe('Moderate');
    expect(fit.mode).toBe('rules');
  });

  it('uses bucket cut-offs 81 / 50 and clamps to 0–100 while contributors keep the raw sum', () => {
    const strong = scoreFit(account({ industry: 'software', employees: 400, annualRevenue: 5e7, country: 'US', technologies: ['dbt'] }), rulesModels(), cfg);
    expect(sumPoints(strong.contributors)).toBe(108); // 30 + 25 + 25 + 10 + 10 + 8
    expect(strong.score).toBe(100);
    expect(strong.bucket).toBe('Strong');
    const weak = scoreFit(account({ industry: 'Mining', employees: 5, annualRevenue: 1e5 }), rulesModels(), cfg);
    expect(weak.score).toBe(0); // 30 − 5 − 15 − 10
    expect(weak.bucket).toBe('Weak');
  });

  it('scores missing and extra-feature criteria from config', () => {
    const custom = config({ fit: { rules: { base: 40, criteria: [{ field: 'industry', values: { Software: 20 }, missing: -10 }, { field: 'features.fundingStage', values: { 'Series B': 12 } }] } } });
    expect(rulesFitContributors(account({ features: { fundingStage: 'series b' } }), custom)).toEqual([
      { label: 'ICP base points', points: 40 },
      { label: 'Industry unknown', points: -10 },
      { label: 'Funding stage series b', points: 12 },
    ]);
  });
});

describe('learned fit (smoothed likelihood ratios)', () => {
  // Forced learned with no rules prior: the hand-computed likelihood ratios alone (model choice: fit-selection.test.ts).
  const cfg = config({ fit: { mode: 'learned', learned: { minWonAccounts: 2, minSupport: 1, fields: ['industry'], priorStrength: 0 } } });
  const autoCfg = config({ fit: { learned: { minWonAccounts: 2, minNotWonAccounts: 2, minSupport: 1, fields: ['industry'] } } });
  const won = (id: string, industry: string) => bundle({ account: account({ id, industry }), opportunities: [opportunity(`o${id}`, { accountId: id, isClosed: true, isWon: true, amount: 1000, closeDate: '2026-01-01' })] });
  const lost = (id: string, industry: string) => bundle({ account: account({ id, industry }) });

  function train(c = cfg, now = NOW) {
    const trainer = createModelTrainer(c, now);
    [won('1', 'Software'), won('2', 'Software'), won('3', 'Software'), lost('4', 'Software'), ...['5', '6', '7', '8'].map((id) => lost(id, 'Retail'))].forEach((b) => trainer.add(b));
    return trainer.finish();
  }

  it('learns when forced and says it is forced', () => {
    const models = train();
    expect(models.fitMode).toBe('learned');
    expect(models.fitModeReason).toMatch(/^forced by fit\.mode: learned; learned AUC /); // forced, and still shows the evidence
    expect(models.version).toMatch(/^learned-[0-9a-f]{6}$/);
    expect(JSON.parse(JSON.stringify(models))).toEqual(models);
  });

  it('names a model by what it learned, not when: the daily retrain of unchanged history keeps the name', () => {
    // The version is in every account's reasons text: a new name for the same model would rewrite every account.
    const nextDay = new Date(NOW.getTime() + 86_400_000);
    expect(train(cfg, nextDay).version).toBe(train().version);
    expect(train(cfg, nextDay).trainedAt).not.toBe(train().trainedAt);
    const otherConfig = config({ fit: { mode: 'learned', learned: { minWonAccounts: 2, minSupport: 1, fields: ['industry'], pointsPerDoubling: 9, priorStrength: 0 } } });
    expect(train(otherConfig).version).not.toBe(train().version);
  });

  it('gives hand-computed points per value, and unseen values nothing', () => {
    const models = train();
    // Software: P(won)=(3+1)/(3+2)=0.8, P(lost)=(1+1)/(5+2)=2/7 → log2(2.8)=1.4854 × 8 points = 11.9
    const software = scoreFit(account({ industry: 'Software' }), models, cfg);
    expect(software.contributors).toEqual([{ label: 'average win odds', points: 50 }, { label: 'Industry Software', points: 11.9 }]);
    expect(software.score).toBe(61.9);
    // Retail: P(won)=1/5, P(lost)=5/7 → log2(0.28)=−1.8365 × 8 = −14.7
    expect(scoreFit(account({ industry: 'Retail' }), models, cfg).score).toBe(35.3);
    expect(scoreFit(account({ industry: 'Mining' }), models, cfg).score).toBe(50);
    expect(software.mode).toBe('learned');
    expect(software.modelVersion).toBe(models.version);
  });

  it('stays in rules mode below the minimum, and rules can be forced', () => {
    const few = train(config({ fit: { learned: { minWonAccounts: 20 } } }));
    expect(few.fitMode).toBe('rules');
    expect(few.fitModeReason).toBe('learned refused: 3 won accounts, 20 required (fit.learned.minWonAccounts)');
    const models = train();
    const forced = { ...cfg, fit: { ...cfg.fit, mode: 'rules' as const } };
    expect(scoreFit(account({ industry: 'Software' }), models, forced).mode).toBe('rules');
  });

  it('does not count a win that closes after the training date', () => {
    const trainer = createModelTrainer(autoCfg, NOW);
    trainer.add(bundle({ opportunities: [opportunity('o', { isClosed: true, isWon: true, closeDate: '2027-01-01' })] }));
    expect(trainer.finish().fitModeReason).toMatch(/^learned refused: 0 won accounts/);
  });
});
