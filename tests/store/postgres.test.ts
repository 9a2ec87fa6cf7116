import { openStore } from '../../src/store/open-store.js';
import { createPool } from '../../src/store/postgres/connect.js';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import { toScorePoint } from '../../src/store/common/score-points.js';
import { describeStoreContract } from './contract.js';
import { accountScore } from './fixtures.js';
import { dropSchema, PG_URL, requirePostgres, uniqueSchema } from './postgres-harness.js';

const CLOCK = () => new Date('2024-03-10T12:00:00.000Z');
let testNumber = 0;
let schema = uniqueSchema('contract', testNumber);

beforeAll(requirePostgres);

describeStoreContract(
  'postgres',
  () => openStore({ driver: 'postgres', url: PG_URL, schema, clock: CLOCK }),
  async () => {
    await dropSchema(schema);
    schema = uniqueSchema('contract', ++testNumber);
  },
);

describe('postgres store', () => {
  const own = uniqueSchema('open', 0);
  afterAll(() => dropSchema(own));

  it('creates its schema and tables, and a second opener sees the same data without re-migrating', async () => {
    const [first, second] = await Promise.all([
      openStore({ driver: 'postgres', url: PG_URL, schema: own, clock: CLOCK }),
      openStore({ driver: 'postgres', url: PG_URL, schema: own, clock: CLOCK }),
    ]);
    expect(first.driver).toBe('postgres');
    await first.setWatermark('file', 'account', 'w1');
    expect(await second.getWatermark('file', 'account')).toBe('w1');
    await Promise.all([first.close(), second.close()]);
  });
});

describe('postgres migrations', () => {
  const legacy = uniqueSchema('v2', 0);
  afterAll(() => dropSchema(legacy));

  const update = (kind: string, recordId: string) => ({ kind, recordId, priority: 5, changes: [{ output: 'fitScore', crmField: 'fit', oldValue: null, newValue: '70' }] });

  it('upgrades version 2: field items grouped per account (pending ones re-planned by a full rescore), scores split into latest and history', async () => {
    const pool = createPool(PG_URL, legacy);
    try {
      await migratePostgres(pool, legacy, 'test', 2);
      await pool.query(
        "INSERT INTO records (source, kind, id, account_id, contact_id, domain, hash, body) VALUES ('file', 'contact', 'c1', 'a1', NULL, NULL, 'h', '{}')",
      );
      const insert = (key: string, payload: unknown, status: string) =>
        pool.query(
          "INSERT INTO outbox (run_id, connector, dedupe_key, priority, payload, status, attempts, created_at, updated_at) VALUES ('r1', 'file', $1, 5, $2, $3, 0, 'x', 'x')",
          [key, JSON.stringify(payload), status],
        );
      await insert('fields:account:a1', { type: 'fields', update: update('account', 'a1') }, 'pending');
      await insert('fields:contact:c1', { type: 'fields', update: update('contact', 'c1') }, 'failed');
      const score = (at: string, fit: number) => [at, JSON.stringify(accountScore('a1', at, fit))];
      for (const [at, body] of [score('2024-03-01T00:00:00.000Z', 40), score('2024-03-02T00:00:00.000Z', 55)]) {
        await pool.query("INSERT INTO account_scores (source, account_id, run_id, scored_at, body) VALUES ('file', 'a1', 'r1', $1, $2)", [at, body]);
      }
    } finally {
      await pool.end();
    }
    const store = await openStore({ driver: 'postgres', url: PG_URL, schema: legacy, clock: CLOCK });
    try {
      expect(await store.countPendingOutbox('file')).toBe(0);
      expect(await store.getWatermark('file', 'rescore-all')).toBe('1970-01-01T00:00:00.000Z');
      expect(await store.failedOutbox('file', 10)).toMatchObject([{ payload: { type: 'fields', accountId: 'a1', updates: [update('contact', 'c1')] } }]);
      // version 4: the latest full score per account, the rest as compact points
      expect(await store.latestAccountScore('file', 'a1')).toEqual(accountScore('a1', '2024-03-02T00:00:00.000Z', 55));
      expect(await store.accountScoreHistory('file', 'a1', 10)).toEqual([
        toScorePoint(accountScore('a1', '2024-03-02T00:00:00.000Z', 55), 'r1'),
        toScorePoint(accountScore('a1', '2024-03-01T00:00:00.000Z', 40), 'r1'),
      ]);
    } finally {
      await store.close();
    }
  });
});
