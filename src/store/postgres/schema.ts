/**
 * Postgres schema, one entry per version, created inside the configured schema (the pool's search_path).
 * A released migration is never edited: change the schema by appending one. Timestamps are ISO-8601 text,
 * exactly as the model carries them; bodies are jsonb.
 */
import type { Migration } from '../common/migration.js';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tables',
    sql: `
      CREATE TABLE records (
        source text NOT NULL, kind text NOT NULL, id text NOT NULL,
        account_id text, contact_id text, domain text,
        hash text NOT NULL, body jsonb NOT NULL,
        PRIMARY KEY (source, kind, id)
      );
      CREATE TABLE intent (
        domain text NOT NULL, topic text NOT NULL, observed_at text NOT NULL, source text NOT NULL, score double precision NOT NULL,
        PRIMARY KEY (domain, topic, observed_at, source)
      );
      CREATE TABLE watermarks (source text NOT NULL, stream text NOT NULL, value text NOT NULL, PRIMARY KEY (source, stream));
      CREATE TABLE account_scores (
        id bigserial PRIMARY KEY, source text NOT NULL, account_id text NOT NULL, run_id text NOT NULL,
        scored_at text NOT NULL, body jsonb NOT NULL
      );
      CREATE TABLE contact_scores (
        source text NOT NULL, contact_id text NOT NULL, account_id text, run_id text NOT NULL, body jsonb NOT NULL,
        PRIMARY KEY (source, contact_id)
      );
      CREATE TABLE prior_states (source text NOT NULL, account_id text NOT NULL, body jsonb NOT NULL, PRIMARY KEY (source, account_id));
      CREATE TABLE stage_history (
        id bigserial PRIMARY KEY, source text NOT NULL, account_id text NOT NULL,
        from_stage text, to_stage text NOT NULL, changed_at text NOT NULL, run_id text NOT NULL
      );
      CREATE TABLE models (name text NOT NULL, version text NOT NULL, trained_at text NOT NULL, body jsonb NOT NULL, PRIMARY KEY (name, version));
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY, run_id text NOT NULL, connector text NOT NULL,
        dedupe_key text NOT NULL, priority integer NOT NULL, payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
        attempts integer NOT NULL DEFAULT 0, last_error text, created_at text NOT NULL, updated_at text NOT NULL
      );
      -- At most one pending item per planned write: re-planning replaces it (ON CONFLICT) instead of adding a copy.
      CREATE UNIQUE INDEX outbox_one_pending_per_key ON outbox (connector, dedupe_key) WHERE status = 'pending';
      CREATE TABLE task_ledger (
        key text PRIMARY KEY, rule text NOT NULL, account_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('planned', 'created')),
        crm_id text, planned_at text NOT NULL, created_at text
      );
      CREATE TABLE runs (id text PRIMARY KEY, connector text NOT NULL, started_at text NOT NULL, body jsonb NOT NULL);
      CREATE TABLE locks (name text PRIMARY KEY, owner text NOT NULL, expires_at text NOT NULL);
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
