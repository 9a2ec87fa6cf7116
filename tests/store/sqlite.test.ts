import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.js';
import { describeStoreContract } from './contract.js';

const CLOCK = () => new Date('2024-03-10T12:00:00.000Z');
const dir = mkdtempSync(join(tmpdir(), 'scoresync-store-'));
let testNumber = 0;
// A file per test, in a folder that does not exist yet, so every test also covers "creates the parent folder".
let path = join(dir, 'nested', `state-${testNumber}.db`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract(
  'sqlite',
  () => openStore({ driver: 'sqlite', path, clock: CLOCK }),
  async () => {
    path = join(dir, 'nested', `state-${++testNumber}.db`);
  },
);

describe('sqlite store on disk', () => {
  it('uses WAL mode and keeps data across reopen', async () => {
    const file = join(dir, 'reopen', 'state.db');
    const store = await openStore({ driver: 'sqlite', path: file, clock: CLOCK });
    await store.setWatermark('file', 'account', '2024-03-01T00:00:00.000Z');
    await store.close();
    const reopened = await openStore({ driver: 'sqlite', path: file, clock: CLOCK });
    expect(await reopened.getWatermark('file', 'account')).toBe('2024-03-01T00:00:00.000Z');
    await reopened.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('works in memory', async () => {
    const store = await openStore({ driver: 'sqlite', path: ':memory:', clock: CLOCK });
    expect(store.driver).toBe('sqlite');
    await store.setWatermark('file', 'contact', 'x');
    expect(await store.getWatermark('file', 'contact')).toBe('x');
    await store.close();
  });
});
