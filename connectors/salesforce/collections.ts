/**
 * One sObject Collections call (PATCH /composite/sobjects for updates, POST for creates, PATCH
 * /composite/sobjects/{Object}/{ExternalIdField} for upserts): at most 200 records, `allOrNone: false`, so every record
 * gets its own result. Results come back in request order (Salesforce documents it); a failed record may carry no id,
 * so a result is tied to its request by position, and a result whose id contradicts its position is refused.
 */
import type { CrmErrorInfo } from '../../src/model/sync.js';
import type { SalesforceApi } from './api.js';
import { DEFAULT_CALL_TIMEOUT_MS, withDeadline } from './deadline.js';
import { classifyStatusCode } from './errors.js';

/** Salesforce's limit for one collections call. */
export const COLLECTION_LIMIT = 200;

export type CollectionRecord = Record<string, unknown> & { attributes: { type: string } };

interface SaveError {
  statusCode?: string;
  /** jsforce's type says errorCode; collections answer statusCode (crm-api-notes A.4). Read both. */
  errorCode?: string;
  message?: string;
  fields?: string[];
}

interface SaveResult {
  id?: string | null;
  success?: boolean;
  created?: boolean;
  errors?: SaveError[];
}

export type RecordResult = { ok: true; id: string | null; created: boolean | null } | { ok: false; error: CrmErrorInfo };

export type CollectionCall = { method: 'PATCH' | 'POST'; path: string };

export const UPDATE_CALL: CollectionCall = { method: 'PATCH', path: '/composite/sobjects' };
export const CREATE_CALL: CollectionCall = { method: 'POST', path: '/composite/sobjects' };
export function upsertCall(sobject: string, externalIdField: string): CollectionCall {
  return { method: 'PATCH', path: `/composite/sobjects/${sobject}/${externalIdField}` };
}

/** Salesforce ids compare on their 15-character case-sensitive form (the 18-character one adds a checksum). */
export function sameId(a: string, b: string): boolean {
  return a.slice(0, 15) === b.slice(0, 15);
}

function errorOf(result: SaveResult): CrmErrorInfo {
  const first = result.errors?.[0];
  if (first === undefined) return { class: 'retryable', code: 'UNKNOWN_ERROR', message: 'Salesforce reported a failure without an error' };
  return classifyStatusCode(first.statusCode ?? first.errorCode ?? '', first.message ?? '', first.fields ?? []);
}

/**
 * Sends one call and returns one result per record, in the records' order. Throws what jsforce throws for a
 * whole-call failure (HTTP error, network, deadline): the caller classifies it.
 */
export async function sendCollection(api: SalesforceApi, call: CollectionCall, records: readonly CollectionRecord[], timeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<RecordResult[]> {
  if (records.length > COLLECTION_LIMIT) throw new Error(`a collections call takes at most ${COLLECTION_LIMIT} records, got ${records.length}`);
  const body = JSON.stringify({ allOrNone: false, records });
  const answer = await api.call((conn) =>
    withDeadline(conn.request<SaveResult[]>({ method: call.method, url: call.path, body, headers: { 'Content-Type': 'application/json' } }), timeoutMs, `${call.method} ${call.path}`),
  );
  const results = Array.isArray(answer) ? answer : [];
  return records.map((record, i): RecordResult => {
    const result = results[i];
    if (result === undefined) return { ok: false, error: { class: 'retryable', code: 'NO_RESULT', message: `Salesforce returned ${results.length} results for ${records.length} records` } };
    const sentId = typeof record['id'] === 'string' ? record['id'] : null;
    if (sentId !== null && typeof result.id === 'string' && !sameId(sentId, result.id)) {
      return { ok: false, error: { class: 'retryable', code: 'UNMATCHED_RESULT', message: `result ${i} names record ${result.id}, not ${sentId}` } };
    }
    if (result.success === true) return { ok: true, id: result.id ?? sentId, created: typeof result.created === 'boolean' ? result.created : null };
    return { ok: false, error: errorOf(result) };
  });
}
