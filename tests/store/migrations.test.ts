import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson, contentHash } from '../../src/store/common/canonical-json.js';
import { openStore, StoreError } from '../../src/store/open-store.js';
import { migrateSqlite, sqliteSchemaVersion } from '../../src/store/sqlite/migrate.js';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/schema.js';
import { toScorePoint } from '../../src/store/common/score-points.js';
import type { Activity } from '../../src/model/records.js';
import { account, accountScore, activity, contact, contactScore } from './fixtures.js';

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

  it('moves version-2 activities into columns and contact scores into per-account sets, losing nothing', async () => {
    const path = join(dir, 'v2.db');
    const old = new Database(path);
    migrateSqlite(old, path, 2);
    const insertRecord = old.prepare(
      "INSERT INTO records (source, kind, id, account_id, contact_id, domain, hash, body) VALUES ('file', ?, ?, ?, ?, NULL, ?, ?)",
    );
    // Activities as stored before leads: no leadId.
    const before = (record: Activity): Activity => {
      const { leadId: _leadId, ...rest } = record;
      return rest as Activity;
    };
    const plain = before(activity('e1', 'a1', 'c1'));
    const foreign = before({ ...activity('e2', null, 'c1'), source: 'hubspot', detail: {} });
    const extra = before({ ...activity('e3', 'a1', null), campaign: 'spring' } as Activity);
    for (const record of [plain, foreign, extra]) {
      insertRecord.run('activity', record.id, record.accountId, record.contactId, contentHash(record), canonicalJson(record));
    }
    const person = contact('c1', 'a1');
    insertRecord.run('contact', 'c1', 'a1', null, contentHash(person), canonicalJson(person));
    insertRecord.run('account', 'a1', 'a1', null, contentHash(account('a1')), canonicalJson(account('a1')));
    const insertContactScore = old.prepare("INSERT INTO contact_scores (source, contact_id, account_id, run_id, body) VALUES ('file', ?, ?, 'r1', ?)");
    insertContactScore.run('c2', 'a1', JSON.stringify(contactScore('c2', 'a1', 40)));
    insertContactScore.run('c1', 'a1', JSON.stringify(contactScore('c1', 'a1')));
    insertContactScore.run('c9', null, JSON.stringify(contactScore('c9', null)));
    old.prepare("INSERT INTO outbox (run_id, connector, dedupe_key, priority, payload, status, created_at, updated_at) VALUES ('r1', 'file', 'task:k1', 10, ?, 'pending', 'x', 'x')")
      .run(JSON.stringify({ type: 'task', task: { key: 'k1', rule: 'became-qualified', accountId: 'a1' } }));
    old.close();

    const store = await openStore({ driver: 'sqlite', path });
    // Rebuilt from columns, a plain activity now reads with the lead column (null); the others keep their stored body.
    for (const record of [{ ...plain, leadId: null }, foreign, extra]) expect(await store.getRecord('file', 'activity', record.id)).toEqual(record);
    expect(await store.countRecords('file', 'activity')).toBe(3);
    // Hashes carried over: the same records pulled again are not "changed".
    expect(await store.upsertRecords('file', 'activity', [plain, foreign, extra as typeof plain])).toEqual([]);
    expect((await store.loadBundles('file', ['a1']))[0]?.activities.map((a) => a.id)).toEqual(['e1', 'e2', 'e3']);
    expect(await store.affectedAccountIds('file', 'activity', ['e2'])).toEqual(['a1']);
    expect(await store.latestContactScores('file', 'a1')).toEqual([contactScore('c1', 'a1'), contactScore('c2', 'a1', 40)]);
    // The ledger still finds a planned task's origin through the (now task-only) key index.
    await store.markLedgerCreated('k1', 'T-1', '2024-03-02T00:00:00.000Z');
    expect((await store.getLedgerEntries(['k1'])).get('k1')).toMatchObject({ rule: 'became-qualified', accountId: 'a1', status: 'created' });
    await store.close();

    const upgraded = new Database(path, { readonly: true });
    expect(upgraded.prepare("SELECT COUNT(*) FROM records WHERE kind = 'activity'").pluck().get()).toBe(0);
    expect(upgraded.prepare('SELECT id FROM activities WHERE body IS NOT NULL ORDER BY id').pluck().all()).toEqual(['e2', 'e3']);
    expect(indexNames(upgraded)).toEqual(expect.arrayContaining(['activities_by_account', 'activities_by_contact', 'outbox_tasks_by_key']));
    expect(indexNames(upgraded)).not.toContain('outbox_by_key');
    upgraded.close();
  });

  it('groups version-6 field items per account: pending ones are re-planned by a full rescore, history is reshaped', async () => {
    const path = join(dir, 'v6.db');
    const old = new Database(path);
    migrateSqlite(old, path, 6);
    const person = contact('c1', 'a1');
    old
      .prepare("INSERT INTO records (source, kind, id, account_id, contact_id, domain, hash, body) VALUES ('file', 'contact', 'c1', 'a1', NULL, NULL, ?, ?)")
      .run(contentHash(person), canonicalJson(person));
    old.prepare("INSERT INTO watermarks (source, stream, value) VALUES ('file', 'rescore-all', '2024-03-01T00:00:00.000Z')").run();
    const insert = old.prepare(
      "INSERT INTO outbox (run_id, connector, dedupe_key, priority, payload, status, attempts, last_error, created_at, updated_at) VALUES ('r1', 'file', ?, ?, ?, ?, 0, ?, 'x', 'x')",
    );
    const update = (kind: string, recordId: string) => ({ kind, recordId, priority: 5, changes: [{ output: 'fitScore', crmField: 'fit', oldValue: null, newValue: '70' }] });
    insert.run('fields:account:a1', 5, JSON.stringify({ type: 'fields', update: update('account', 'a1') }), 'pending', null);
    insert.run('fields:contact:c1', 5, JSON.stringify({ type: 'fields', update: update('contact', 'c1') }), 'done', null);
    insert.run('fields:contact:c1', 5, JSON.stringify({ type: 'fields', update: update('contact', 'c1') }), 'failed', 'contact c1: NOT_FOUND');
    insert.run('task:k1', 10, JSON.stringify({ type: 'task', task: { key: 'k1' } }), 'pending', null);
    old.close();

    const store = await openStore({ driver: 'sqlite', path });
    // The pending field item is gone and the next run rescores every account, which plans it again; the task stays.
    expect((await store.pendingOutbox('file', 10)).map((i) => i.payload.type)).toEqual(['task']);
    expect(await store.getWatermark('file', 'rescore-all')).toBe('1970-01-01T00:00:00.000Z');
    expect(await store.failedOutbox('file', 10)).toMatchObject([
      { payload: { type: 'fields', accountId: 'a1', updates: [update('contact', 'c1')] }, lastError: 'contact c1: NOT_FOUND' },
    ]);
    await store.close();
    const upgraded = new Database(path, { readonly: true });
    expect(upgraded.prepare("SELECT dedupe_key FROM outbox WHERE status <> 'pending' ORDER BY id").pluck().all()).toEqual(['fields:a1', 'fields:a1']);
    upgraded.close();
  });

  it('keeps the latest full score per account and the rest as compact history points (version 7 → 8)', async () => {
    const path = join(dir, 'v7.db');
    const old = new Database(path);
    migrateSqlite(old, path, 7);
    const insert = old.prepare('INSERT INTO account_scores (source, account_id, run_id, scored_at, body) VALUES (?, ?, ?, ?, ?)');
    insert.run('file', 'a1', 'r1', '2024-03-01T00:00:00.000Z', JSON.stringify(accountScore('a1', '2024-03-01T00:00:00.000Z', 40)));
    insert.run('file', 'a1', 'r2', '2024-03-02T00:00:00.000Z', JSON.stringify(accountScore('a1', '2024-03-02T00:00:00.000Z', 55)));
    insert.run('file', 'a2', 'r2', '2024-03-02T00:00:00.000Z', JSON.stringify(accountScore('a2', '2024-03-02T00:00:00.000Z', 70)));
    old.close();

    const store = await openStore({ driver: 'sqlite', path });
    expect(await store.latestAccountScore('file', 'a1')).toEqual(accountScore('a1', '2024-03-02T00:00:00.000Z', 55));
    expect(await store.accountScoreHistory('file', 'a1', 10)).toEqual([
      toScorePoint(accountScore('a1', '2024-03-02T00:00:00.000Z', 55), 'r2'),
      toScorePoint(accountScore('a1', '2024-03-01T00:00:00.000Z', 40), 'r1'),
    ]);
    expect((await store.latestAccountScore('file', 'a2'))?.fit.score).toBe(70);
    await store.close();
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
