import { canonicalJson, contentHash } from '../../src/store/common/canonical-json.js';
import { chunk } from '../../src/store/common/collections.js';
import { outboxDedupeKey, outboxPriority, toOutboxRows } from '../../src/store/common/outbox-keys.js';
import { toRecordRow } from '../../src/store/common/record-rows.js';
import { account, activity, fieldsPayload, taskPayload } from './fixtures.js';

describe('store helpers', () => {
  it('writes canonical JSON with sorted keys at every level and no undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(contentHash({ x: 1, y: [1, 2] })).toBe(contentHash({ y: [1, 2], x: 1 }));
    expect(contentHash({ y: [2, 1] })).not.toBe(contentHash({ y: [1, 2] }));
  });

  it('derives dedupe keys and priorities from the payload', () => {
    expect(outboxDedupeKey(fieldsPayload('a1', 3))).toBe('fields:a1');
    expect(outboxDedupeKey(taskPayload('rule|a1|2024-W09'))).toBe('task:rule|a1|2024-W09');
    expect(outboxPriority(fieldsPayload('a1', 3))).toBe(3);
    expect(outboxPriority(taskPayload('k'))).toBe(10);
    // an account's item goes out with its most important change
    const group = fieldsPayload('a1', 30);
    const contactUpdate = { kind: 'contact' as const, recordId: 'c1', priority: 4, changes: [] };
    expect(outboxPriority(group.type === 'fields' ? { ...group, updates: [...group.updates, contactUpdate] } : group)).toBe(4);
    expect(toOutboxRows([fieldsPayload('a1', 3, '1'), taskPayload('k'), fieldsPayload('a1', 4, '2')]).map((r) => [r.dedupeKey, r.priority])).toEqual([
      ['fields:a1', 4],
      ['task:k', 10],
    ]);
  });

  it('pulls lookup columns out of each kind of record', () => {
    expect(toRecordRow('account', account('a1', { domain: 'https://www.Acme.com' }))).toMatchObject({ accountId: 'a1', contactId: null, domain: 'acme.com' });
    expect(toRecordRow('activity', activity('e1', null, 'c1'))).toMatchObject({ accountId: null, contactId: 'c1', domain: null });
  });

  it('chunks id lists', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});
