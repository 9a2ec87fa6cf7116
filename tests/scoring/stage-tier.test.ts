import { compileConfig } from '../../src/scoring/compile.js';
import { decideQualified, decideStage, decideTier, expectedAcv, parseTierOverride } from '../../src/scoring/index.js';
import type { SignalValues } from '../../src/scoring/rules/conditions.js';
import { account, config, daysAgo, NOW, prior } from './builders.js';

const cfg = config();
const compiled = compileConfig(cfg);
const nowMs = NOW.getTime();
const DECISION: SignalValues = { demoRequests: 1, engagedPersonas: 1 };
const AWARENESS: SignalValues = { engagementScore: 15 };

describe('buying stage', () => {
  it('enters the computed stage at now on the first run', () => {
    const out = decideStage(DECISION, null, compiled, cfg, nowMs);
    expect(out.result).toMatchObject({ stage: 'Decision', previousStage: null, enteredAt: NOW.toISOString() });
    expect(out.change).toEqual({ from: null, to: 'Decision' });
    expect(out.result.contributors.map((c) => c.label)).toEqual(['demo request 1× in 30 days', '1 engaged persona']);
    expect(decideStage({}, null, compiled, cfg, nowMs).result.stage).toBe('Target');
  });

  it('moves up once the current stage was held the minimum dwell', () => {
    const out = decideStage(DECISION, prior({ stage: 'Consideration', stageEnteredAt: daysAgo(7), previousStage: 'Awareness' }), compiled, cfg, nowMs);
    expect(out.result).toMatchObject({ stage: 'Decision', previousStage: 'Consideration', enteredAt: NOW.toISOString() });
    expect(out.change).toEqual({ from: 'Consideration', to: 'Decision' });
  });

  it('holds the stage inside the dwell, in both directions', () => {
    const up = decideStage(DECISION, prior({ stage: 'Consideration', stageEnteredAt: daysAgo(3), previousStage: 'Awareness' }), compiled, cfg, nowMs);
    expect(up.result).toMatchObject({ stage: 'Consideration', previousStage: 'Awareness', enteredAt: daysAgo(3) });
    expect(up.change).toBeNull();
    expect(up.ruleStage).toBe('Decision');
    expect(up.result.contributors[0]?.label).toBe('held at Consideration (3 of 7 dwell days; signals say Decision)');
    const down = decideStage(AWARENESS, prior({ stage: 'Decision', stageEnteredAt: daysAgo(6.9) }), compiled, cfg, nowMs);
    expect(down.result.stage).toBe('Decision');
  });

  it('regresses when signals decay, after the dwell', () => {
    const out = decideStage(AWARENESS, prior({ stage: 'Decision', stageEnteredAt: daysAgo(20), previousStage: 'Consideration' }), compiled, cfg, nowMs);
    expect(out.result).toMatchObject({ stage: 'Awareness', previousStage: 'Decision', enteredAt: NOW.toISOString() });
    expect(out.change).toEqual({ from: 'Decision', to: 'Awareness' });
  });

  it('never delays a move up to Purchase when an opportunity opens', () => {
    const out = decideStage({ openOpportunity: true }, prior({ stage: 'Awareness', stageEnteredAt: daysAgo(1) }), compiled, cfg, nowMs);
    expect(out.result.stage).toBe('Purchase');
    expect(out.change).toEqual({ from: 'Awareness', to: 'Purchase' });
  });

  it('keeps the entered date while the stage holds', () => {
    const out = decideStage(DECISION, prior({ stage: 'Decision', stageEnteredAt: daysAgo(40), previousStage: 'Consideration' }), compiled, cfg, nowMs);
    expect(out.result).toMatchObject({ stage: 'Decision', previousStage: 'Consideration', enteredAt: daysAgo(40) });
    expect(out.change).toBeNull();
  });
});

