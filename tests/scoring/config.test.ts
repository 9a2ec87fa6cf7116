import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ScoringConfigSchema } from '../../src/config/scoring-schema.js';

function issues(input: unknown): string[] {
  const result = ScoringConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('scoring config schema', () => {
  it('config/scoring.yaml spells out exactly the built-in defaults', () => {
    const file = parse(readFileSync(new URL('../../config/scoring.yaml', import.meta.url), 'utf8')) as unknown;
    expect(ScoringConfigSchema.parse(file)).toEqual(ScoringConfigSchema.parse({}));
  });

  it('fills defaults around a partial file', () => {
    const config = ScoringConfigSchema.parse({ fit: { buckets: { strong: 75 } }, engagement: { halfLifeDays: 14 } });
    expect(config.fit.buckets).toEqual({ strong: 75, moderate: 50 });
    expect(config.engagement.halfLifeDays).toBe(14);
    expect(config.engagement.windowDays).toBe(90);
    expect(config.fit.mode).toBe('auto');
    expect(config.intent.thirdParty.surgeThreshold).toBe(60);
  });

  it('rejects a misspelt key', () => {
    expect(issues({ fit: { buket: { strong: 80 } } }).join('\n')).toMatch(/buket/);
  });

  it('names an unknown signal in a stage rule and suggests the fix', () => {
    const found = issues({ stages: { rules: [{ stage: 'Decision', when: { pricingVisit: { gte: 1 } } }] } });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^stages\.rules\.0\.when\.pricingVisit: unknown signal 'pricingVisit' \(did you mean 'pricingVisits'\?\)/);
  });

  it('rejects an unknown {placeholder} in playbook text, with a did-you-mean', () => {
    const found = issues({ playbooks: [{ id: 'p', trigger: { type: 'becameQualified' }, subject: '{acount} is ready', action: 'Call {owner} at {stage}' }] });
    expect(found).toEqual([
      "playbooks.0.subject: unknown placeholder '{acount}' (did you mean '{account}'?). Fix: use one of {account} {stage} {tier} {topics} {personas} {contact} {titles}.",
      "playbooks.0.action: unknown placeholder '{owner}'. Fix: use one of {account} {stage} {tier} {topics} {personas} {contact} {titles}.",
    ]);
  });

  it('rejects a placeholder its trigger never fills (it would leave a gap in the subject)', () => {
    const found = issues({ playbooks: [{ id: 'p', trigger: { type: 'becameQualified' }, subject: 'Find the {personas} at {account}', action: 'a' }] });
    expect(found).toEqual(["playbooks.0.subject: '{personas}' is only filled for a personaGap trigger; this playbook's trigger is becameQualified, so it would be empty. Fix: remove it."]);
  });

  it('checks a playbook’s unless conditions like any rule', () => {
    const found = issues({ playbooks: [{ id: 'p', trigger: { type: 'becameQualified' }, subject: 's', action: 'a', unless: { isCustomr: true } }] });
    expect(found[0]).toMatch(/^playbooks\.0\.unless\.isCustomr: unknown signal 'isCustomr' \(did you mean 'isCustomer'\?\)/);
  });

  it('rejects an unknown stage, a signal not yet computed, and a bad ordinal value', () => {
    expect(issues({ stages: { rules: [{ stage: 'Negotiation', when: {} }] } }).join()).toMatch(/stages\.rules\.0\.stage/);
    expect(issues({ stages: { rules: [{ stage: 'Decision', when: { tier: 'Tier 1' } }] } }).join()).toMatch(/computed after stage rules/);
    expect(issues({ tiers: { rules: [{ tier: 'Tier 1', when: { fitBucket: 'Great' } }] } }).join()).toMatch(/'Great' is not one of Weak, Moderate, Strong/);
    expect(issues({ qualified: { when: { inMarket: 'yes' } } }).join()).toMatch(/expects true or false/);
  });

  it('accepts a counter defined in config as a signal', () => {
    const config = { signals: { counters: { webinars: { label: 'webinar', types: ['webinar'], windowDays: 30 } } }, stages: { rules: [{ stage: 'Awareness', when: { webinars: { gte: 1 } } }] } };
    expect(issues(config)).toEqual([]);
  });

  it('checks persona names, lifecycle stage names and playbook ids', () => {
    const found = issues({
      playbooks: [
        { id: 'gap', trigger: { type: 'personaGap', personas: ['Buyer'] }, subject: 's', action: 'a' },
        { id: 'gap', trigger: { type: 'topicSurge' }, subject: 's', action: 'a' },
      ],
      lifecycle: { handRaisers: { jumpTo: 'Hot' } },
    }).join('\n');
    expect(found).toMatch(/unknown persona 'Buyer'/);
    expect(found).toMatch(/duplicate playbook id 'gap'/);
    expect(found).toMatch(/lifecycle\.handRaisers\.jumpTo: unknown lifecycle stage 'Hot'/);
  });

  it('rejects a criterion on an unknown field', () => {
    expect(issues({ fit: { rules: { criteria: [{ field: 'headcount', bands: [] }] } } }).join()).toMatch(/unknown field 'headcount'/);
  });
});
