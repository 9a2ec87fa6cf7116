import { normalizeDomain } from '../../model/domain.js';
import type { Account, Contact, CrmOutputValues, Lead, ObjectKind, RecordByKind, WritableKind } from '../../model/records.js';
import { canonicalJson, contentHash } from './canonical-json.js';

/** One record as both back ends store it: lookup columns pulled out of the JSON body, plus the content hash. */
export interface RecordRow {
  id: string;
  accountId: string | null;
  contactId: string | null;
  /** An activity's lead (the Postgres store keeps activities in this table). */
  leadId: string | null;
  domain: string | null;
  hash: string;
  body: string;
}

export function toRecordRow<K extends ObjectKind>(kind: K, record: RecordByKind[K]): RecordRow {
  const links = recordLinks(kind, record);
  return { id: record.id, ...links, hash: contentHash(record), body: canonicalJson(record) };
}

function recordLinks<K extends ObjectKind>(kind: K, record: RecordByKind[K]): Pick<RecordRow, 'accountId' | 'contactId' | 'leadId' | 'domain'> {
  switch (kind) {
    case 'account':
      return { accountId: record.id, contactId: null, leadId: null, domain: normalizeDomain((record as Account).domain) };
    case 'contact':
    case 'opportunity':
      return { accountId: (record as RecordByKind['contact' | 'opportunity']).accountId, contactId: null, leadId: null, domain: null };
    case 'lead': {
      // A lead row links to the contact and account it was converted into: that is where its history goes. Its match
      // to an account is the engine's decision and lives in lead_matches.
      const lead = record as Lead;
      return lead.isConverted
        ? { accountId: lead.convertedAccountId ?? null, contactId: lead.convertedContactId ?? null, leadId: null, domain: null }
        : { accountId: null, contactId: null, leadId: null, domain: null };
    }
    case 'activity': {
      const activity = record as RecordByKind['activity'];
      return { accountId: activity.accountId, contactId: activity.contactId, leadId: activity.leadId ?? null, domain: null };
    }
    default:
      throw new Error(`unknown record kind "${String(kind)}"`);
  }
}

/** The rows of one upsert call, one per id: a batch that repeats an id keeps its last copy, as a sequential write would. */
export function toRecordRows<K extends ObjectKind>(kind: K, records: RecordByKind[K][]): RecordRow[] {
  const byId = new Map<string, RecordRow>();
  for (const record of records) {
    const row = toRecordRow(kind, record);
    byId.delete(row.id);
    byId.set(row.id, row);
  }
  return [...byId.values()];
}

/** The stored record with `values` merged into its crmValues, hashed as the next pull of the same CRM values will be. */
export function withCrmValuesRow(kind: WritableKind, storedBody: unknown, values: CrmOutputValues): RecordRow {
  const record = parseJson<Account | Contact | Lead>(storedBody);
  return toRecordRow(kind, { ...record, crmValues: { ...record.crmValues, ...values } });
}

/** JSON columns come back as text from SQLite and already parsed from Postgres jsonb. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