describe('tier', () => {
  const acv = (value: number) => ({ value, source: 'test' });
  const strongHot: SignalValues = { fitBucket: 'Strong', inMarket: true, engagementScore: 45, expectedAcv: 60_000 };

  it('applies the Goldilocks rules in order', () => {
    expect(decideTier(account(), strongHot, acv(60_000), compiled).tier).toBe('Tier 1');
    expect(decideTier(account(), { ...strongHot, expectedAcv: 20_000 }, acv(20_000), compiled).tier).toBe('Tier 2');
    expect(decideTier(account(), { ...strongHot, inMarket: false, engagementScore: 5, expectedAcv: 20_000 }, acv(20_000), compiled).tier).toBe('Tier 3');
    expect(decideTier(account(), { fitBucket: 'Moderate', inMarket: true, expectedAcv: 90_000 }, acv(90_000), compiled).tier).toBe('Tier 3');
    const none = decideTier(account(), { fitBucket: 'Weak', inMarket: true }, acv(1), compiled);
    expect(none.tier).toBe('none');
  });

  it('explains the conditions that held', () => {
    const result = decideTier(account(), strongHot, { value: 60_000, source: 'open opportunity' }, compiled);
    expect(result.contributors.map((c) => c.label)).toEqual(['Strong fit', 'in market', 'engagement 45', 'expected ACV 60,000 (open opportunity)']);
  });

  it('lets a manual override win, and reports an override it cannot read', () => {
    const over = decideTier(account({ tierOverride: 'tier 2' }), { fitBucket: 'Weak' }, acv(1), compiled);
    expect(over).toMatchObject({ tier: 'Tier 2', source: 'override' });
    expect(decideTier(account({ tierOverride: 'None' }), strongHot, acv(60_000), compiled).tier).toBe('none');
    const bad = decideTier(account({ tierOverride: 'gold' }), strongHot, acv(60_000), compiled);
    expect(bad).toMatchObject({ tier: 'Tier 1', source: 'rules' });
    expect(bad.contributors[0]?.label).toMatch(/override "gold" ignored/);
    expect(['1', 'T3', 'Tier_1', ' tier 3 ', 'x'].map(parseTierOverride)).toEqual(['Tier 1', 'Tier 3', 'Tier 1', 'Tier 3', null]);
  });

  it('expects ACV from the open opportunity, else similar won deals, else all won deals, else the default', () => {
    const software = account({ industry: 'Software', employees: 300 });
    const model = { byGroup: { 'software|b3': { median: 40_000, wonDeals: 3 } }, overall: { median: 30_000, wonDeals: 9 } };
    expect(expectedAcv(software, { openCount: 1, openAmount: 70_000, openStage: null, wonCount: 0 }, model, cfg)).toEqual({ value: 70_000, source: 'open opportunity' });
    const noOpen = { openCount: 0, openAmount: 0, openStage: null, wonCount: 0 };
    expect(expectedAcv(software, noOpen, model, cfg).value).toBe(40_000);
    expect(expectedAcv(account({ industry: 'Retail', employees: 300 }), noOpen, model, cfg).value).toBe(30_000);
    expect(expectedAcv(software, noOpen, { byGroup: {}, overall: null }, cfg)).toEqual({ value: 25_000, source: 'default' });
  });
});

describe('qualified', () => {
  const yes: SignalValues = { fitBucket: 'Moderate', stage: 'Decision' };
  const no: SignalValues = { fitBucket: 'Strong', stage: 'Consideration' };
  const now = NOW.toISOString();

  it('qualifies at fit ≥ Moderate and stage ≥ Decision, with since and until dates', () => {
    expect(decideQualified(yes, null, compiled, now)).toEqual({ qualified: true, since: now, until: null });
    expect(decideQualified({ fitBucket: 'Weak', stage: 'Purchase' }, null, compiled, now).qualified).toBe(false);
    const was = prior({ qualified: true, qualifiedSince: daysAgo(10) });
    expect(decideQualified(yes, was, compiled, now)).toEqual({ qualified: true, since: daysAgo(10), until: null });
    expect(decideQualified(no, was, compiled, now)).toEqual({ qualified: false, since: daysAgo(10), until: now });
    const lost = prior({ qualified: false, qualifiedSince: daysAgo(10), qualifiedUntil: daysAgo(2) });
    expect(decideQualified(no, lost, compiled, now)).toEqual({ qualified: false, since: daysAgo(10), until: daysAgo(2) });
    expect(decideQualified(yes, lost, compiled, now)).toEqual({ qualified: true, since: now, until: null });
  });
});
