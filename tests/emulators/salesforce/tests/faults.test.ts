/** The seeded fault plan, seen from jsforce: what it retries, what it surfaces, and what a fault leaves in the org. */
import { connect, OUTPUT_FIELDS, withEmulator } from './helpers.js';
import type { FaultPlan } from '../index.js';

const ACME = { setup: (org: { insert(o: string, f: Record<string, unknown>): string }) => void org.insert('Account', { Name: 'Acme' }), customFields: OUTPUT_FIELDS };

test('a 503 on the 2nd query is retried by jsforce (GET); a 429 on a collection PATCH is not', async () => {
  await withEmulator({ org: ACME, faultPlan: { faults: [{ kind: 'http503', on: { endpoint: 'query' }, nth: 2 }, { kind: 'http429', on: { endpoint: 'collections' }, nth: 1 }] } }, async (emulator) => {
    const conn = await connect(emulator);
    await conn.query('SELECT Id FROM Account');
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(1);
    expect(emulator.calls.list({ endpoint: 'query' }).map((c) => [c.status, c.fault ?? null])).toEqual([[200, null], [503, 'http503'], [200, null]]);
    const id = String(emulator.org.list('Account')[0]?.['Id']);
    await expect(conn.sobject('Account').update([{ Id: id, ScoreSync_Fit__c: 1 }] as never[], { allOrNone: false })).rejects.toMatchObject({ errorCode: 'TOO_MANY_REQUESTS' });
    expect(emulator.org.get('Account', id)?.['ScoreSync_Fit__c']).toBe(null);
    expect(emulator.apiUsage().used).toBe(2);
  });
});

test('a connection dropped after the write was applied: the client sees a network error, the org has the change', async () => {
  await withEmulator({ org: ACME, faultPlan: { faults: [{ kind: 'drop', on: { method: 'PATCH', endpoint: 'collections' }, nth: 1 }] } }, async (emulator) => {
    const conn = await connect(emulator);
    const id = String(emulator.org.list('Account')[0]?.['Id']);
    await expect(conn.sobject('Account').update([{ Id: id, ScoreSync_Fit__c: 7 }] as never[], { allOrNone: false })).rejects.toThrow();
    expect(emulator.org.get('Account', id)?.['ScoreSync_Fit__c']).toBe(7);
    const results = await conn.sobject('Account').update([{ Id: id, ScoreSync_Fit__c: 8 }] as never[], { allOrNone: false });
    expect(results).toEqual([{ id, success: true, errors: [] }]);
  });
});

test('a body cut short is noticed by a fetch client (jsforce 3.10.16 would wait forever: it needs a timeout of its own)', async () => {
  await withEmulator({ org: ACME, faultPlan: { faults: [{ kind: 'drop', on: { endpoint: 'query' }, nth: 1, midBody: true }] } }, async (emulator) => {
    const conn = await connect(emulator);
    const response = await fetch(`${emulator.url}/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id, Name FROM Account')}`, { headers: { Authorization: `Bearer ${conn.accessToken ?? ''}` } });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(emulator.calls.list({ endpoint: 'query' }).map((c) => [c.status, c.fault])).toEqual([[200, 'drop']]);
  });
});

test('a connection dropped before a GET is answered is retried by jsforce', async () => {
  await withEmulator({ org: ACME, faultPlan: { faults: [{ kind: 'drop', on: { endpoint: 'query' }, nth: 1, dropAfterApply: false }] } }, async (emulator) => {
    const conn = await connect(emulator);
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(1);
    expect(emulator.calls.list({ endpoint: 'query' }).map((c) => c.status)).toEqual([0, 200]);
  });
});

test('a session expiring at the Nth call is a 401 that jsforce answers with a refresh', async () => {
  await withEmulator({ org: ACME, faultPlan: { faults: [{ kind: 'sessionExpired', nth: 2 }] } }, async (emulator) => {
    const conn = await connect(emulator, { refreshToken: emulator.credentials.refreshToken });
    await conn.query('SELECT Id FROM Account');
    await conn.query('SELECT Id FROM Account');
    expect(emulator.calls.list().map((c) => `${c.endpoint} ${c.status}`)).toEqual(['oauth2/token 200', 'query 200', 'query 401', 'oauth2/token 200', 'query 200']);
  });
});

test('quota exhaustion after N calls: from then on every API call is 403 REQUEST_LIMIT_EXCEEDED', async () => {
  await withEmulator({ org: ACME, faultPlan: { faults: [{ kind: 'quotaExhausted', from: 3 }] } }, async (emulator) => {
    const conn = await connect(emulator);
    await conn.query('SELECT Id FROM Account');
    await conn.describe('Account');
    await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(emulator.apiUsage()).toEqual({ used: 15_000, max: 15_000 });
  });
});

test('UNABLE_TO_LOCK_ROW on a seeded share of a collection, the same records for the same seed', async () => {
  const lockedFor = async (plan: FaultPlan): Promise<boolean[]> =>
    withEmulator({ org: { customFields: OUTPUT_FIELDS, setup: (org) => { for (let i = 0; i < 40; i += 1) org.insert('Account', { Name: `A${i}` }); } }, faultPlan: plan }, async (emulator) => {
      const conn = await connect(emulator);
      const records = emulator.org.list('Account').map((a) => ({ Id: a['Id'], ScoreSync_Fit__c: 1 }));
      const results = (await conn.sobject('Account').update(records as never[], { allOrNone: false })) as unknown as { success: boolean; errors: { statusCode: string }[] }[];
      expect(results.filter((r) => !r.success).every((r) => r.errors[0]?.statusCode === 'UNABLE_TO_LOCK_ROW')).toBe(true);
      return results.map((r) => !r.success);
    });
  const plan: FaultPlan = { seed: 42, faults: [{ kind: 'lockRows', on: { endpoint: 'collections' }, recordProbability: 0.25 }] };
  const first = await lockedFor(plan);
  expect(first.filter(Boolean).length).toBeGreaterThan(3);
  expect(first.filter(Boolean).length).toBeLessThan(20);
  expect(await lockedFor(plan)).toEqual(first);
  expect(await lockedFor({ ...plan, seed: 43 })).not.toEqual(first);
});

test('faults with a probability fire on the same calls for the same seed; setFaultPlan replaces the plan', async () => {
  const statuses = async (seed: number): Promise<number[]> =>
    withEmulator({ org: ACME, faultPlan: { seed, faults: [{ kind: 'http500', on: { endpoint: 'describe' }, probability: 0.5 }] } }, async (emulator) => {
      const conn = await connect(emulator);
      for (let i = 0; i < 12; i += 1) await conn.request('/sobjects/Account/describe', { retry: { maxRetries: 0 } }).catch(() => null);
      emulator.setFaultPlan(undefined);
      await conn.describe('Account');
      return emulator.calls.list({ endpoint: 'describe' }).map((c) => c.status);
    });
  const first = await statuses(5);
  expect(first.at(-1)).toBe(200);
  expect(first.slice(0, 12)).toContain(500);
  expect(first.slice(0, 12)).toContain(200);
  expect(await statuses(5)).toEqual(first);
});
