import type { Lead } from '../../src/model/records.js';
import { leadAsAccount, scoreAccount, scoreFit, scoreLead } from '../../src/scoring/index.js';
import { lead as baseLead } from '../leads/builders.js';
import { account, activity, bundle, config, contact, NOW, rulesModels } from './builders.js';

const cfg = config();
const lead = (id: string, over: Partial<Lead> = {}): Lead => baseLead(id, { ownerId: 'U7', ...over });

describe('matched leads in the buying team', () => {
  // A strong-fit account whose only contact never engaged: Target, whatever its fit.
  const quiet = () => ({
    account: account({ industry: 'Software', employees: 400, country: 'US' }),
    contacts: [contact('c1', { title: 'Data Analyst' })],
  });

  it('an engaged lead moves the stage exactly as the same person would as a contact', () => {
    const engagedLead = lead('L1', { title: 'Data Engineer', firstName: 'Dana', lastName: 'Lee' });
    const leadActivities = [activity('demo_request', 1, { accountId: null, leadId: 'L1' }), activity('meeting', 2, { accountId: null, leadId: 'L1' })];
    const withoutLead = scoreAccount(bundle({ ...quiet(), activities: [] }), null, rulesModels(), cfg, NOW);
    const withLead = scoreAccount(
      bundle({ ...quiet(), leads: [engagedLead], leadMatchReasons: { L1: 'email domain acme.com' }, activities: leadActivities }),
      null,
      rulesModels(),
      cfg,
      NOW,
    );
    expect(withoutLead.account.stage.stage).toBe('Target');
    expect(withLead.account.stage.stage).toBe('Decision');
    expect(withLead.account.engagement.engagedPersonas).toEqual(['Champion']);
    expect(withLead.account.engagement.contributors[0]?.label).toBe('Dana Lee (Data Engineer, lead)');

    // The same person as a contact of the account gives the same account scores.
    const asContact = scoreAccount(
      bundle({
        ...quiet(),
        contacts: [...quiet().contacts, contact('L1', { title: 'Data Engineer', firstName: 'Dana', lastName: 'Lee' })],
        activities: leadActivities.map((a) => ({ ...a, leadId: null, contactId: 'L1' })),
      }),
      null,
      rulesModels(),
      cfg,
      NOW,
    );
    expect(withLead.account.stage.stage).toBe(asContact.account.stage.stage);
    expect(withLead.account.engagement.score).toBe(asContact.account.engagement.score);
    expect(withLead.account.qualified).toEqual(asContact.account.qualified);
  });

  it('scores each matched lead like a contact, with the account\'s fit and the match reason', () => {
    const result = scoreAccount(
      bundle({
        ...quiet(),
        leads: [lead('L1', { title: 'VP Engineering', department: 'Engineering', seniority: 'VP' })],
        leadMatchReasons: { L1: 'website acme.com' },
        activities: [activity('email_click', 3, { accountId: null, leadId: 'L1' })],
      }),
      null,
      rulesModels(),
      cfg,
      NOW,
    );
    expect(result.leads).toHaveLength(1);
    const [score] = result.leads;
    expect(score).toMatchObject({
      leadId: 'L1',
      accountId: 'A1',
      matchReason: 'website acme.com',
      persona: 'Technical Buyer',
      personaScore: 100,
      personaGrade: 'A',
      lifecycleStage: null,
      scoredAt: NOW.toISOString(),
    });
    expect(score?.fit).toEqual(result.account.fit);
    expect(score?.engagement.score).toBeGreaterThan(0);
    expect(result.contacts.map((c) => c.contactId)).toEqual(['c1']);
  });

  it('a persona gap that a matched lead fills names that lead as the person of the task', () => {
    const hot = bundle({
      account: account({ industry: 'Software', employees: 400, country: 'US', technologies: ['dbt'] }),
      contacts: [contact('c1', { title: 'Data Engineer', firstName: 'Dana', lastName: 'Lee' })],
      leads: [lead('L-cfo', { title: 'CFO', firstName: 'Cy', lastName: 'Fo' }), lead('L-ceo', { title: 'CEO', department: 'Executive' })],
      leadMatchReasons: { 'L-cfo': 'email domain acme.com', 'L-ceo': "company name 'Acme'" },
      activities: [activity('demo_request', 1, { contactId: 'c1' }), activity('meeting', 2, { contactId: 'c1' })],
    });
    const result = scoreAccount(hot, null, rulesModels(), cfg, NOW);
    // The day's playbooks are merged into one task; the persona gap's lead becomes the task's person.
    const gap = result.tasks.find((t) => t.rule.split('+').includes('persona-gap'));
    // Both leads are Economic Buyers; the CEO lead's department adds points, so it fits best.
    expect(gap).toMatchObject({ accountId: 'A1', contactId: null, leadId: 'L-ceo', ownerId: 'U1' });
    expect(gap?.body).toContain('Find the Economic Buyer at Acme');
    expect(gap?.body).toContain("Start with Lee L-ceo (CEO, lead): fits Economic Buyer and is not engaged yet (a lead, matched to this account by company name 'Acme').");
    // Without leads the same gap has no person.
    const plain = scoreAccount({ ...hot, leads: [], leadMatchReasons: {} }, null, rulesModels(), cfg, NOW);
    const plainGap = plain.tasks.find((t) => t.rule.split('+').includes('persona-gap'));
    expect(plainGap?.key).toBe(gap?.key);
    expect(plainGap && 'leadId' in plainGap).toBe(false);
  });

  it('lifecycle is decided per lead, remembered per lead, and its task carries the lead', () => {
    const lifecycleOn = config({ lifecycle: { enabled: true } });
    const hot = bundle({
      ...quiet(),
      leads: [lead('L1', { title: 'Data Engineer', department: 'Data' })],
      activities: [activity('demo_request', 1, { accountId: null, leadId: 'L1' })],
    });
    const first = scoreAccount(hot, null, rulesModels(), lifecycleOn, NOW);
    expect(first.leads[0]?.lifecycleStage).toBe('SAL');
    expect(first.tasks.filter((t) => t.rule === 'lifecycle')).toEqual([
      expect.objectContaining({ key: 'lifecycle:lead:L1:SAL', accountId: 'A1', contactId: null, leadId: 'L1', ownerId: 'U7', subject: 'Lee L1 (Data Engineer, lead) is now SAL' }),
    ]);
    // Lead stages are not kept in the account's state: the engine passes them in from the lead's own last score.
    expect(first.nextState.lifecycleByLead).toBeUndefined();
    const later = scoreAccount({ ...hot, activities: [] }, { ...first.nextState, lifecycleByLead: { L1: 'SAL' } }, rulesModels(), lifecycleOn, NOW);
    expect(later.leads[0]?.lifecycleStage).toBe('SAL');
    expect(later.tasks.filter((t) => t.rule === 'lifecycle')).toEqual([]);
  });
});

