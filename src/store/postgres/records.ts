import type pg from 'pg';
import type { ObjectKind, RecordByKind } from '../../model/records.js';
import { chunk, distinct, isPresent } from '../common/collections.js';
import { toIntentRows } from '../common/intent-rows.js';
import { toRecordRows, withCrmValuesRow } from '../common/record-rows.js';
import { missingRecord } from '../common/store-error.js';
import type { OrphanReport, StateStore } from '../store.js';
import { inTransaction } from './connect.js';

type RecordMethods = Pick<
  StateStore,
  'upsertRecords' | 'getRecord' | 'deleteRecords' | 'countRecords' | 'affectedAccountIds' | 'affectedLeadIds' | 'listAccountIds' | 'setCrmValues' | 'upsertIntent' | 'orphanRecords'
>;

/** Contacts and opportunities naming no account, or one the store does not hold (the account lookup is the primary key). */
const ORPHANS = `
  FROM records AS r
  WHERE r.source = $1 AND r.kind IN ('contact', 'opportunity')
    AND (r.account_id IS NULL OR NOT EXISTS (SELECT 1 FROM records AS a WHERE a.source = r.source AND a.kind = 'account' AND a.id = r.account_id))`;

/** Rows per multi-row statement: large enough to amortise round trips, small enough to keep each statement's arrays modest. */
const ROWS_PER_STATEMENT = 1000;

// The WHERE on DO UPDATE skips identical content, and RETURNING reports exactly the rows inserted or changed.
const UPSERT_RECORDS = `
  INSERT INTO records (source, kind, id, account_id, contact_id, lead_id, domain, hash, body)
  SELECT $1, $2, r.id, r.account_id, r.contact_id, r.lead_id, r.domain, r.hash, r.body::jsonb
  FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
    AS r(id, account_id, contact_id, lead_id, domain, hash, body)
  ON CONFLICT (source, kind, id) DO UPDATE SET
    account_id = EXCLUDED.account_id, contact_id = EXCLUDED.contact_id, lead_id = EXCLUDED.lead_id, domain = EXCLUDED.domain,
    hash = EXCLUDED.hash, body = EXCLUDED.body
  WHERE records.hash <> EXCLUDED.hash
  RETURNING id`;

// A record's own account_id (an account's is itself) plus, for activities, the account of its contact: every
// account whose bundle holds the record. Two plain key lookups rather than a self-join: the join's plan goes badly
// wrong on a freshly loaded table that autovacuum has not analysed yet (seconds instead of milliseconds).
const OWN_LINKS = 'SELECT account_id, contact_id, lead_id FROM records WHERE source = $1 AND kind = $2 AND id = ANY($3::text[])';
const CONTACT_ACCOUNTS = "SELECT account_id FROM records WHERE source = $1 AND kind = 'contact' AND id = ANY($2::text[])";
// A lead's accounts: the one it is matched to, and (converted) what its own row links to (record-rows.ts).
const LEAD_MATCHES = 'SELECT account_id FROM lead_matches WHERE source = $1 AND lead_id = ANY($2::text[]) AND account_id IS NOT NULL';
const LEAD_LINKS = "SELECT account_id, contact_id FROM records WHERE source = $1 AND kind = 'lead' AND id = ANY($2::text[])";

const UPSERT_INTENT = `
  INSERT INTO intent (domain, topic, observed_at, source, score)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[])
  ON CONFLICT (domain, topic, observed_at, source) DO UPDATE SET score = EXCLUDED.score WHERE intent.score <> EXCLUDED.score`;

