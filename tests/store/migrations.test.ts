import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, StoreError } from '../../src/store/open-store.js';
import { migrateSqlite, sqliteSchemaVersion } from '../../src/store/sqlite/migrate.js';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'scoresync-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LATEST = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));

function indexNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);
}

describe('SQLite migrations', () => {
  it('upgrades a version-1 file to the current schema and keeps its data', async () => {
    const path = join(dir, 'v1.db');
    const old = new Database(path);
    migrateSqlite(old, path, 1);
    expect(sqliteSchemaVersion(old)).toBe(1);
    expect(indexNames(old)).not.toContain('records_by_account');
    old
      .prepare("INSERT INTO records (source, kind, id, account_id, contact_id, domain, hash, body) VALUES ('file', 'contact', 'c1', 'a1', NULL, NULL, 'h', ?)")
      .run(JSON.stringify({ id: 'c1', accountId: 'a1' }));
    old.prepare("INSERT INTO watermarks (source, stream, value) VALUES ('file', 'contact', '2024-01-01T00:00:00.000Z')").run();
    old.close();

    const store = await openStore({ driver: 'sqlite', path });
    expect(await store.getWatermark('file', 'contact')).toBe('2024-01-01T00:00:00.000Z');
    expect(await store.affectedAccountIds('file', 'contact', ['c1'])).toEqual(['a1']);
    await store.close();

    const upgraded = new Database(path, { readonly: true });
    expect(sqliteSchemaVersion(upgraded)).toBe(LATEST);
    expect(indexNames(upgraded)).toEqual(expect.arrayContaining(['records_by_account', 'records_by_contact', 'outbox_one_pending_per_key']));
    const applied = upgraded.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(applied).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    upgraded.close();
  });

  it('applies each migration once, however often the file is opened', async () => {
    const path = join(dir, 'twice.db');
    await (await openStore({ driver: 'sqlite', path })).close();
    await (await openStore({ driver: 'sqlite', path })).close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(SQLITE_MIGRATIONS.length);
    db.close();
  });

  it('refuses a file written by a newer ScoreSync, saying what to do', async () => {
    const path = join(dir, 'future.db');
    await (await openStore({ driver: 'sqlite', path })).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', '2030-01-01T00:00:00.000Z')").run(LATEST + 1);
    db.close();
    await expect(openStore({ driver: 'sqlite', path })).rejects.toThrow(StoreError);
    await expect(openStore({ driver: 'sqlite', path })).rejects.toThrow(/newer than this ScoreSync understands.*Fix: upgrade ScoreSync/);
  });
});
