import { MAX_REASONS_CHARS, scoreAccount, sumPoints } from '../../src/scoring/index.js';
import { account, activity, bundle, config, contact, intent, NOW, rulesModels } from './builders.js';

const cfg = config();

describe('explanations', () => {
  const b = bundle({
    account: account({ industry: 'Software', employees: 12, country: 'US', technologies: ['dbt'] }),
    contacts: [contact('c1', { title: 'CTO', firstName: 'Ada', lastName: 'King' }), contact('c2', { title: 'Data Analyst' })],
    activities: [activity('meeting', 3, { contactId: 'c1' }), activity('web_visit', 1, { contactId: 'c2', detail: { url: '/careers' } }), activity('email_click', 5, { contactId: 'c2' })],
    intent: [intent('etl', 75)],
  });
  const result = scoreAccount(b, null, rulesModels(), cfg, NOW);

  it('builds every score from contributors whose points add up to it (before clamping)', () => {
    const { fit, engagement, intent: intentResult } = result.account;
    expect(sumPoints(fit.contributors)).toBe(fit.score); // 30 + 25 − 15 + 10 + 8 = 58
    expect(fit.score).toBe(58);
    expect(sumPoints(engagement.contributors)).toBe(engagement.score);
    expect(sumPoints(intentResult.contributors)).toBe(intentResult.score);
    for (const c of result.contacts) expect(Math.max(0, Math.min(100, sumPoints(c.engagement.contributors)))).toBe(c.engagement.score);
    expect(sumPoints(result.contacts[1]?.engagement.contributors ?? [])).toBe(-3.6); // careers page −5 and a click +3, decayed
  });

  it('writes the top positive and negative contributors with the same numbers', () => {
    const reasons = result.account.reasons;
    expect(reasons).toMatch(/^Fit 58 \(Moderate, rules model rules-test\): \+ Industry Software \(\+25\); \+ Country US \(\+10\); \+ Uses dbt \(\+8\); − 12 employees \(−15\)\./);
    expect(reasons).toContain('Intent 53 (in market): + topic "etl" at 75 (+53)');
    expect(reasons).toContain('Stage Consideration (since 2026-11-23): in market; 1 engaged contacts');
    expect(reasons).toContain('Tier 3: Moderate fit; in market; expected ACV 25,000 (default)');
  });

  it('keeps the reasons at or under 1,000 characters however many contributors there are', () => {
    const many = bundle({
      account: account({ industry: 'Software', technologies: Array.from({ length: 40 }, (_, i) => `Technology with a long name ${i}`) }),
      contacts: Array.from({ length: 60 }, (_, i) => contact(`c${i}`, { firstName: 'Bartholomew-Alexander', lastName: `Featherstonehaugh ${i}`, title: 'Senior Principal Staff Data Engineer, Platform and Infrastructure' })),
      activities: Array.from({ length: 60 }, (_, i) => activity('meeting', 1, { contactId: `c${i}` })),
      intent: Array.from({ length: 10 }, (_, i) => intent(['etl', 'data pipeline', 'data warehouse'][i % 3] ?? 'etl', 90)),
    });
    const long = scoreAccount(many, null, rulesModels(), cfg, NOW);
    expect(long.account.reasons.length).toBeLessThanOrEqual(MAX_REASONS_CHARS);
    expect(long.account.reasons).toMatch(/^Fit \d+/);
  });
});