export function postgresRecords(pool: pg.Pool): RecordMethods {
  return {
    async deleteRecords(source, kind, ids) {
      if (ids.length === 0) return 0;
      const unique = distinct(ids);
      // A deleted lead also leaves the matcher's tables and its score, so nothing keeps planning writes for it.
      return inTransaction(pool, async (client) => {
        const removed = await client.query('DELETE FROM records WHERE source = $1 AND kind = $2 AND id = ANY($3::text[])', [source, kind, unique]);
        if (kind === 'lead') {
          for (const table of ['lead_matches', 'lead_match_keys', 'lead_scores']) {
            await client.query(`DELETE FROM ${table} WHERE source = $1 AND lead_id = ANY($2::text[])`, [source, unique]);
          }
        }
        return removed.rowCount ?? 0;
      });
    },
    async upsertRecords(source, kind, records) {
      const rows = toRecordRows(kind, records);
      const changed = await inTransaction(pool, async (client) => {
        const ids = new Set<string>();
        for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
          const result = await client.query<{ id: string }>(UPSERT_RECORDS, [
            source,
            kind,
            part.map((r) => r.id),
            part.map((r) => r.accountId),
            part.map((r) => r.contactId),
            part.map((r) => r.leadId),
            part.map((r) => r.domain),
            part.map((r) => r.hash),
            part.map((r) => r.body),
          ]);
          for (const row of result.rows) ids.add(row.id);
        }
        return ids;
      });
      return rows.filter((r) => changed.has(r.id)).map((r) => r.id);
    },
    async getRecord<K extends ObjectKind>(source: string, kind: K, id: string): Promise<RecordByKind[K] | null> {
      const result = await pool.query<{ body: RecordByKind[K] }>('SELECT body FROM records WHERE source = $1 AND kind = $2 AND id = $3', [
        source,
        kind,
        id,
      ]);
      return result.rows[0]?.body ?? null;
    },
    async countRecords(source, kind) {
      const result = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM records WHERE source = $1 AND kind = $2', [source, kind]);
      return Number(result.rows[0]?.n ?? 0);
    },
    async affectedAccountIds(source, kind, ids) {
      const accountIds: (string | null)[] = [];
      const contactIds: (string | null)[] = [];
      const leadIds: (string | null)[] = kind === 'lead' ? distinct(ids) : [];
      if (kind !== 'lead') {
        for (const part of chunk(distinct(ids))) {
          const result = await pool.query<{ account_id: string | null; contact_id: string | null; lead_id: string | null }>(OWN_LINKS, [source, kind, part]);
          for (const row of result.rows) {
            accountIds.push(row.account_id);
            contactIds.push(row.contact_id);
            leadIds.push(row.lead_id);
          }
        }
      }
      for (const part of chunk(distinct(leadIds.filter(isPresent)))) {
        for (const row of (await pool.query<{ account_id: string }>(LEAD_MATCHES, [source, part])).rows) accountIds.push(row.account_id);
        for (const row of (await pool.query<{ account_id: string | null; contact_id: string | null }>(LEAD_LINKS, [source, part])).rows) {
          accountIds.push(row.account_id);
          contactIds.push(row.contact_id);
        }
      }
      for (const part of chunk(distinct(contactIds.filter(isPresent)))) {
        const result = await pool.query<{ account_id: string | null }>(CONTACT_ACCOUNTS, [source, part]);
        for (const row of result.rows) accountIds.push(row.account_id);
      }
      return distinct(accountIds.filter(isPresent));
    },
    async affectedLeadIds(source, kind, ids) {
      if (kind === 'lead') return distinct(ids);
      if (kind !== 'activity') return [];
      const leadIds: string[] = [];
      for (const part of chunk(distinct(ids))) {
        const result = await pool.query<{ lead_id: string }>(
          "SELECT DISTINCT lead_id FROM records WHERE source = $1 AND kind = 'activity' AND id = ANY($2::text[]) AND lead_id IS NOT NULL",
          [source, part],
        );
        for (const row of result.rows) leadIds.push(row.lead_id);
      }
      return distinct(leadIds);
    },
    async listAccountIds(source) {
      const result = await pool.query<{ id: string }>("SELECT id FROM records WHERE source = $1 AND kind = 'account' ORDER BY id", [source]);
      return result.rows.map((r) => r.id);
    },
    async setCrmValues(source, kind, id, values) {
      await inTransaction(pool, async (client) => {
        const found = await client.query('SELECT body FROM records WHERE source = $1 AND kind = $2 AND id = $3 FOR UPDATE', [source, kind, id]);
        const stored: unknown = found.rows[0]?.body;
        if (stored === undefined) throw missingRecord(source, kind, id);
        const row = withCrmValuesRow(kind, stored, values);
        await client.query('UPDATE records SET hash = $4, body = $5::jsonb WHERE source = $1 AND kind = $2 AND id = $3', [
          source,
          kind,
          id,
          row.hash,
          row.body,
        ]);
      });
    },
    async orphanRecords(source, sample) {
      const counts = await pool.query<{ kind: string; n: string }>(`SELECT r.kind AS kind, COUNT(*) AS n ${ORPHANS} GROUP BY r.kind`, [source]);
      const byKind = new Map(counts.rows.map((r) => [r.kind, Number(r.n)]));
      const examples = await pool.query<OrphanReport['examples'][number]>(
        `SELECT r.kind AS kind, r.id AS id, r.account_id AS "accountId" ${ORPHANS} ORDER BY r.kind, r.id LIMIT $2`,
        [source, sample],
      );
      return { contacts: byKind.get('contact') ?? 0, opportunities: byKind.get('opportunity') ?? 0, examples: examples.rows };
    },
    async upsertIntent(signals) {
      const rows = toIntentRows(signals);
      return inTransaction(pool, async (client) => {
        let written = 0;
        for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
          const result = await client.query(UPSERT_INTENT, [
            part.map((r) => r.domain),
            part.map((r) => r.topic),
            part.map((r) => r.observedAt),
            part.map((r) => r.source),
            part.map((r) => r.score),
          ]);
          written += result.rowCount ?? 0;
        }
        return written;
      });
    },
  };
}
