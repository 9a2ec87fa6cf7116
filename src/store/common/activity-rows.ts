/**
 * Activities are four rows in five and a scoring pass reads every one of them, so the SQLite store keeps them as
 * columns rather than one JSON body each: building an object from columns costs a fraction of parsing its JSON.
 * A record the columns cannot carry exactly (an extra property, a `source` other than the store key, a value of an
 * unexpected type) keeps its full canonical JSON in `body`, which then wins on read: nothing is ever dropped.
 */
import type { Activity, ActivityType } from '../../model/records.js';
import { canonicalJson, canonicalTextHash } from './canonical-json.js';

export interface ActivityRow {
  id: string;
  accountId: string | null;
  contactId: string | null;
  leadId: string | null;
  type: string;
  occurredAt: string;
  modifiedAt: string;
  /** Canonical JSON of `detail`, null when it is `{}` (most activities). */
  detail: string | null;
  /** Canonical JSON of the whole record, only when the columns cannot rebuild it exactly. */
  body: string | null;
  hash: string;
}

/** Column order of ActivityColumns: the order of the SELECT lists that read activities back. */
export type ActivityColumns = [
  id: string,
  accountId: string | null,
  contactId: string | null,
  type: string,
  occurredAt: string,
  modifiedAt: string,
  detail: string | null,
  body: string | null,
  leadId: string | null,
];

const ACTIVITY_KEYS: readonly string[] = ['id', 'source', 'type', 'occurredAt', 'accountId', 'contactId', 'leadId', 'detail', 'modifiedAt'];
const EMPTY_DETAIL = '{}';

/** The rows of one upsert call, one per id: a batch that repeats an id keeps its last copy, as a sequential write would. */
export function toActivityRows(source: string, activities: Activity[]): ActivityRow[] {
  const byId = new Map<string, ActivityRow>();
  for (const activity of activities) {
    const row = toActivityRow(source, activity);
    byId.delete(row.id);
    byId.set(row.id, row);
  }
  return [...byId.values()];
}

export function toActivityRow(source: string, activity: Activity): ActivityRow {
  const canonical = canonicalJson(activity);
  const exact = fitsColumns(source, activity);
  const detail = exact ? canonicalJson(activity.detail) : null;
  return {
    id: activity.id,
    accountId: activity.accountId ?? null,
    contactId: activity.contactId ?? null,
    leadId: activity.leadId ?? null,
    type: String(activity.type),
    occurredAt: String(activity.occurredAt),
    modifiedAt: String(activity.modifiedAt),
    detail: detail === EMPTY_DETAIL ? null : detail,
    body: exact ? null : canonical,
    // The same hash the generic record rows use, so a migrated row and a re-pulled copy compare equal.
    hash: canonicalTextHash(canonical),
  };
}

export function fromActivityColumns(source: string, columns: ActivityColumns): Activity {
  const [id, accountId, contactId, type, occurredAt, modifiedAt, detail, body, leadId] = columns;
  if (body !== null) return JSON.parse(body) as Activity;
  return {
    id,
    source,
    type: type as ActivityType,
    occurredAt,
    accountId,
    contactId,
    leadId,
    detail: detail === null ? {} : (JSON.parse(detail) as Activity['detail']),
    modifiedAt,
  };
}

/** True when the columns rebuild exactly this record (same keys, same types, source = the store key). */
function fitsColumns(source: string, activity: Activity): boolean {
  const record = activity as unknown as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined);
  if (keys.length !== ACTIVITY_KEYS.length || !ACTIVITY_KEYS.every((key) => record[key] !== undefined)) return false;
  const { detail } = activity;
  return (
    activity.source === source &&
    typeof activity.id === 'string' &&
    typeof activity.type === 'string' &&
    typeof activity.occurredAt === 'string' &&
    typeof activity.modifiedAt === 'string' &&
    isNullableString(activity.accountId) &&
    isNullableString(activity.contactId) &&
    isNullableString(activity.leadId) &&
    typeof detail === 'object' &&
    detail !== null &&
    !Array.isArray(detail)
  );
}

function isNullableString(value: unknown): boolean {
  return value === null || typeof value === 'string';
}
