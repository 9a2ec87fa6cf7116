import { openStore } from '../../src/store/open-store.js';
import { describeStoreContract } from './contract.js';
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
