import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, StoreError } from '../../src/store/open-store.js';
import { maskUrl } from '../../src/store/common/store-error.js';

const dir = mkdtempSync(join(tmpdir(), 'scoresync-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openError(open: Promise<unknown>): Promise<StoreError> {
  const error: unknown = await open.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('opening a state store that cannot be opened', () => {
  it('names the SQLite path and the fix when the parent folder is a file', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const error = await openError(openStore({ driver: 'sqlite', path: join(blocker, 'state.db') }));
    expect(error.message).toContain(join(blocker, 'state.db'));
    expect(error.message).toMatch(/Fix: .*state\.path/);
  });

  it('names the SQLite path when the file is not a database', async () => {
    const path = join(dir, 'garbage.db');
    writeFileSync(path, 'this is not sqlite, just some text that is long enough to be read as a header'.repeat(20));
    const error = await openError(openStore({ driver: 'sqlite', path }));
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/not a database/);
  });

  it('names the Postgres URL without its password when the server refuses the connection', async () => {
    // Port 1 on localhost: nothing listens there, so the connection is refused at once (no network needed).
    const url = 'postgres://scoresync:s3cret-pw@127.0.0.1:1/scoresync';
    const error = await openError(openStore({ driver: 'postgres', url }));
    expect(error.message).toContain('postgres://scoresync:***@127.0.0.1:1/scoresync');
    expect(error.message).not.toContain('s3cret-pw');
    expect(error.message).toMatch(/ECONNREFUSED.*Fix: start Postgres/);
  });

  it('rejects a schema name that would need quoting', async () => {
    const error = await openError(openStore({ driver: 'postgres', url: 'postgres://u@127.0.0.1:1/db', schema: 'Score Sync; DROP' }));
    expect(error.message).toMatch(/schema name "Score Sync; DROP".*Fix: use lower-case letters/);
  });
});

describe('maskUrl', () => {
  it.each([
    ['postgres://u:pw@h:5432/db', 'postgres://u:***@h:5432/db'],
    ['postgres://u@h/db', 'postgres://u@h/db'],
    ['not a url://u:pw@h', 'not a url://u:***@h'],
  ])('%s → %s', (input, expected) => {
    expect(maskUrl(input)).toBe(expected);
  });
});
