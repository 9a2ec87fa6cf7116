/** The state store failing under a run (full disk, read-only, server gone) names the store and the fix: never "unexpected". */
import { closeSync, fsyncSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { StoreError, openStore } from '../../src/store/open-store.js';
import { storeFailure } from '../../src/store/common/store-failure.js';
import { fieldsPayload } from './fixtures.js';
import { PG_URL, requirePostgres } from './postgres-harness.js';
import { CAN_MOUNT_TMPFS, mountTmpfs } from '../support/tmpfs.js';

const AT = { driver: 'sqlite' as const, path: '/srv/scoresync/state.db' };

function thrownBy(body: () => void): unknown {
  try {
    body();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('state store failures', () => {
  it('a full SQLite database names the file, the disk and the fix', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x TEXT)');
    db.pragma('max_page_count = 2');
    const full = thrownBy(() => {
      for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(1000));
    });
    db.close();
    const error = storeFailure(full, AT);
    expect(error).toBeInstanceOf(StoreError);
    expect(error?.message).toBe(
      'The state store /srv/scoresync/state.db failed: SQLITE_FULL: database or disk is full: the disk is full. ' +
        'Fix: free space on the disk holding /srv/scoresync (see df -h /srv/scoresync), or set state.path to a disk with room. ' +
        'This run stopped; everything it stored before stays, and the next run resumes from there.',
    );
  });

  it('a read-only SQLite file says to make it (and its folder) writable', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scoresync-ro-')), 'state.db');
    const writable = new Database(file);
    writable.exec('CREATE TABLE t (x TEXT)');
    writable.close();
    // Opened read-only as SQLite does when it cannot write the file (root ignores file modes, so a mode would not do).
    const reopened = new Database(file, { readonly: true });
    const error = storeFailure(thrownBy(() => reopened.prepare('INSERT INTO t VALUES (1)').run()), AT);
    reopened.close();
    expect(error?.message).toMatch(/^The state store \/srv\/scoresync\/state\.db failed: SQLITE_READONLY: .*read-only for this user\. Fix: make \/srv\/scoresync\/state\.db and \/srv\/scoresync writable/);
  });

  it('a read-only Postgres database says to use the primary', async () => {
    await requirePostgres();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query('BEGIN READ ONLY');
      const failure = await client.query('CREATE TEMP TABLE nope (x int)').catch((e: unknown) => e);
      await client.query('ROLLBACK');
      expect(storeFailure(failure, { driver: 'postgres', shown: 'postgres://db/test (schema s)' })?.message).toMatch(
        /^The Postgres state store postgres:\/\/db\/test \(schema s\) failed: 25006: .*the database is read-only .*Fix: point state\.url at the primary server/,
      );
    } finally {
      await client.end();
    }
  });

  it('leaves errors that are not store failures as they are', () => {
    const plain = new Error('boom');
    expect(storeFailure(plain, AT)).toBeNull();
    expect(storeFailure(new StoreError('already advice'), AT)).toBeNull();
    expect(storeFailure(Object.assign(new Error('x'), { code: 'ERR_SOMETHING' }), AT)).toBeNull();
  });

  (CAN_MOUNT_TMPFS ? it : it.skip)('a store whose disk fills up mid-run fails every call with that advice (needs a 1 MB tmpfs: root)', async () => {
    const disk = mountTmpfs(1024);
    if (!disk) throw new Error('tmpfs could not be mounted');
    const path = join(disk.dir, 'state.db');
    const store = await openStore({ driver: 'sqlite', path });
    try {
      // Fill what is left of the disk, as another program would.
      const filler = openSync(join(disk.dir, 'filler'), 'w');
      const block = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(filler, block);
      } catch {
        // ENOSPC: the disk is full now
      } finally {
        fsyncSync(filler);
        closeSync(filler);
      }
      const payloads = Array.from({ length: 500 }, (_, i) => fieldsPayload(`a${i}`, 1, 'x'.repeat(200)));
      const error = await store.enqueueOutbox('run-1', 'file', payloads).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toMatch(new RegExp(`^The state store ${path} failed: SQLITE_(FULL|IOERR\\w*): .*Fix: `));
    } finally {
      await store.close().catch(() => undefined);
      disk.unmount();
    }
  });
});
