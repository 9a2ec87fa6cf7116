import { periodWindow, scoreAccount, taskKey } from '../../src/scoring/index.js';
import type { AccountBundle } from '../../src/model/records.js';
import { account, activity, bundle, config, contact, daysAgo, intent, NOW, opportunity, prior, rulesModels } from './builders.js';

const cfg = config();
const DAY = 86_400_000;

/** Strong fit, a demo request from an engaged champion: Decision, qualified; no economic buyer engaged. */
function hotBundle(): AccountBundle {
  return bundle({
    account: account({ industry: 'Software', employees: 400, country: 'US', technologies: ['dbt'] }),
    contacts: [contact('c1', { title: 'Data Engineer', firstName: 'Dana', lastName: 'Lee' })],
    activities: [activity('demo_request', 1, { contactId: 'c1' }), activity('meeting', 2, { contactId: 'c1' })],
  });
}

describe('playbook tasks', () => {
  it('merges the day’s playbooks for an account into one task with a deterministic key, every action and the reasons once', () => {
    const result = scoreAccount(hotBundle(), null, rulesModels(), cfg, NOW);
    expect(result.account.qualified.qualified).toBe(true);
    const period = Math.floor(NOW.getTime() / DAY / 30);
    expect(result.tasks.map((t) => t.key)).toEqual([`entered-decision+became-qualified+persona-gap:A1:Decision@2026-11-23+since@2026-11-23+p${period}`]);
    const [task] = result.tasks;
    expect(task).toMatchObject({ rule: 'entered-decision+became-qualified+persona-gap', accountId: 'A1', ownerId: 'U1', subject: 'Acme entered Decision (and 2 more)', dueDate: '2026-11-25' });
    expect(result.account.tier.tier).toBe('Tier 2');
    expect(task?.body).toContain('• Acme entered Decision: The buying team is evaluating');
    expect(task?.body).toContain('• Acme is now a qualified account: Qualified account');
    expect(task?.body).toContain('• Find the Economic Buyer at Acme:');
    expect(task?.body.split('Why: ')).toHaveLength(2);
    expect(task?.body).toContain(`Why: ${result.account.reasons}`);
    expect(Object.keys(result.nextState.lastTaskAtByRule).sort()).toEqual(['became-qualified', 'entered-decision', 'persona-gap']);
  });

  it('one playbook task per account per day: a playbook that fires in a later run that day waits for the next day', () => {
    const first = scoreAccount(hotBundle(), null, rulesModels(), cfg, NOW);
    expect(first.tasks).toHaveLength(1);
    const surging = bundle({ ...hotBundle(), intent: [intent('etl', 85)] });
    const later = new Date(NOW.getTime() + 2 * 3_600_000);
    const second = scoreAccount(surging, first.nextState, rulesModels(), cfg, later);
    expect(second.tasks).toEqual([]);
    const surgeKey = `topic-surge:A1:${periodWindow(later.getTime(), 14)}`;
    expect(second.nextState.deferredTasks?.map((t) => t.key)).toEqual([surgeKey]);
    expect(second.nextState.lastTaskAtByRule['topic-surge']).toBe(later.toISOString());
    // The next day it goes out with the key it fired with; a re-run of that day (state not saved) yields the same key.
    const nextDay = new Date(NOW.getTime() + DAY);
    const third = scoreAccount(surging, second.nextState, rulesModels(), cfg, nextDay);
    expect(third.tasks.map((t) => [t.key, t.subject])).toEqual([[surgeKey, 'Acme is researching etl']]);
    expect(third.tasks[0]?.body).toContain('Why: ');
    expect(third.nextState.deferredTasks).toBeUndefined();
    expect(scoreAccount(surging, second.nextState, rulesModels(), cfg, new Date(nextDay.getTime() + 60_000)).tasks[0]?.key).toBe(surgeKey);
    // Had the account become a customer overnight, the waiting task is dropped.
    const customer = bundle({ ...surging, account: account({ industry: 'Software', employees: 400, country: 'US', isCustomer: true }) });
    expect(scoreAccount(customer, second.nextState, rulesModels(), cfg, nextDay).tasks).toEqual([]);
  });

  it('a persona-gap task names the most engaged person to ask and the titles to look for', () => {
    const [task] = scoreAccount(hotBundle(), null, rulesModels(), cfg, NOW).tasks;
    expect(task?.body).toContain('no Economic Buyer is engaged yet: ask Dana Lee (Data Engineer) who it is, or look for CFO, Chief Financial Officer, VP Finance, Finance Director, CEO, COO.');
  });

  it('a persona gap that a known but unengaged contact fills names that contact to start with', () => {
    const withCfo = bundle({ ...hotBundle(), contacts: [...hotBundle().contacts, contact('c2', { title: 'CFO', department: 'Finance', firstName: 'Fran', lastName: 'Cole' })] });
    const [task] = scoreAccount(withCfo, null, rulesModels(), cfg, NOW).tasks;
    expect(task?.body).toContain('ask Dana Lee (Data Engineer) who it is, or look for CFO');
    expect(task?.body).toContain('Start with Fran Cole (CFO): fits Economic Buyer and is not engaged yet.');
  });

  it('skips customers and accounts in a late-stage open deal by default; unless: null keeps them', () => {
    const customer = bundle({ ...hotBundle(), account: account({ industry: 'Software', employees: 400, country: 'US', isCustomer: true }) });
    expect(scoreAccount(customer, null, rulesModels(), cfg, NOW).tasks).toEqual([]);
    const wonBefore = bundle({ ...hotBundle(), opportunities: [opportunity('o1', { isClosed: true, isWon: true, closeDate: daysAgo(100), createdAt: daysAgo(200) })] });
    expect(scoreAccount(wonBefore, null, rulesModels(), cfg, NOW).tasks).toEqual([]);
    const lateDeal = bundle({ ...hotBundle(), opportunities: [opportunity('o2', { stage: 'Negotiation' })] });
    expect(scoreAccount(lateDeal, null, rulesModels(), cfg, NOW).tasks).toEqual([]);
    // An early-stage open deal is not skipped.
    const earlyDeal = bundle({ ...hotBundle(), opportunities: [opportunity('o3', { stage: 'Discovery' })] });
    expect(scoreAccount(earlyDeal, null, rulesModels(), cfg, NOW).tasks.length).toBe(1);
    const keep = config({ playbooks: [{ id: 'q', trigger: { type: 'becameQualified' }, subject: '{account} qualified', action: 'Go', unless: null }] });
    expect(scoreAccount(customer, null, rulesModels(), keep, NOW).tasks.map((t) => t.subject)).toEqual(['Acme qualified']);
  });

  it('keeps a merged key within 255 characters (an external id field) and deterministic however many playbooks fire', () => {
    const many = config({
      playbooks: Array.from({ length: 12 }, (_, i) => ({ id: `a-rather-long-playbook-name-number-${i}`, trigger: { type: 'becameQualified' }, subject: `s${i}`, action: 'a', unless: null })),
    });
    const [task] = scoreAccount(hotBundle(), null, rulesModels(), many, NOW).tasks;
    const [again] = scoreAccount(hotBundle(), null, rulesModels(), many, new Date(NOW.getTime() + 60_000)).tasks;
    expect(task?.key.length).toBeLessThanOrEqual(255);
    expect(task?.key).toMatch(/:A1:[0-9a-f]{8}$/);
    expect(again?.key).toBe(task?.key);
    expect(task?.subject).toBe('s0 (and 11 more)');
  });

  it('never leaves an empty placeholder in a subject', () => {
    const custom = config({ playbooks: [{ id: 'q', trigger: { type: 'becameQualified' }, subject: '{account} is qualified ({tier})', action: 'Go' }] });
    const untiered = bundle({ ...hotBundle(), account: account({ industry: 'Mining', employees: 400, country: 'US' }) });
    const scored = scoreAccount(untiered, null, rulesModels(), custom, NOW);
    expect(scored.account.tier.tier).toBe('none');
    expect(scored.tasks.map((t) => [t.subject, t.body.split('\n')[0]])).toEqual([['Acme is qualified', 'Go']]);
  });

  it('spreads priority: auto is the more urgent of the tier’s and the priority score’s', () => {
    const byScore = config({ taskPriorityByScore: { High: 30, Normal: 10 } });
    expect(scoreAccount(hotBundle(), null, rulesModels(), byScore, NOW).tasks[0]?.priority).toBe('High');
    const tierOnly = config({ playbooks: [{ id: 'q', trigger: { type: 'becameQualified' }, subject: 's', action: 'a', priority: 'byTier' }], taskPriorityByScore: { High: 30, Normal: 10 } });
    expect(scoreAccount(hotBundle(), null, rulesModels(), tierOnly, NOW).tasks[0]?.priority).toBe('Normal');
    const lowScore = config({ taskPriorityByScore: { High: 100, Normal: 100 }, taskPriorityByTier: { 'Tier 2': 'Low' } });
    expect(scoreAccount(hotBundle(), null, rulesModels(), lowScore, NOW).tasks[0]?.priority).toBe('Low');
  });

  it('yields the same keys when a run is repeated before its state was saved, and nothing once it was', () => {
    const first = scoreAccount(hotBundle(), null, rulesModels(), cfg, NOW);
    const again = scoreAccount(hotBundle(), null, rulesModels(), cfg, new Date(NOW.getTime() + 3_600_000));
    expect(again.tasks.map((t) => t.key)).toEqual(first.tasks.map((t) => t.key));
    const next = scoreAccount(hotBundle(), first.nextState, rulesModels(), cfg, new Date(NOW.getTime() + DAY));
    expect(next.tasks).toEqual([]);
  });

  it('uses a different window (key) in a new cooldown period, and respects the cooldown', () => {
    expect(periodWindow(NOW.getTime(), 14)).toBe(periodWindow(NOW.getTime() + 1000, 14));
    expect(periodWindow(NOW.getTime(), 14)).not.toBe(periodWindow(NOW.getTime() + 14 * DAY, 14));
    expect(taskKey('topic-surge', 'A1', 'p3')).toBe('topic-surge:A1:p3');
    const surging = bundle({ account: account({ industry: 'Software', employees: 400 }), intent: [intent('etl', 80)] });
    const fresh = scoreAccount(surging, prior({ stage: 'Awareness', stageEnteredAt: daysAgo(30) }), rulesModels(), cfg, NOW);
    expect(fresh.tasks.map((t) => t.rule)).toEqual(['topic-surge']);
    expect(fresh.tasks[0]?.key).toBe(`topic-surge:A1:${periodWindow(NOW.getTime(), 14)}`);
    expect(fresh.tasks[0]?.subject).toBe('Acme is researching etl');
    const cooling = prior({ stage: 'Awareness', stageEnteredAt: daysAgo(30), lastTaskAtByRule: { 'topic-surge': daysAgo(13) } });
    expect(scoreAccount(surging, cooling, rulesModels(), cfg, NOW).tasks).toEqual([]);
    const cooled = prior({ stage: 'Awareness', stageEnteredAt: daysAgo(30), lastTaskAtByRule: { 'topic-surge': daysAgo(14) } });
    const later = scoreAccount(surging, cooled, rulesModels(), cfg, NOW);
    expect(later.tasks.map((t) => t.rule)).toEqual(['topic-surge']);
    expect(later.nextState.lastTaskAtByRule['topic-surge']).toBe(NOW.toISOString());
  });

  it('honours a playbook’s extra conditions and a fixed priority', () => {
    const weakSurging = bundle({ account: account({ industry: 'Mining', employees: 5 }), intent: [intent('etl', 80)] });
    expect(scoreAccount(weakSurging, null, rulesModels(), cfg, NOW).tasks).toEqual([]);
    const custom = config({ playbooks: [{ id: 'surge', trigger: { type: 'topicSurge' }, subject: '{account}: {topics}', action: 'Call', priority: 'High', dueInDays: 0 }] });
    const [task] = scoreAccount(weakSurging, null, rulesModels(), custom, NOW).tasks;
    expect(task).toMatchObject({ priority: 'High', dueDate: '2026-11-23', subject: 'Acme: etl' });
  });
});

describe('who counts as engaged', () => {
  const internOnly = bundle({
    account: account({ industry: 'Software', employees: 400, country: 'US' }),
    contacts: [contact('c1', { title: 'Intern', department: 'Engineering', firstName: 'Ivy' })],
    activities: [activity('demo_request', 1, { contactId: 'c1' }), activity('meeting', 2, { contactId: 'c1' })],
  });

  it('a D-grade persona does not count for the buying team or the stage rules by default', () => {
    const scored = scoreAccount(internOnly, null, rulesModels(), cfg, NOW);
    expect(scored.contacts[0]).toMatchObject({ persona: 'Technical Buyer', personaGrade: 'D' });
    expect(scored.account.engagement.engagedPersonas).toEqual([]);
    expect(scored.account.engagement.engagedPeople).toBe(0);
    expect(scored.account.stage.stage).not.toBe('Decision');
  });

  it('engagement.engagedMinPersonaGrade: D lets them count', () => {
    const scored = scoreAccount(internOnly, null, rulesModels(), config({ engagement: { engagedMinPersonaGrade: 'D' } }), NOW);
    expect(scored.account.engagement.engagedPersonas).toEqual(['Technical Buyer']);
    expect(scored.account.stage.stage).toBe('Decision');
  });
});
