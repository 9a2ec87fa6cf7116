/**
 * writeFieldUpdates against the Salesforce emulator over real HTTP (jsforce 3.10.16): collections of 200, one Bulk API
 * 2.0 job above the threshold, per-record retries of locked rows, permanent errors with Salesforce's message, whole-call
 * failures and the daily limit.
 */
import { SalesforceConnectorError } from '../../connectors/salesforce/errors.js';
import { RECORD_TRIES, writeFieldUpdates } from '../../connectors/salesforce/write-fields.js';
import { apiFor, fieldUpdate, memoryLogger, OUTPUT_FIELDS, recordingSleep, seedAccounts, withEmulator } from './write-helpers.js';

const BULK_THRESHOLD = 2_000;

function options(pauses: number[] = []) {
  return { bulkThreshold: BULK_THRESHOLD, logger: memoryLogger(), sleep: recordingSleep(pauses), bulk: { pollIntervalMs: 10 } };
}

test('450 changed accounts take exactly 3 collection calls of at most 200 records, each record answered by id', async () => {
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, ...seedAccounts(450) } }, async (emulator) => {
    const api = await apiFor(emulator);
    emulator.resetCalls();
    const ids = emulator.org.list('Account').map((a) => String(a['Id']));
    const updates = ids.map((id, i) => fieldUpdate(id, { ScoreSync_Fit__c: String(i % 100), ScoreSync_Tier__c: 'Tier 2' }));

    const outcomes = await writeFieldUpdates(api, 'Account', updates, options());

    expect(outcomes).toEqual(ids.map((recordId) => ({ recordId, ok: true })));
    expect(emulator.calls.count({ endpoint: 'collections', method: 'PATCH' })).toBe(3);
    expect(emulator.calls.count({ apiOnly: true })).toBe(3);
    expect(api.usage().calls).toBe(3);
    expect(emulator.org.get('Account', ids[7] ?? '')).toMatchObject({ ScoreSync_Fit__c: 7, ScoreSync_Tier__c: 'Tier 2' });
  });
});

test('5,000 changed accounts take one Bulk API 2.0 ingest job; null clears a field, an unchanged field is left alone', async () => {
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, ...seedAccounts(5_000) }, bulk: { pollsToComplete: 1 } }, async (emulator) => {
    const ids = emulator.org.list('Account').map((a) => String(a['Id']));
    for (const id of ids.slice(0, 2)) emulator.org.update('Account', id, { ScoreSync_Reasons__c: 'old', ScoreSync_Tier__c: 'Tier 3' });
    const api = await apiFor(emulator);
    emulator.resetCalls();
    // The first record changes only the fit: its tier must stay (an empty CSV cell), the second clears its reasons.
    const updates = ids.map((id, i) =>
      i === 0 ? fieldUpdate(id, { ScoreSync_Fit__c: '99' }) : fieldUpdate(id, { ScoreSync_Fit__c: String(i % 100), ScoreSync_Reasons__c: i === 1 ? null : 'a, "b"' }),
    );

    const outcomes = await writeFieldUpdates(api, 'Account', updates, options());

    expect(outcomes.filter((o) => o.ok)).toHaveLength(5_000);
    expect(outcomes.map((o) => o.recordId)).toEqual(ids);
    expect(emulator.calls.count({ endpoint: 'bulk/ingest', method: 'POST' })).toBe(1);
    expect(emulator.calls.count({ endpoint: 'collections' })).toBe(0);
    expect(emulator.org.get('Account', ids[0] ?? '')).toMatchObject({ ScoreSync_Fit__c: 99, ScoreSync_Tier__c: 'Tier 3', ScoreSync_Reasons__c: 'old' });
    expect(emulator.org.get('Account', ids[1] ?? '')).toMatchObject({ ScoreSync_Fit__c: 1, ScoreSync_Reasons__c: null });
    expect(emulator.org.get('Account', ids[2] ?? '')).toMatchObject({ ScoreSync_Fit__c: 2, ScoreSync_Reasons__c: 'a, "b"' });
  });
});

