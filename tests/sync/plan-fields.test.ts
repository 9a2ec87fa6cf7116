import type { OutputTarget } from '../../src/config/mapping-types.js';
import { planFieldUpdate } from '../../src/sync/plan-fields.js';

const outputs: Record<string, OutputTarget> = {
  fitScore: { field: 'Fit__c', type: 'number', policy: 'overwrite' },
  tier: { field: 'Tier__c', type: 'string', policy: 'overwrite' },
  qualified: { field: 'Qualified__c', type: 'boolean', policy: 'overwrite' },
  stageEnteredAt: { field: 'Stage_Since__c', type: 'date', policy: 'overwrite' },
  reasons: { field: 'Reasons__c', type: 'text', policy: 'fillIfBlank' },
  buyingStage: { field: 'Stage__c', type: 'string', policy: 'never' },
  scoredAt: { field: 'Scored__c', type: 'datetime', policy: 'overwrite' },
};

describe('planFieldUpdate', () => {
  it('writes nothing when every value equals what the CRM holds (numbers, booleans and dates compared by meaning)', () => {
    const update = planFieldUpdate(
      'account',
      'A1',
      { fitScore: '71.0', tier: 'Tier 1', qualified: 'TRUE', stageEnteredAt: '2026-11-01T00:00:00Z', reasons: 'x', scoredAt: 'old' },
      { fitScore: '71', tier: 'Tier 1', qualified: 'true', stageEnteredAt: '2026-11-01', reasons: 'y', scoredAt: 'new' },
      outputs,
    );
    expect(update).toBeNull();
  });

  it('lists exact old → new values, adds companions only with a real change, and respects write policies', () => {
    const update = planFieldUpdate(
      'account',
      'A1',
      { fitScore: '62', tier: 'Tier 2', qualified: 'false', reasons: 'kept', buyingStage: 'Target', scoredAt: 'old' },
      { fitScore: '71', tier: 'Tier 2', qualified: 'true', reasons: 'new text', buyingStage: 'Decision', scoredAt: 'now' },
      outputs,
    );
    expect(update).toEqual({
      kind: 'account',
      recordId: 'A1',
      priority: 0,
      changes: [
        { output: 'fitScore', crmField: 'Fit__c', oldValue: '62', newValue: '71' },
        { output: 'qualified', crmField: 'Qualified__c', oldValue: 'false', newValue: 'true' },
        { output: 'scoredAt', crmField: 'Scored__c', oldValue: 'old', newValue: 'now' },
      ],
    });
  });

  it('fills a blank fillIfBlank field and treats empty and null alike', () => {
    const update = planFieldUpdate('contact', 'C1', { reasons: '  ' }, { reasons: 'why', tier: null }, outputs);
    expect(update?.changes).toEqual([{ output: 'reasons', crmField: 'Reasons__c', oldValue: '  ', newValue: 'why' }]);
    expect(update?.priority).toBe(5);
  });
});