describe('an unmatched lead on its own', () => {
  const firmographics = { company: 'Zeta Labs', industry: 'Software', employees: 1200, annualRevenue: 50_000_000, country: 'US' };

  it('gets a fit from its own firmographics with the same rules as an account', () => {
    const alone = lead('L9', { ...firmographics, title: 'Head of Data', department: 'Data', seniority: 'Head' });
    const result = scoreLead({ lead: alone, activities: [activity('webinar', 5, { accountId: null, leadId: 'L9' })] }, null, rulesModels(), cfg, NOW);
    const sameAccount = scoreFit(account({ ...firmographics, name: 'Zeta Labs', domain: null }), rulesModels(), cfg);
    expect(result.lead.fit).toEqual(sameAccount);
    expect(result.lead.fit.contributors.map((c) => c.label)).toEqual(['ICP base points', 'Industry Software', '1,200 employees', 'revenue 50M', 'Country US']);
    expect(result.lead).toMatchObject({ leadId: 'L9', accountId: null, matchReason: null, persona: 'Technical Buyer', personaGrade: 'A' });
    expect(result.lead.engagement.contributors.map((c) => c.label)).toEqual(['1× webinar']);
    expect(result.tasks).toEqual([]);
    expect(leadAsAccount(alone)).toMatchObject({ name: 'Zeta Labs', technologies: [], isCustomer: false });
  });

  it('with learned fit, reads no technologies for a lead: it has none to tell', () => {
    const model = {
      wonAccounts: 30,
      accounts: 300,
      weights: { 'industry=software': 1.5, 'tech=(none)': -1, 'country=us': 0.5 },
      labels: { 'industry=software': 'Industry Software', 'tech=(none)': 'No known technologies', 'country=us': 'Country US' },
    };
    const learned = { ...rulesModels(), version: 'learned-test', fitMode: 'learned' as const, params: { schema: 1, fit: model, persona: null, acv: { byGroup: {}, overall: null } } };
    const result = scoreLead({ lead: lead('L9', firmographics), activities: [] }, null, learned, cfg, NOW);
    expect(result.lead.fit.mode).toBe('learned');
    expect(result.lead.fit.contributors.map((c) => [c.label, c.points])).toEqual([
      ['average win odds', 50],
      ['Industry Software', 12],
      ['Country US', 4],
    ]);
    // An account without technologies does get the weight: it is a fact about the account.
    expect(scoreFit(account({ ...firmographics, technologies: [] }), learned, cfg).contributors.map((c) => c.label)).toContain('No known technologies');
  });

  it('an unknown company is scored on what is known, like a sparse account', () => {
    const result = scoreLead({ lead: lead('L8'), activities: [] }, null, rulesModels(), cfg, NOW);
    expect(result.lead.fit.score).toBe(cfg.fit.rules.base);
    expect(result.lead.fit.bucket).toBe('Weak');
    expect(result.lead.engagement.score).toBe(0);
  });

  it('its lifecycle task has the lead and no account', () => {
    const lifecycleOn = config({ lifecycle: { enabled: true } });
    const hot = { lead: lead('L7', { title: 'Data Engineer', department: 'Data' }), activities: [activity('demo_request', 1, { accountId: null, leadId: 'L7' })] };
    const result = scoreLead(hot, null, rulesModels(), lifecycleOn, NOW);
    expect(result.tasks).toEqual([expect.objectContaining({ key: 'lifecycle:lead:L7:SAL', accountId: '', contactId: null, leadId: 'L7', ownerId: 'U7' })]);
    expect(scoreLead(hot, 'SAL', rulesModels(), lifecycleOn, NOW).tasks).toEqual([]);
  });
});
