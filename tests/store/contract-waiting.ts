/** Writes that failed stay replayable: retries put off by a schedule, failures kept, replayed, held or superseded. */
import type { FieldUpdate, OutboxPayload } from '../../src/model/sync.js';
import type { ContractContext } from './contract.js';
import { fieldsPayload, SOURCE, taskPayload } from './fixtures.js';
import { fieldsKey, leadFieldsKey } from '../../src/store/common/outbox-keys.js';

const T1 = '2024-03-10T12:00:00.000Z';
const LATER = '2024-03-10T12:05:00.000Z';
const failure = (runId: string, retryAt?: string) => ({ runId, failedAt: T1, ...(retryAt ? { retryAt } : {}) });

function update(kind: FieldUpdate['kind'], recordId: string, value = '50'): FieldUpdate {
  return { kind, recordId, priority: 5, changes: [{ output: 'fitScore', crmField: 'Fit_Score__c', oldValue: null, newValue: value }] };
}

function accountItem(accountId: string, ...updates: FieldUpdate[]): OutboxPayload {
  return { type: 'fields', accountId, updates };
}

export function waitingContract({ open }: ContractContext): void {
  it('puts a retryable failure off until its retry time, remembering when the failures began and which run tried', async () => {
    const store = await open();
    await store.enqueueOutbox('run-1', SOURCE, [fieldsPayload('a1', 1), fieldsPayload('a2', 2)]);
    const [first] = await store.pendingOutbox(SOURCE, 10);
    await store.markOutboxFailed(first?.id ?? -1, 'EACCES: permission denied', false, undefined, failure('run-2', LATER));
    expect(await store.countPendingOutbox(SOURCE)).toBe(2);
    expect(await store.countPendingOutbox(SOURCE, T1)).toBe(1);
    expect((await store.pendingOutbox(SOURCE, 10, T1)).map((i) => i.payload)).toEqual([fieldsPayload('a2', 2)]);
    expect((await store.pendingOutbox(SOURCE, 10, LATER)).map((i) => i.payload)).toEqual([fieldsPayload('a1', 1), fieldsPayload('a2', 2)]);
    const [retrying] = await store.outboxItems([first?.id ?? -1]);
    expect(retrying).toMatchObject({ runId: 'run-2', status: 'pending', attempts: 1, nextAttemptAt: LATER, firstFailedAt: T1, lastError: 'EACCES: permission denied' });

    // A later failure keeps the first failure time; a re-plan keeps the schedule (the environment has not changed).
    await store.markOutboxFailed(first?.id ?? -1, 'EACCES again', false, undefined, { runId: 'run-3', failedAt: LATER, retryAt: '2024-03-10T12:15:00.000Z' });
    await store.enqueueOutbox('run-4', SOURCE, [fieldsPayload('a1', 1, '99')]);
    expect((await store.outboxItems([first?.id ?? -1]))[0]).toMatchObject({ attempts: 2, firstFailedAt: T1, nextAttemptAt: '2024-03-10T12:15:00.000Z', payload: fieldsPayload('a1', 1, '99') });
    expect(await store.countWaitingOutbox(SOURCE)).toEqual({ failed: 0, retrying: 1 });
  });

  it('keeps what is left of many partly written items at once, due again at once', async () => {
    const store = await open();
    await store.enqueueOutbox('run-1', SOURCE, [accountItem('a1', update('account', 'a1'), update('contact', 'c1')), accountItem('a2', update('account', 'a2'), update('contact', 'c2'))]);
    const [one, two] = await store.pendingOutbox(SOURCE, 10);
    await store.markOutboxFailed(two?.id ?? -1, '503', false, undefined, failure('run-1', LATER));
    await store.keepOutboxRemainders([
      { id: one?.id ?? -1, payload: accountItem('a1', update('contact', 'c1')) },
      { id: two?.id ?? -1, payload: accountItem('a2', update('contact', 'c2')) },
    ]);
    await store.keepOutboxRemainders([]);
    expect((await store.pendingOutbox(SOURCE, 10, T1)).map((i) => i.payload)).toEqual([accountItem('a1', update('contact', 'c1')), accountItem('a2', update('contact', 'c2'))]);
  });

  it('lists waiting writes newest first, by the run that last tried them', async () => {
    const store = await open();
    await store.enqueueOutbox('run-1', SOURCE, [fieldsPayload('a1', 1), fieldsPayload('a3', 3), taskPayload('t1')]);
    const [a1, , t1] = await store.pendingOutbox(SOURCE, 10);
    await store.markOutboxFailed(a1?.id ?? -1, 'INVALID_FIELD', true, undefined, failure('run-2'));
    await store.markOutboxFailed(t1?.id ?? -1, 'UNABLE_TO_LOCK_ROW', false, undefined, failure('run-3', LATER));
    await store.addFailedOutbox('run-3', SOURCE, fieldsPayload('a9', 1), 'NOT_FOUND', 1);
    expect((await store.waitingOutbox(SOURCE, {}, 10)).map((i) => [i.runId, i.status, i.lastError])).toEqual([
      ['run-3', 'failed', 'NOT_FOUND'],
      ['run-3', 'pending', 'UNABLE_TO_LOCK_ROW'],
      ['run-2', 'failed', 'INVALID_FIELD'],
    ]);
    expect((await store.waitingOutbox(SOURCE, { runId: 'run-2' }, 10)).map((i) => i.payload)).toEqual([fieldsPayload('a1', 1)]);
    expect(await store.waitingOutbox(SOURCE, {}, 1)).toHaveLength(1);
    expect(await store.countWaitingOutbox(SOURCE)).toEqual({ failed: 2, retrying: 1 });
    expect(await store.countWaitingOutbox('hubspot')).toEqual({ failed: 0, retrying: 0 });
  });

  it('replays failed and put-off writes by run, by account or by type; a replayed item starts afresh', async () => {
    const store = await open();
    await store.enqueueOutbox('run-1', SOURCE, [fieldsPayload('a1', 1), fieldsPayload('a2', 2), taskPayload('t1')]);
    const [a1, a2, t1] = await store.pendingOutbox(SOURCE, 10);
    await store.markOutboxFailed(a1?.id ?? -1, 'INVALID_FIELD', true, undefined, failure('run-2'));
    await store.markOutboxFailed(t1?.id ?? -1, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', true, undefined, failure('run-2'));
    await store.markOutboxFailed(a2?.id ?? -1, 'ENOSPC', false, undefined, failure('run-3', LATER));

    expect(await store.replayOutbox(SOURCE, { runId: 'run-9' })).toBe(0);
    expect(await store.replayOutbox(SOURCE, { type: 'task', accountIds: ['a1'] })).toBe(1);
    expect(await store.replayOutbox(SOURCE, { runId: 'run-3' })).toBe(1);
    expect((await store.pendingOutbox(SOURCE, 10, T1)).map((i) => [i.payload, i.attempts, i.nextAttemptAt, i.firstFailedAt])).toEqual([
      [fieldsPayload('a2', 2), 1, null, T1],
      [taskPayload('t1'), 0, null, null],
    ]);
    expect(await store.replayOutbox(SOURCE, {})).toBe(1);
    expect(await store.countWaitingOutbox(SOURCE)).toEqual({ failed: 0, retrying: 0 });
    expect(await store.countPendingOutbox(SOURCE, T1)).toBe(3);
  });

  it('merges a replayed field item into a pending one for the same account instead of failing on the key', async () => {
    const store = await open();
    await store.enqueueOutbox('run-1', SOURCE, [accountItem('a1', update('account', 'a1', '80'), update('contact', 'c1', '60'))]);
    const [item] = await store.pendingOutbox(SOURCE, 10);
    await store.markOutboxFailed(item?.id ?? -1, 'INVALID_FIELD', true, accountItem('a1', update('account', 'a1', '80')), failure('run-1'));
    // The next plan for a1 writes c1 again (a newer value) while the account's own write still waits.
    await store.enqueueOutbox('run-2', SOURCE, [accountItem('a1', update('contact', 'c1', '65'))]);
    expect(await store.replayOutbox(SOURCE, { accountIds: ['a1'] })).toBe(1);
    const pending = await store.pendingOutbox(SOURCE, 10);
    expect(pending.map((i) => i.payload)).toEqual([accountItem('a1', update('contact', 'c1', '65'), update('account', 'a1', '80'))]);
    expect(await store.failedOutbox(SOURCE, 10)).toEqual([]);
  });

  it('holds back failed field updates: a new plan keeps the held records, supersedes the rest, and can forget them', async () => {
    const store = await open();
    await store.addFailedOutbox('run-1', SOURCE, accountItem('a1', update('account', 'a1', '80'), update('contact', 'c1')), 'INVALID_FIELD', 1);
    await store.addFailedOutbox('run-1', SOURCE, accountItem('a2', update('account', 'a2')), 'INVALID_FIELD', 1);
    await store.addFailedOutbox('run-1', SOURCE, accountItem('a3', update('account', 'a3')), 'INVALID_FIELD', 1);
    await store.addFailedOutbox('run-1', SOURCE, taskPayload('t1'), 'TASK_FAILED', 1);
    const failed = await store.failedFieldUpdates(SOURCE, [fieldsKey('a1'), fieldsKey('a2'), fieldsKey('nope')]);
    expect([...failed.keys()].sort()).toEqual([fieldsKey('a1'), fieldsKey('a2')]);
    expect(failed.get(fieldsKey('a1'))).toEqual([update('account', 'a1', '80'), update('contact', 'c1')]);

    await store.keepFailedFieldUpdates(SOURCE, new Map([[fieldsKey('a1'), new Set(['a1'])], [fieldsKey('a2'), new Set<string>()]]));
    const byKey = (items: { payload: OutboxPayload }[]) => new Map(items.map((i) => [i.payload.type === 'task' ? i.payload.task.key : i.payload.accountId, i.payload]));
    expect(byKey(await store.failedOutbox(SOURCE, 10))).toEqual(
      new Map<string, OutboxPayload>([
        ['a1', accountItem('a1', update('account', 'a1', '80'))],
        ['a3', accountItem('a3', update('account', 'a3'))],
        ['t1', taskPayload('t1')],
      ]),
    );
    expect(await store.forgetFailedFieldWrites(SOURCE, [fieldsKey('a3')])).toBe(1);
    expect(await store.forgetFailedFieldWrites(SOURCE, 'all')).toBe(1);
    expect((await store.failedOutbox(SOURCE, 10)).map((i) => i.payload)).toEqual([taskPayload('t1')]);
  });

  it("finds a lead's failed field updates by the lead's own key, apart from its account's", async () => {
    const store = await open();
    const leadItem: OutboxPayload = { type: 'fields', accountId: 'a1', leadId: 'l1', updates: [update('lead', 'l1', '40')] };
    await store.addFailedOutbox('run-1', SOURCE, accountItem('a1', update('account', 'a1', '80')), 'INVALID_FIELD', 1);
    await store.addFailedOutbox('run-1', SOURCE, leadItem, 'INVALID_FIELD', 1);
    const failed = await store.failedFieldUpdates(SOURCE, [leadFieldsKey('l1')]);
    expect([...failed.entries()]).toEqual([[leadFieldsKey('l1'), [update('lead', 'l1', '40')]]]);
    expect(await store.forgetFailedFieldWrites(SOURCE, [leadFieldsKey('l1')])).toBe(1);
    expect((await store.failedOutbox(SOURCE, 10)).map((i) => i.payload)).toEqual([accountItem('a1', update('account', 'a1', '80'))]);
  });
}
