/**
 * SQLite schema, one entry per version. A released migration is never edited: change the schema by appending one.
 * Timestamps are ISO-8601 text (they sort as text); JSON bodies are text.
 */
import type { Migration } from '../common/migration.js';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tables',
    sql: `
      CREATE TABLE records (
        source TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
        account_id TEXT, contact_id TEXT, domain TEXT,
        hash TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (source, kind, id)
      );
      CREATE TABLE intent (
        domain TEXT NOT NULL, topic TEXT NOT NULL, observed_at TEXT NOT NULL, source TEXT NOT NULL, score REAL NOT NULL,
        PRIMARY KEY (domain, topic, observed_at, source)
      );
      CREATE TABLE watermarks (source TEXT NOT NULL, stream TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (source, stream));
      CREATE TABLE account_scores (
        id INTEGER PRIMARY KEY, source TEXT NOT NULL, account_id TEXT NOT NULL, run_id TEXT NOT NULL,
        scored_at TEXT NOT NULL, body TEXT NOT NULL
      );
      CREATE TABLE contact_scores (
        source TEXT NOT NULL, contact_id TEXT NOT NULL, account_id TEXT, run_id TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (source, contact_id)
      );
      CREATE TABLE prior_states (source TEXT NOT NULL, account_id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (source, account_id));
      CREATE TABLE stage_history (
        id INTEGER PRIMARY KEY, source TEXT NOT NULL, account_id TEXT NOT NULL,
        from_stage TEXT, to_stage TEXT NOT NULL, changed_at TEXT NOT NULL, run_id TEXT NOT NULL
      );
      CREATE TABLE models (name TEXT NOT NULL, version TEXT NOT NULL, trained_at TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (name, version));
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, connector TEXT NOT NULL,
        dedupe_key TEXT NOT NULL, priority INTEGER NOT NULL, payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
      );
      -- At most one pending item per planned write: re-planning replaces it (ON CONFLICT) instead of adding a copy.
      CREATE UNIQUE INDEX outbox_one_pending_per_key ON outbox (connector, dedupe_key) WHERE status = 'pending';
      CREATE TABLE task_ledger (
        key TEXT PRIMARY KEY, rule TEXT NOT NULL, account_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('planned', 'created')),
        crm_id TEXT, planned_at TEXT NOT NULL, created_at TEXT
      );
      CREATE TABLE runs (id TEXT PRIMARY KEY, connector TEXT NOT NULL, started_at TEXT NOT NULL, body TEXT NOT NULL);
      CREATE TABLE locks (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'lookup indexes for large installs',
    sql: `
      CREATE INDEX records_by_account ON records (source, kind, account_id);
      CREATE INDEX records_by_contact ON records (source, kind, contact_id);
      CREATE INDEX account_scores_by_account ON account_scores (source, account_id, scored_at);
      CREATE INDEX contact_scores_by_account ON contact_scores (source, account_id);
      CREATE INDEX stage_history_by_account ON stage_history (source, account_id, changed_at);
      CREATE INDEX outbox_by_status ON outbox (connector, status, priority, id);
      CREATE INDEX outbox_by_key ON outbox (dedupe_key);
      CREATE INDEX models_by_trained_at ON models (name, trained_at);
      CREATE INDEX runs_by_started_at ON runs (started_at);
    `,
  },
];
