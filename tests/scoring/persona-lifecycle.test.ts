import { createModelTrainer, scoreAccount, scorePersona } from '../../src/scoring/index.js';
import { modelParams } from '../../src/scoring/model-params.js';
import { activity, bundle, config, contact, NOW, opportunity, prior, rulesModels } from './builders.js';

describe('persona fit', () => {
  const cfg = config();

  it.each([
    [{ title: 'CTO', department: 'Engineering', seniority: 'C-Level' }, 'Technical Buyer', 100, 'A'],
    [{ title: 'Senior Data Engineer', department: 'data' }, 'Champion', 80, 'A'],
    [{ title: 'VP, Engineering' }, 'Technical Buyer', 60, 'B'],
    [{ title: 'Office Manager', department: 'Finance' }, 'Economic Buyer', 20, 'D'],
    [{ title: 'Intern' }, null, 0, 'D'],
  ])('%j → %s %d %s', (fields, persona, score, grade) => {
    const result = scorePersona(contact('c1', fields), cfg, null);
    expect(result).toMatchObject({ persona, score, grade });
  });

  it('learns a boost from the titles on won opportunities', () => {
    const trainer = createModelTrainer(config({ personas: { learnedBoost: { minWonContacts: 3, minSupport: 3 } } }), NOW);
    const contacts = [
      ...['w1', 'w2', 'w3'].map((id) => contact(id, { title: 'Platform Lead' })),
      ...Array.from({ length: 9 }, (_, i) => contact(`o${i}`, { title: 'Sales Rep' })),
    ];
    trainer.add(bundle({ contacts, opportunities: [opportunity('o1', { isClosed: true, isWon: true, closeDate: '2026-10-01', contactIds: ['w1', 'w2', 'w3'] })] }));
    const models = trainer.finish();
    const boost = modelParams(models).persona;
    // "platform": share on won deals (3+1)/(3+2)=0.8 vs all (3+1)/(12+2)=0.2857 → log2(2.8)=1.485 × 5 = 7.4
    expect(boost?.words).toEqual({ lead: 7.4, platform: 7.4 });
    const result = scorePersona(contact('x', { title: 'Platform Lead' }), cfg, boost ?? null);
    expect(result).toMatchObject({ persona: null, score: 7.4 });
    expect(result.contributors[0]?.label).toBe('title word "platform" common on won deals');
  });
});

describe('contact lifecycle', () => {
  const cfg = config({ lifecycle: { enabled: true } });

  it('is off by default', () => {
    const result = scoreAccount(bundle({ contacts: [contact('c1')], activities: [activity('demo_request', 1, { contactId: 'c1' })] }), null, rulesModels(), config(), NOW);
    expect(result.contacts[0]?.lifecycleStage).toBeNull();
  });

  it('jumps a hand-raiser straight to SAL and notifies the owner once', () => {
    const b = bundle({ contacts: [contact('c1', { title: 'Intern', ownerId: 'U9' })], activities: [activity('demo_request', 1, { contactId: 'c1' })] });
    const first = scoreAccount(b, null, rulesModels(), cfg, NOW);
    expect(first.contacts[0]?.lifecycleStage).toBe('SAL');
    const task = first.tasks.find((t) => t.rule === 'lifecycle');
    expect(task).toMatchObject({ key: 'lifecycle:A1:c1@SAL', contactId: 'c1', ownerId: 'U9', priority: 'High', dueDate: '2026-11-24' });
    expect(task?.body).toMatch(/hand-raiser/);
    expect(first.nextState.lifecycleByContact).toEqual({ c1: 'SAL' });
    const second = scoreAccount(b, first.nextState, rulesModels(), cfg, NOW);
    expect(second.tasks.filter((t) => t.rule === 'lifecycle')).toEqual([]);
    expect(second.contacts[0]?.lifecycleStage).toBe('SAL');
  });

  it('counts a pricing contact form as a hand-raiser', () => {
    const b = bundle({ contacts: [contact('c1')], activities: [activity('form_submit', 1, { contactId: 'c1', detail: { url: 'https://acme.com/pricing/contact' } })] });
    expect(scoreAccount(b, null, rulesModels(), cfg, NOW).contacts[0]?.lifecycleStage).toBe('SAL');
  });

  it('holds a contact with a negative signal at MQL, and never moves a stage back on its own', () => {
    const b = bundle({ contacts: [contact('c1')], activities: [activity('demo_request', 1, { contactId: 'c1' }), activity('email_unsubscribe', 2, { contactId: 'c1' })] });
    const held = scoreAccount(b, null, rulesModels(), cfg, NOW);
    expect(held.contacts[0]?.lifecycleStage).toBe('MQL');
    expect(held.tasks.filter((t) => t.rule === 'lifecycle')).toEqual([]);
    const quiet = scoreAccount(bundle({ contacts: [contact('c1')] }), prior({ lifecycleByContact: { c1: 'SQL' } }), rulesModels(), cfg, NOW);
    expect(quiet.contacts[0]?.lifecycleStage).toBe('SQL');
  });
});
