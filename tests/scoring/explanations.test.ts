import { accountOutputValues } from '../../src/sync/output-values.js';
import { planFieldUpdate } from '../../src/sync/plan-fields.js';
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

  it('writes counts with thousands separators, as a rep reads them ("1,369 employees", not "1369")', () => {
    const mid = scoreAccount(bundle({ account: account({ industry: 'Software', employees: 1369, country: 'US' }) }), null, rulesModels(), cfg, NOW);
    expect(mid.account.reasonsDetail).toContain('1,369 employees');
    expect(mid.account.reasonsDetail).not.toMatch(/\b1369\b/);
  });

  it('writes a plain-words headline and the full contributors with the same numbers in the detail', () => {
    const { reasons, reasonsDetail } = result.account;
    expect(reasons).toBe('Moderate fit: Industry Software, Country US; 1 person engaged (Technical Buyer); in market: researching etl; Consideration: in market, 1 engaged contact; Tier 3');
    expect(reasonsDetail).toMatch(/^Fit 58 \(Moderate\): \+ Industry Software \(\+25\); \+ Country US \(\+10\); \+ Uses dbt \(\+8\); − 12 employees \(−15\)\./);
    expect(reasonsDetail).toContain('Intent 53 (in market): + topic "etl" at 75 (+53)');
    expect(reasonsDetail).toContain('Stage Consideration (since 2026-11-23): in market; 1 engaged contact');
    expect(reasonsDetail).toContain('Tier 3: Moderate fit; in market; expected ACV 25,000 (default)');
    // Rep text never carries a model id or a multiplier.
    for (const text of [reasons, reasonsDetail ?? '']) {
      expect(text).not.toContain('rules-test');
      expect(text).not.toMatch(/×0\.|\(×/);
    }
  });

  it('keeps the headline at or under 255 characters however many contributors there are', () => {
    const many = bundle({
      account: account({ industry: 'Software', technologies: Array.from({ length: 40 }, (_, i) => `Technology with a long name ${i}`) }),
      contacts: Array.from({ length: 60 }, (_, i) => contact(`c${i}`, { firstName: 'Bartholomew-Alexander', lastName: `Featherstonehaugh ${i}`, title: 'Senior Principal Staff Data Engineer, Platform and Infrastructure' })),
      activities: Array.from({ length: 60 }, (_, i) => activity('meeting', 1, { contactId: `c${i}` })),
      intent: Array.from({ length: 10 }, (_, i) => intent(['etl', 'data pipeline', 'data warehouse'][i % 3] ?? 'etl', 90)),
    });
    const long = scoreAccount(many, null, rulesModels(), cfg, NOW);
    expect(MAX_REASONS_CHARS).toBe(255);
    expect(long.account.reasons.length).toBeLessThanOrEqual(255);
    expect(long.account.reasons).toMatch(/^Moderate fit/);
    expect(long.account.reasonsDetail).toContain('Featherstonehaugh 6 ');
    expect(long.account.reasonsDetail).not.toContain('(+0)');
  });

  it('a retrain or rules edit that changes no score changes no written field (the model version is its own output)', () => {
    const outputs = {
      fitScore: { field: 'fit_score', type: 'number' as const, policy: 'overwrite' as const },
      reasons: { field: 'score_reasons', type: 'string' as const, policy: 'overwrite' as const },
      reasonsDetail: { field: 'score_reasons_detail', type: 'text' as const, policy: 'overwrite' as const },
      scoredAt: { field: 'scored_at', type: 'datetime' as const, policy: 'overwrite' as const },
      modelVersion: { field: 'model_version', type: 'string' as const, policy: 'overwrite' as const },
    };
    const written = accountOutputValues(result.account);
    const retrained = scoreAccount(b, null, { ...rulesModels(), version: 'rules-other' }, cfg, new Date(NOW.getTime() + 3_600_000));
    expect(retrained.account.modelVersion).toBe('rules-other');
    expect(planFieldUpdate('account', 'A1', written, accountOutputValues(retrained.account), outputs)).toBeNull();
  });
});
