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
  {
    version: 3,
    name: 'activities as columns',
    // Activities move out of the generic records table into columns (see common/activity-rows.ts). A row keeps its
    // JSON body only when the columns cannot rebuild it exactly: the same rule as toActivityRow, in SQL.
    // The contact index carries account_id so the bundle query's "not already found by account" test needs no row read.
    sql: `
      CREATE TABLE activities (
        source TEXT NOT NULL, id TEXT NOT NULL,
        account_id TEXT, contact_id TEXT,
        type TEXT NOT NULL, occurred_at TEXT NOT NULL, modified_at TEXT NOT NULL,
        detail TEXT, body TEXT, hash TEXT NOT NULL,
        UNIQUE (source, id)
      );
      INSERT INTO activities (source, id, account_id, contact_id, type, occurred_at, modified_at, detail, body, hash)
      SELECT source, id, account_id, contact_id,
        COALESCE(json_extract(body, '$.type'), ''), COALESCE(json_extract(body, '$.occurredAt'), ''),
        COALESCE(json_extract(body, '$.modifiedAt'), ''),
        CASE WHEN exact AND json_extract(body, '$.detail') <> '{}' THEN json_extract(body, '$.detail') END,
        CASE WHEN exact THEN NULL ELSE body END,
        hash
      FROM (
        SELECT *, (
          (SELECT COUNT(*) FROM json_each(body)) = 8
          AND json_extract(body, '$.id') IS id AND json_extract(body, '$.source') IS source
          AND json_type(body, '$.type') = 'text' AND json_type(body, '$.occurredAt') = 'text'
          AND json_type(body, '$.modifiedAt') = 'text' AND json_type(body, '$.detail') = 'object'
          AND json_type(body, '$.accountId') IN ('text', 'null') AND json_type(body, '$.contactId') IN ('text', 'null')
        ) AS exact
        FROM records WHERE kind = 'activity'
      );
      DELETE FROM records WHERE kind = 'activity';
      CREATE INDEX activities_by_account ON activities (source, account_id);
      CREATE INDEX activities_by_contact ON activities (source, contact_id, account_id);
    `,
  },
  {
    version: 4,
    name: 'outbox key index for tasks only',
    // The by-key lookup only ever asks for task items (the ledger rebuilding a row from a planned task), while field
    // updates are most of the outbox: indexing only the tasks takes one index write off every planned field update.
    sql: `
      DROP INDEX outbox_by_key;
      CREATE INDEX outbox_tasks_by_key ON outbox (dedupe_key) WHERE dedupe_key GLOB 'task:*';
    `,
  },
  {
    version: 5,
    name: 'contact scores as one set per account',
    // A scoring run replaces an account's contact scores as a set, and explain reads them as a set: one row per
    // account (a JSON array) is a tenth of the row writes of one row per contact. Contact scores without an account
    // were never readable (they are looked up by account) and are not carried over.
    sql: `
      CREATE TABLE contact_score_sets (
        source TEXT NOT NULL, account_id TEXT NOT NULL, run_id TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (source, account_id)
      );
      INSERT INTO contact_score_sets (source, account_id, run_id, body)
      SELECT source, account_id, MAX(run_id), json_group_array(json(body))
      FROM (SELECT * FROM contact_scores WHERE account_id IS NOT NULL ORDER BY source, account_id, contact_id)
      GROUP BY source, account_id;
      DROP TABLE contact_scores;
    `,
  },
  {
    version: 6,
    name: 'activity indexes with their date',
    // Scoring loads only the activities inside its lookback (occurred_at >= since) and the latest date of the older
    // ones: with the date in both indexes the first is a range scan and the second reads the index alone.
    sql: `
      DROP INDEX activities_by_account;
      DROP INDEX activities_by_contact;
      CREATE INDEX activities_by_account ON activities (source, account_id, occurred_at);
      CREATE INDEX activities_by_contact ON activities (source, contact_id, occurred_at, account_id);
    `,
  },
  {
    version: 7,
    name: 'field updates grouped per account in the outbox',
    // Pending field items of the one-record-per-item format were never written (the store still holds the CRM's old
    // values), so they are dropped and every account is rescored on the next run ('rescore-all' set to the epoch),
    // which plans them again, grouped and with current values. Done and failed items are history: reshaped only.
    sql: `
      INSERT INTO watermarks (source, stream, value)
      SELECT DISTINCT connector, 'rescore-all', '1970-01-01T00:00:00.000Z' FROM outbox
      WHERE status = 'pending' AND json_type(payload, '$.update') = 'object'
      ON CONFLICT (source, stream) DO UPDATE SET value = excluded.value;
      DELETE FROM outbox WHERE status = 'pending' AND json_type(payload, '$.update') = 'object';
      UPDATE outbox SET payload = json_object(
        'type', 'fields',
        'accountId', COALESCE(
          CASE json_extract(payload, '$.update.kind') WHEN 'account' THEN json_extract(payload, '$.update.recordId') END,
          (SELECT r.account_id FROM records AS r
           WHERE r.source = outbox.connector AND r.kind = 'contact' AND r.id = json_extract(outbox.payload, '$.update.recordId')),
          ''),
        'updates', json_array(json_extract(payload, '$.update')))
      WHERE json_type(payload, '$.update') = 'object';
      UPDATE outbox SET dedupe_key = 'fields:' || json_extract(payload, '$.accountId')
      WHERE json_extract(payload, '$.type') = 'fields' AND dedupe_key <> 'fields:' || json_extract(payload, '$.accountId');
    `,
  },
  {
    version: 8,
    name: 'latest score per account, compact score history, done writes by age',
    // A daily rescore appended a full score (~2 KB with its contributors) per account, so the file grew without end.
    // The latest full score (what explain shows) is now one row per account, replaced; the history keeps the values
    // a rep sees (~100 bytes a point) and is pruned by age, as are done outbox items (sync.keep* settings).
    sql: `
      CREATE TABLE latest_account_scores (
        source TEXT NOT NULL, account_id TEXT NOT NULL, run_id TEXT NOT NULL, scored_at TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (source, account_id)
      );
      INSERT INTO latest_account_scores (source, account_id, run_id, scored_at, body)
      SELECT source, account_id, run_id, scored_at, body FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY source, account_id ORDER BY scored_at DESC, id DESC) AS n FROM account_scores
      ) WHERE n = 1;
      CREATE TABLE account_score_history (
        id INTEGER PRIMARY KEY, source TEXT NOT NULL, account_id TEXT NOT NULL, run_id TEXT NOT NULL, scored_at TEXT NOT NULL,
        fit_score REAL NOT NULL, fit_bucket TEXT NOT NULL, engagement_score REAL NOT NULL, intent_score REAL NOT NULL,
        in_market INTEGER NOT NULL, stage TEXT NOT NULL, tier TEXT NOT NULL, qualified INTEGER NOT NULL, model_version TEXT NOT NULL
      );
      INSERT INTO account_score_history (
        source, account_id, run_id, scored_at, fit_score, fit_bucket, engagement_score, intent_score, in_market, stage, tier,
        qualified, model_version)
      SELECT source, account_id, run_id, scored_at,
        COALESCE(json_extract(body, '$.fit.score'), 0), COALESCE(json_extract(body, '$.fit.bucket'), ''),
        COALESCE(json_extract(body, '$.engagement.score'), 0), COALESCE(json_extract(body, '$.intent.score'), 0),
        COALESCE(json_extract(body, '$.intent.inMarket'), 0), COALESCE(json_extract(body, '$.stage.stage'), ''),
        COALESCE(json_extract(body, '$.tier.tier'), ''), COALESCE(json_extract(body, '$.qualified.qualified'), 0),
        COALESCE(json_extract(body, '$.modelVersion'), '')
      FROM account_scores ORDER BY id;
      CREATE INDEX account_score_history_by_account ON account_score_history (source, account_id, scored_at);
      CREATE INDEX account_score_history_by_time ON account_score_history (scored_at);
      DROP TABLE account_scores;
      CREATE INDEX outbox_done_by_time ON outbox (updated_at) WHERE status = 'done';
    `,
  },
  {
    version: 9,
    name: 'leads: activity lead column, lead matches and their keys, lead scores',
    // Leads live in records (kind 'lead'; account_id/contact_id: what a converted lead became). An activity may be on a
    // lead. lead_matches holds the engine's match of each lead, lead_match_keys the keys a lead can match on, so a
    // changed account finds the leads it may now attract without reading every lead. Activities stored before this
    // version have no lead; the first pull after it sees their records as changed once (the new leadId field).
    sql: `
      ALTER TABLE activities ADD COLUMN lead_id TEXT;
      CREATE INDEX activities_by_lead ON activities (source, lead_id, occurred_at) WHERE lead_id IS NOT NULL;
      CREATE TABLE lead_matches (
        source TEXT NOT NULL, lead_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('matched', 'unmatched', 'converted')),
        account_id TEXT, reason TEXT,
        PRIMARY KEY (source, lead_id)
      );
      CREATE INDEX lead_matches_by_account ON lead_matches (source, account_id) WHERE account_id IS NOT NULL;
      CREATE INDEX lead_matches_unmatched ON lead_matches (source, lead_id) WHERE status = 'unmatched';
      CREATE TABLE lead_match_keys (source TEXT NOT NULL, key TEXT NOT NULL, lead_id TEXT NOT NULL, PRIMARY KEY (source, key, lead_id));
      CREATE INDEX lead_match_keys_by_lead ON lead_match_keys (source, lead_id);
      CREATE TABLE lead_scores (
        source TEXT NOT NULL, lead_id TEXT NOT NULL, account_id TEXT, run_id TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (source, lead_id)
      );
    `,
  },
  {
    version: 10,
    name: 'replayable failed writes, lock holders',
    // A retryable failure puts a write off (next_attempt_at) instead of failing it for good after a few tries, and
    // first_failed_at bounds how long it is retried; failed items wait for a replay, found by key or by age. A lock
    // row names its holder (host, pid) so a run on the same machine can tell a dead holder from a live one at once.
    sql: `
      ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
      ALTER TABLE outbox ADD COLUMN first_failed_at TEXT;
      CREATE INDEX outbox_failed_by_key ON outbox (connector, dedupe_key) WHERE status = 'failed';
      CREATE INDEX outbox_waiting ON outbox (connector, updated_at) WHERE status = 'failed' OR next_attempt_at IS NOT NULL;
      ALTER TABLE locks ADD COLUMN host TEXT;
      ALTER TABLE locks ADD COLUMN host_key TEXT;
      ALTER TABLE locks ADD COLUMN pid INTEGER;
      ALTER TABLE locks ADD COLUMN acquired_at TEXT;
      ALTER TABLE locks ADD COLUMN renewed_at TEXT;
    `,
  },
  {
    version: 11,
    name: 'service: rescore marks, stored dry-run plans, event lookups',
    // scoresync serve: events posted to the admin API mark their accounts for the next run (rescore_marks); a dry run's
    // plan is kept for GET /api/plan/:runId; events find their contact by email and account by domain through indexes.
    sql: `
      CREATE TABLE rescore_marks (source TEXT NOT NULL, account_id TEXT NOT NULL, marked_at TEXT NOT NULL, PRIMARY KEY (source, account_id));
      CREATE TABLE run_plans (run_id TEXT PRIMARY KEY, connector TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL);
      CREATE INDEX run_plans_by_time ON run_plans (connector, created_at);
      CREATE INDEX records_contact_email ON records (source, lower(json_extract(body, '$.email'))) WHERE kind = 'contact';
      CREATE INDEX records_account_domain ON records (source, domain) WHERE kind = 'account';
    `,
  },
];
