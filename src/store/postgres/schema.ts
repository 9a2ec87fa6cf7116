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
  {
    version: 3,
    name: 'field updates grouped per account in the outbox',
    // As SQLite schema version 7: pending one-record field items are dropped and every account rescored on the next
    // run (which plans them again, grouped, with current values); done and failed items are reshaped only.
    sql: `
      INSERT INTO watermarks (source, stream, value)
      SELECT DISTINCT connector, 'rescore-all', '1970-01-01T00:00:00.000Z' FROM outbox
      WHERE status = 'pending' AND jsonb_typeof(payload->'update') = 'object'
      ON CONFLICT (source, stream) DO UPDATE SET value = EXCLUDED.value;
      DELETE FROM outbox WHERE status = 'pending' AND jsonb_typeof(payload->'update') = 'object';
      UPDATE outbox AS o SET payload = jsonb_build_object(
        'type', 'fields',
        'accountId', COALESCE(
          CASE WHEN o.payload->'update'->>'kind' = 'account' THEN o.payload->'update'->>'recordId' END,
          (SELECT r.account_id FROM records AS r WHERE r.source = o.connector AND r.kind = 'contact' AND r.id = o.payload->'update'->>'recordId'),
          ''),
        'updates', jsonb_build_array(o.payload->'update'))
      WHERE jsonb_typeof(o.payload->'update') = 'object';
      UPDATE outbox SET dedupe_key = 'fields:' || (payload->>'accountId')
      WHERE payload->>'type' = 'fields' AND dedupe_key <> 'fields:' || (payload->>'accountId');
    `,
  },
  {
    version: 4,
    name: 'latest score per account, compact score history, done writes by age',
    // As SQLite schema version 8: one latest full score per account, the history as compact points, pruned by age.
    sql: `
      CREATE TABLE latest_account_scores (
        source text NOT NULL, account_id text NOT NULL, run_id text NOT NULL, scored_at text NOT NULL, body jsonb NOT NULL,
        PRIMARY KEY (source, account_id)
      );
      INSERT INTO latest_account_scores (source, account_id, run_id, scored_at, body)
      SELECT DISTINCT ON (source, account_id) source, account_id, run_id, scored_at, body
      FROM account_scores ORDER BY source, account_id, scored_at DESC, id DESC;
      CREATE TABLE account_score_history (
        id bigserial PRIMARY KEY, source text NOT NULL, account_id text NOT NULL, run_id text NOT NULL, scored_at text NOT NULL,
        fit_score double precision NOT NULL, fit_bucket text NOT NULL, engagement_score double precision NOT NULL,
        intent_score double precision NOT NULL, in_market boolean NOT NULL, stage text NOT NULL, tier text NOT NULL,
        qualified boolean NOT NULL, model_version text NOT NULL
      );
      INSERT INTO account_score_history (
        source, account_id, run_id, scored_at, fit_score, fit_bucket, engagement_score, intent_score, in_market, stage, tier,
        qualified, model_version)
      SELECT source, account_id, run_id, scored_at,
        COALESCE((body->'fit'->>'score')::double precision, 0), COALESCE(body->'fit'->>'bucket', ''),
        COALESCE((body->'engagement'->>'score')::double precision, 0), COALESCE((body->'intent'->>'score')::double precision, 0),
        COALESCE((body->'intent'->>'inMarket')::boolean, false), COALESCE(body->'stage'->>'stage', ''),
        COALESCE(body->'tier'->>'tier', ''), COALESCE((body->'qualified'->>'qualified')::boolean, false),
        COALESCE(body->>'modelVersion', '')
      FROM account_scores ORDER BY id;
      CREATE INDEX account_score_history_by_account ON account_score_history (source, account_id, scored_at);
      CREATE INDEX account_score_history_by_time ON account_score_history (scored_at);
      DROP TABLE account_scores;
      CREATE INDEX outbox_done_by_time ON outbox (updated_at) WHERE status = 'done';
    `,
  },
  {
    version: 5,
    name: 'leads: activity lead column, lead matches and their keys, lead scores',
    // As SQLite schema version 9. Activities live in records here, so records gains the lead column.
    sql: `
      ALTER TABLE records ADD COLUMN lead_id text;
      CREATE INDEX records_by_lead ON records (source, kind, lead_id) WHERE lead_id IS NOT NULL;
      CREATE TABLE lead_matches (
        source text NOT NULL, lead_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('matched', 'unmatched', 'converted')),
        account_id text, reason text,
        PRIMARY KEY (source, lead_id)
      );
      CREATE INDEX lead_matches_by_account ON lead_matches (source, account_id) WHERE account_id IS NOT NULL;
      CREATE INDEX lead_matches_unmatched ON lead_matches (source, lead_id) WHERE status = 'unmatched';
      CREATE TABLE lead_match_keys (source text NOT NULL, key text NOT NULL, lead_id text NOT NULL, PRIMARY KEY (source, key, lead_id));
      CREATE INDEX lead_match_keys_by_lead ON lead_match_keys (source, lead_id);
      CREATE TABLE lead_scores (
        source text NOT NULL, lead_id text NOT NULL, account_id text, run_id text NOT NULL, body jsonb NOT NULL,
        PRIMARY KEY (source, lead_id)
      );
    `,
  },
  {
    version: 6,
    name: 'replayable failed writes, lock holders',
    // As SQLite schema version 10: retryable failures are put off (next_attempt_at) and bounded (first_failed_at),
    // failed items wait for a replay; a lock names its holder so a dead one on the same machine is seen at once.
    sql: `
      ALTER TABLE outbox ADD COLUMN next_attempt_at text;
      ALTER TABLE outbox ADD COLUMN first_failed_at text;
      CREATE INDEX outbox_failed_by_key ON outbox (connector, dedupe_key) WHERE status = 'failed';
      CREATE INDEX outbox_waiting ON outbox (connector, updated_at) WHERE status = 'failed' OR next_attempt_at IS NOT NULL;
      ALTER TABLE locks ADD COLUMN host text;
      ALTER TABLE locks ADD COLUMN host_key text;
      ALTER TABLE locks ADD COLUMN pid integer;
      ALTER TABLE locks ADD COLUMN acquired_at text;
      ALTER TABLE locks ADD COLUMN renewed_at text;
    `,
  },
  {
    version: 7,
    name: 'service: rescore marks, stored dry-run plans, event lookups',
    // As SQLite schema version 11.
    sql: `
      CREATE TABLE rescore_marks (source text NOT NULL, account_id text NOT NULL, marked_at text NOT NULL, PRIMARY KEY (source, account_id));
      CREATE TABLE run_plans (run_id text PRIMARY KEY, connector text NOT NULL, created_at text NOT NULL, body jsonb NOT NULL);
      CREATE INDEX run_plans_by_time ON run_plans (connector, created_at);
      CREATE INDEX records_contact_email ON records (source, lower(body->>'email')) WHERE kind = 'contact';
      CREATE INDEX records_account_domain ON records (source, domain) WHERE kind = 'account';
    `,
  },
];
