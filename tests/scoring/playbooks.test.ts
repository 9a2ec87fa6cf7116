import { periodWindow, scoreAccount, taskKey } from '../../src/scoring/index.js';
import type { AccountBundle } from '../../src/model/records.js';
import { account, activity, bundle, config, contact, daysAgo, intent, NOW, prior, rulesModels } from './builders.js';

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
  it('creates owner tasks with deterministic keys, due dates, priority by tier and the reasons in the body', () => {
    const result = scoreAccount(hotBundle(), null, rulesModels(), cfg, NOW);
    expect(result.account.qualified.qualified).toBe(true);
    expect(result.tasks.map((t) => t.key)).toEqual([
      'entered-decision:A1:Decision@2026-11-23',
      'became-qualified:A1:since@2026-11-23',
      `persona-gap:A1:p${Math.floor(NOW.getTime() / DAY / 30)}`,
    ]);
    const task = result.tasks[0];
    expect(task).toMatchObject({ rule: 'entered-decision', accountId: 'A1', ownerId: 'U1', subject: 'Acme entered Decision', dueDate: '2026-11-25', priority: 'Normal' });
    expect(result.account.tier.tier).toBe('Tier 2');
    expect(task?.body).toContain(result.account.reasons);
    expect(result.tasks[2]?.subject).toBe('Find the Economic Buyer at Acme');
    expect(Object.keys(result.nextState.lastTaskAtByRule).sort()).toEqual(['became-qualified', 'entered-decision', 'persona-gap']);
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