test('locked rows are retried one call at a time; a row locked for good is reported retryable; a bad picklist value and a deleted record are permanent', async () => {
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, ...seedAccounts(6) } }, async (emulator) => {
    const [briefly, always, badTier, deleted, fine, alsoFine] = emulator.org.list('Account').map((a) => String(a['Id']));
    emulator.org.delete('Account', deleted ?? '');
    emulator.setFaultPlan({
      faults: [
        { kind: 'lockRows', on: { endpoint: 'collections' }, nth: 1, recordIds: [briefly ?? ''] },
        { kind: 'lockRows', on: { endpoint: 'collections' }, recordIds: [always ?? ''] },
      ],
    });
    const api = await apiFor(emulator);
    emulator.resetCalls();
    const pauses: number[] = [];
    const updates = [briefly, always, badTier, deleted, fine, alsoFine].map((id) => fieldUpdate(id ?? '', { ScoreSync_Fit__c: '50', ScoreSync_Tier__c: id === badTier ? 'Tier 9' : 'Tier 1' }));

    const outcomes = await writeFieldUpdates(api, 'Account', updates, options(pauses));

    const byId = new Map(outcomes.map((o) => [o.recordId, o]));
    expect(byId.get(briefly ?? '')).toEqual({ recordId: briefly, ok: true });
    expect(byId.get(fine ?? '')?.ok).toBe(true);
    expect(byId.get(alsoFine ?? '')?.ok).toBe(true);
    expect(byId.get(always ?? '')?.error).toMatchObject({ class: 'retryable', code: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' });
    expect(byId.get(badTier ?? '')?.error).toMatchObject({ class: 'config', code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', field: 'ScoreSync_Tier__c' });
    expect(byId.get(badTier ?? '')?.error?.message).toContain('Tier 9');
    expect(byId.get(deleted ?? '')?.error).toMatchObject({ class: 'record', code: 'ENTITY_IS_DELETED' });
    // First call with all six; then only the locked ones, one call per try, after growing pauses, and never the permanent ones.
    expect(emulator.calls.count({ endpoint: 'collections' })).toBe(RECORD_TRIES);
    expect(pauses).toEqual([1_000, 3_000, 9_000]);
    expect(emulator.org.get('Account', briefly ?? '')).toMatchObject({ ScoreSync_Fit__c: 50 });
    expect(emulator.org.get('Account', always ?? '')?.['ScoreSync_Fit__c']).toBeNull();
    expect(emulator.org.get('Account', badTier ?? '')?.['ScoreSync_Fit__c']).toBeNull();
  });
});

test('locked rows of a Bulk API 2.0 job are retried through collections', async () => {
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, ...seedAccounts(30) }, bulk: { pollsToComplete: 1 } }, async (emulator) => {
    const ids = emulator.org.list('Account').map((a) => String(a['Id']));
    emulator.setFaultPlan({ faults: [{ kind: 'lockRows', on: { endpoint: 'bulk/ingest' }, recordIds: [ids[3] ?? '', ids[17] ?? ''] }] });
    const api = await apiFor(emulator);
    emulator.resetCalls();

    const outcomes = await writeFieldUpdates(api, 'Account', ids.map((id) => fieldUpdate(id, { ScoreSync_Fit__c: '12' })), { ...options(), bulkThreshold: 20 });

    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(emulator.calls.count({ endpoint: 'bulk/ingest', method: 'POST' })).toBe(1);
    expect(emulator.calls.list({ endpoint: 'collections' })).toHaveLength(1);
    expect(emulator.org.list('Account').every((a) => a['ScoreSync_Fit__c'] === 12)).toBe(true);
  });
});

test('a connection dropped on a PATCH fails that call\'s records as retryable; the other calls of the batch still land', async () => {
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, ...seedAccounts(250) }, faultPlan: { faults: [{ kind: 'drop', on: { method: 'PATCH', endpoint: 'collections' }, nth: 1, dropAfterApply: false }] } }, async (emulator) => {
    const ids = emulator.org.list('Account').map((a) => String(a['Id']));
    const api = await apiFor(emulator, 1);

    const outcomes = await writeFieldUpdates(api, 'Account', ids.map((id) => fieldUpdate(id, { ScoreSync_Fit__c: '5' })), options());

    const failed = outcomes.filter((o) => !o.ok);
    expect(failed).toHaveLength(200);
    expect(failed.every((o) => o.error?.class === 'retryable' && o.error.code === 'ECONNRESET')).toBe(true);
    expect(outcomes.slice(200).every((o) => o.ok)).toBe(true);
    // A whole-call failure is not retried inside the call (jsforce never retries a PATCH; the engine's next pass does).
    expect(emulator.calls.count({ endpoint: 'collections' })).toBe(2);
  });
});

test('a response cut off mid-body hits the call deadline instead of hanging, and is reported retryable', async () => {
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, ...seedAccounts(3) }, faultPlan: { faults: [{ kind: 'drop', on: { endpoint: 'collections' }, nth: 1, midBody: true }] } }, async (emulator) => {
    const ids = emulator.org.list('Account').map((a) => String(a['Id']));
    const api = await apiFor(emulator);

    const outcomes = await writeFieldUpdates(api, 'Account', ids.map((id) => fieldUpdate(id, { ScoreSync_Fit__c: '5' })), { ...options(), callTimeoutMs: 500 });

    expect(outcomes.map((o) => o.error?.code)).toEqual(['TIMEOUT', 'TIMEOUT', 'TIMEOUT']);
    expect(outcomes.every((o) => o.error?.class === 'retryable')).toBe(true);
  });
});

test('a 503 fails its call\'s records as retryable with the status', async () => {
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, ...seedAccounts(3) }, faultPlan: { faults: [{ kind: 'http503', on: { endpoint: 'collections' }, nth: 1 }] } }, async (emulator) => {
    const ids = emulator.org.list('Account').map((a) => String(a['Id']));
    const api = await apiFor(emulator);

    const outcomes = await writeFieldUpdates(api, 'Account', ids.map((id) => fieldUpdate(id, { ScoreSync_Fit__c: '5' })), options());

    expect(outcomes.every((o) => o.error?.class === 'retryable')).toBe(true);
    expect(emulator.calls.count({ endpoint: 'collections' })).toBe(1);
  });
});

test('403 REQUEST_LIMIT_EXCEEDED throws a SalesforceConnectorError the engine turns into a clean stop', async () => {
  await withEmulator({ org: { customFields: OUTPUT_FIELDS, ...seedAccounts(3) } }, async (emulator) => {
    const ids = emulator.org.list('Account').map((a) => String(a['Id']));
    const api = await apiFor(emulator);
    emulator.setFaultPlan({ faults: [{ kind: 'quotaExhausted', on: { endpoint: 'collections' }, nth: 1 }] });

    const write = writeFieldUpdates(api, 'Account', ids.map((id) => fieldUpdate(id, { ScoreSync_Fit__c: '5' })), options());

    await expect(write).rejects.toBeInstanceOf(SalesforceConnectorError);
    await expect(write).rejects.toMatchObject({ info: { class: 'retryable', code: 'REQUEST_LIMIT_EXCEEDED' } });
    expect(emulator.org.list('Account').every((a) => a['ScoreSync_Fit__c'] === null)).toBe(true);
  });
});
