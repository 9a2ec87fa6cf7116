import type { FieldUpdate, OutboxPayload } from '../../src/model/sync.js';
import type { ContractContext } from './contract.js';
import { fieldsPayload, SOURCE, taskPayload } from './fixtures.js';

const payloadsOf = (items: { payload: OutboxPayload }[]): OutboxPayload[] => items.map((i) => i.payload);

export function outboxContract({ open }: ContractContext): void {
  it('returns pending items by priority, then in the order they were planned', async () => {
    const store = await open();
    const plan = [fieldsPayload('a1', 50), fieldsPayload('a2', 1), taskPayload('t1'), fieldsPayload('a3', 50), fieldsPayload('a4', 1)];
    expect(await store.enqueueOutbox('run-1', SOURCE, plan)).toBe(5);
    const pending = await store.pendingOutbox(SOURCE, 10);
    expect(payloadsOf(pending)).toEqual([plan[1], plan[4], plan[2], plan[0], plan[3]]);
    expect(pending[0]).toMatchObject({ runId: 'run-1', connector: SOURCE, status: 'pending', attempts: 0, lastError: null, createdAt: '2024-03-10T12:00:00.000Z', nextAttemptAt: null, firstFailedAt: null });
    expect(payloadsOf(await store.pendingOutbox(SOURCE, 2))).toEqual([plan[1], plan[4]]);
    expect(await store.countPendingOutbox(SOURCE)).toBe(5);
    expect(await store.countPendingOutbox('hubspot')).toBe(0);
  });

  it('replaces a pending item with the same record or task key instead of duplicating it', async () => {
    const store = await open();
    await store.enqueueOutbox('run-1', SOURCE, [fieldsPayload('a1', 50, '70'), taskPayload('t1', 'first draft')]);
    await store.enqueueOutbox('run-2', SOURCE, [fieldsPayload('a1', 5, '75'), taskPayload('t1', 'second draft')]);
    await store.enqueueOutbox('run-2', 'hubspot', [fieldsPayload('a1', 5, '75')]);
    const pending = await store.pendingOutbox(SOURCE, 10);
    expect(payloadsOf(pending)).toEqual([fieldsPayload('a1', 5, '75'), taskPayload('t1', 'second draft')]);
    expect(pending.map((i) => i.runId)).toEqual(['run-2', 'run-2']);
    expect(await store.countPendingOutbox('hubspot')).toBe(1);
  });

  it('collapses duplicates inside one plan to the last payload', async () => {
    const store = await open();
    expect(await store.enqueueOutbox('run-1', SOURCE, [fieldsPayload('a1', 50, '70'), fieldsPayload('a1', 50, '80')])).toBe(1);
    expect(payloadsOf(await store.pendingOutbox(SOURCE, 10))).toEqual([fieldsPayload('a1', 50, '80')]);
  });

  it('never touches done or failed items when the same write is planned again', async () => {
    const store = await open();
    await store.enqueueOutbox('run-1', SOURCE, [fieldsPayload('a1', 50, '70'), fieldsPayload('a2', 50, '70')]);
    const [first, second] = await store.pendingOutbox(SOURCE, 10);
    await store.markOutboxDone([first?.id ?? -1]);
    await store.markOutboxFailed(second?.id ?? -1, 'INVALID_FIELD: Fit_Score__c', true);
    await store.enqueueOutbox('run-2', SOURCE, [fieldsPayload('a1', 50, '90'), fieldsPayload('a2', 50, '90')]);
    const pending = await store.pendingOutbox(SOURCE, 10);
    expect(payloadsOf(pending)).toEqual([fieldsPayload('a1', 50, '90'), fieldsPayload('a2', 50, '90')]);
    expect(pending.map((i) => i.id)).not.toContain(first?.id);
    const failed = await store.failedOutbox(SOURCE, 10);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ id: second?.id, payload: fieldsPayload('a2', 50, '70'), status: 'failed', lastError: 'INVALID_FIELD: Fit_Score__c' });
  });

  it('counts attempts: a retryable failure stays pending, a permanent one moves to failed', async () => {
    const store = await open();
    await store.enqueueOutbox('run-1', SOURCE, [fieldsPayload('a1', 1), taskPayload('t1')]);
    const [item, task] = await store.pendingOutbox(SOURCE, 10);
    const id = item?.id ?? -1;
    await store.markOutboxFailed(id, '429: rate limited', false);
    await store.markOutboxFailed(id, '503: unavailable', false);
    expect((await store.pendingOutbox(SOURCE, 10))[0]).toMatchObject({ id, status: 'pending', attempts: 2, lastError: '503: unavailable' });
    await store.markOutboxFailed(id, '503: unavailable', true);
    expect(await store.failedOutbox(SOURCE, 10)).toMatchObject([{ id, status: 'failed', attempts: 3 }]);
    expect((await store.pendingOutbox(SOURCE, 10)).map((i) => i.id)).toEqual([task?.id]);
    expect(await store.failedOutbox('hubspot', 10)).toEqual([]);
  });

  it('keeps only what is left of a partly written item, and splits permanent failures off as failed items', async () => {
    const store = await open();
    const group: OutboxPayload = {
      type: 'fields',
      accountId: 'a1',
      updates: [update('account', 'a1', 20), update('contact', 'c1', 5), update('contact', 'c2', 30)],
    };
    await store.enqueueOutbox('run-1', SOURCE, [group, fieldsPayload('a2', 10)]);
    const [item] = await store.pendingOutbox(SOURCE, 10);
    const id = item?.id ?? -1;
    expect(item?.payload).toEqual(group);

    // the account was written, nothing failed, the run stopped: the item keeps its contacts, priority from what is left
    const contacts: OutboxPayload = { ...group, updates: group.updates.slice(1) };
    await store.keepOutboxRemainder(id, contacts);
    expect((await store.pendingOutbox(SOURCE, 10))[0]).toMatchObject({ id, payload: contacts, attempts: 0, status: 'pending' });

    // c1 failed for good, c2 may be retried: c2 stays pending (attempt counted), c1 becomes a failed item of its own
    const c2Only: OutboxPayload = { ...group, updates: group.updates.slice(2) };
    const c1Only: OutboxPayload = { ...group, updates: group.updates.slice(1, 2) };
    await store.markOutboxFailed(id, 'contact c2: 503: unavailable', false, c2Only);
    await store.addFailedOutbox('run-1', SOURCE, c1Only, 'contact c1: NOT_FOUND: gone', 1);
    const pending = await store.pendingOutbox(SOURCE, 10);
    expect(pending.map((i) => [i.id, i.payload])).toEqual([
      [pending[0]?.id, fieldsPayload('a2', 10)],
      [id, c2Only],
    ]);
    expect(pending[1]).toMatchObject({ attempts: 1, lastError: 'contact c2: 503: unavailable' });
    expect(await store.failedOutbox(SOURCE, 10)).toMatchObject([
      { runId: 'run-1', payload: c1Only, status: 'failed', attempts: 1, lastError: 'contact c1: NOT_FOUND: gone' },
    ]);
    // a failed item never blocks the account's next plan
    await store.enqueueOutbox('run-2', SOURCE, [group]);
    expect((await store.pendingOutbox(SOURCE, 10)).map((i) => i.payload)).toEqual([group, fieldsPayload('a2', 10)]);
  });

  it('marks many items done at once', async () => {
    const store = await open();
    await store.enqueueOutbox('run-1', SOURCE, [fieldsPayload('a1', 1), fieldsPayload('a2', 1), fieldsPayload('a3', 1)]);
    const ids = (await store.pendingOutbox(SOURCE, 10)).map((i) => i.id);
    await store.markOutboxDone(ids.slice(0, 2));
    await store.markOutboxDone([]);
    expect((await store.pendingOutbox(SOURCE, 10)).map((i) => i.id)).toEqual(ids.slice(2));
    expect(await store.countPendingOutbox(SOURCE)).toBe(1);
  });
}

function update(kind: FieldUpdate['kind'], recordId: string, priority: number): FieldUpdate {
  return { kind, recordId, priority, changes: [{ output: 'fitScore', crmField: 'Fit_Score__c', oldValue: null, newValue: '50' }] };
}
