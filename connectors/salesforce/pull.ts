/**
 * Pull one canonical kind from Salesforce, incrementally on SystemModstamp.
 *
 * Order is `(SystemModstamp, Id)` so each page's last stamp is a safe watermark: everything at or before it has been
 * delivered (the engine re-reads an overlap window and dedupes by id, so ties at the edge are not lost). Records
 * changed while we page get a newer stamp and come with the next run. Deletions come from queryAll (`IsDeleted =
 * true`, the recycle bin) as `deletedIds`, read before the pages, so the engine drops them from the store.
 * Full loads above `bulkQueryThreshold` rows use a Bulk API 2.0 query job (query.ts drives its result pages).
 */
import type { ObjectMapping } from '../../src/config/mapping-types.js';
import type { PullPage, RecordReject } from '../../src/connector/connector.js';
import type { Logger } from '../../src/log/logger.js';
import { mapRecord } from '../../src/mapping/map-record.js';
import type { ObjectKind, RecordByKind } from '../../src/model/records.js';
import { ACTIVITY_SOURCES, assembleActivity, SOURCE_FIELDS, type ActivityRule, type ActivitySource } from './activities.js';
import type { SalesforceApi } from './api.js';
import { CONNECTOR_NAME, SalesforceConnectorError } from './errors.js';
import { bulkPages, countRows, restPages, type SfRow } from './query.js';
import type { Schemas } from './schemas.js';
import { booleanLiteral, buildSelect, dateTimeLiteral, listLiteral, stringLiteral, type AnyOf, type Condition, type ObjectSchema, type SelectSpec } from './soql.js';

/** A mapping field naming this child relationship reads the opportunity's contact roles (ContactId of each). */
export const CONTACT_ROLES = 'OpportunityContactRoles';
const STAMP = 'SystemModstamp';

export interface PullContext {
  api: SalesforceApi;
  schemas: Schemas;
  logger: Logger;
  bulkQueryThreshold: number;
  bulkTimeoutMs: number;
  activityRules: readonly ActivityRule[];
  /** The integration user (the LastModifiedById of ScoreSync's own writes); null when the session does not say. */
  integrationUserId: string | null;
}

/** What to read: records stamped since `since`; `watermark` is the stored watermark it was computed from (PullOptions). */
export interface PullWindow {
  since: string | null;
  watermark?: string | null | undefined;
}

/** Every Salesforce field a mapping reads for a kind: id, stamp, fields and features (not outputs). */
export function inputFields(mapping: ObjectMapping): string[] {
  const sources = [mapping.id, ...(mapping.modifiedAt ? [mapping.modifiedAt] : []), ...Object.values(mapping.fields), ...Object.values(mapping.features)];
  return [...new Set(sources.map((s) => s.field))];
}

function sinceConditions(schema: ObjectSchema, since: string | null): Condition[] {
  if (since === null || !schema.fields.has(STAMP.toLowerCase())) return [];
  return [{ field: STAMP, op: '>=', literal: dateTimeLiteral(since) }];
}

/**
 * The records an incremental pull reads. Before the stored watermark W (the overlap window from `since`) earlier runs
 * stored everything; it is read again only in case something committed late. Records there last modified by the
 * integration user are ScoreSync's own writes, already read back as the write left them: the first pull to store a
 * watermark past a write's stamp saw a later stamp, so it ran after the write's second, and it read from before the
 * write's stamp (its `since` is under its old watermark) in stamp order, storing the record before moving W past it.
 * A user's change sets LastModifiedById to that user, so it is always read. Records stamped at W itself are always
 * read: a pull in the same second as a write may have set W (a fast run pulls and writes within one second).
 * Without this an idle run re-reads every record the last push wrote, on every run, until a newer change moves W
 * (1,000 accounts: 7,030 records, 2 more calls; 100,000: hundreds of pages).
 */
function changedConditions(ctx: PullContext, schema: ObjectSchema, window: PullWindow): (Condition | AnyOf)[] {
  const where: (Condition | AnyOf)[] = sinceConditions(schema, window.since);
  const { watermark } = window;
  if (where.length === 0 || !watermark || ctx.integrationUserId === null || !schema.fields.has('lastmodifiedbyid')) return where;
  where.push({
    anyOf: [
      { field: STAMP, op: '>=', literal: dateTimeLiteral(watermark) },
      { field: 'LastModifiedById', op: '!=', literal: stringLiteral(ctx.integrationUserId) },
    ],
  });
  return where;
}

/** REST pages, or for a large full load of a query Bulk can run (no subquery), Bulk 2.0 result pages. */
async function* rowsOf(ctx: PullContext, schema: ObjectSchema, soql: string, canBulk: boolean, where: string): AsyncGenerator<SfRow[]> {
  if (canBulk) {
    const count = await countRows(ctx.api, `SELECT COUNT() FROM ${schema.name}${where}`);
    if (count > ctx.bulkQueryThreshold) {
      ctx.logger.info(`reading ${count} ${schema.name} records with a Bulk API 2.0 query job`, { object: schema.name, count });
      yield* bulkPages(ctx.api, soql, { timeoutMs: ctx.bulkTimeoutMs });
      return;
    }
  }
  yield* restPages(ctx.api, soql);
}

function whereText(soql: string): string {
  const at = soql.indexOf(' WHERE ');
  if (at < 0) return '';
  const end = soql.indexOf(' ORDER BY ', at);
  return soql.slice(at, end < 0 ? undefined : end);
}

/** Ids in the recycle bin (changed since `since`): deleted in Salesforce, so to be dropped from the store. */
async function deletedIds(ctx: PullContext, schema: ObjectSchema, since: string | null): Promise<string[]> {
  if (!schema.fields.has('isdeleted')) return [];
  const where: Condition[] = [{ field: 'IsDeleted', op: '=', literal: booleanLiteral(true) }, ...sinceConditions(schema, since)];
  const soql = buildSelect({ schema, fields: ['Id'], where });
  const ids: string[] = [];
  for await (const rows of restPages(ctx.api, soql, { all: true })) for (const row of rows) if (typeof row.Id === 'string') ids.push(row.Id);
  return ids;
}

function mapRows<K extends ObjectKind>(kind: K, object: string, rows: SfRow[], mapping: ObjectMapping): { records: RecordByKind[K][]; rejects: RecordReject[] } {
  const records: RecordByKind[K][] = [];
  const rejects: RecordReject[] = [];
  for (const row of rows) {
    const result = mapRecord(kind, row, mapping, CONNECTOR_NAME);
    const location = `${object} ${typeof row.Id === 'string' ? row.Id : '(no Id)'}`;
    if (result.ok) records.push(result.record);
    else rejects.push({ location, field: result.field, reason: `${location}: ${result.reason}` });
  }
  return { records, rejects };
}

/** The opportunity's contact roles as one `;`-joined list of contact ids (the mapping reads it with transform: split). */
function joinContactRoles(row: SfRow): SfRow {
  const roles = row[CONTACT_ROLES];
  if (!Array.isArray(roles)) return { ...row, [CONTACT_ROLES]: null };
  const ids = (roles as SfRow[]).map((r) => r.ContactId).filter((id): id is string => typeof id === 'string');
  return { ...row, [CONTACT_ROLES]: ids.length > 0 ? ids.join(';') : null };
}

async function* pullMapped<K extends ObjectKind>(ctx: PullContext, kind: K, mapping: ObjectMapping, window: PullWindow): AsyncGenerator<PullPage<K>> {
  const { since } = window;
  const schema = await ctx.schemas.get(mapping.object);
  const wanted = inputFields(mapping);
  const roles = kind === 'opportunity' && wanted.includes(CONTACT_ROLES);
  const fields = wanted.filter((f) => f !== CONTACT_ROLES);
  // Output fields are read too (what the CRM holds now, so unchanged values are not written again), but only those
  // that exist: a missing output field is reported by validate and must not stop the pull.
  const outputs = Object.values(mapping.outputs).map((o) => o.field).filter((f) => schema.fields.has(f.toLowerCase()));
  const stamp = mapping.modifiedAt?.field ?? STAMP;
  // Leaving out our own writes relies on pages ordered by SystemModstamp (see changedConditions).
  const where = stamp.toLowerCase() === STAMP.toLowerCase() ? changedConditions(ctx, schema, window) : sinceConditions(schema, since);
  // A full pull reads unconverted Leads only; an incremental one also sees Leads converted since, so the store learns
  // that they converted (their history then follows the contact they became).
  if (kind === 'lead' && since === null && schema.fields.has('isconverted')) where.push({ field: 'IsConverted', op: '=', literal: booleanLiteral(false) });
  const spec: SelectSpec = {
    schema,
    fields: [...fields, ...outputs],
    where,
    orderBy: schema.fields.has(stamp.toLowerCase()) ? [stamp, 'Id'] : ['Id'],
    ...(roles ? { children: { relationship: CONTACT_ROLES, fields: ['ContactId'], schema: await ctx.schemas.get('OpportunityContactRole') } } : {}),
  };
  const soql = buildSelect(spec);
  ctx.logger.debug('soql', { kind, soql });
  // Deletions first: once a page has moved the watermark, a deletion query that then fails (the daily quota, a
  // dropped connection) would leave the deletions between the old and the new watermark unread by every later run.
  const gone = await deletedIds(ctx, schema, since);
  if (gone.length > 0) yield { records: [], rejects: [], watermark: null, deletedIds: gone };
  // The opportunities re-read for changed contact roles come after the pages: until they are stored, no page may move
  // the watermark past the role changes (their stamps are older), so an incremental pull with roles moves it at the end.
  const rereadRoles = roles && since !== null;
  let latest: string | null = null;
  const delivered = new Set<string>();
  for await (const rows of rowsOf(ctx, schema, soql, since === null && !roles, whereText(soql))) {
    const mapped = mapRows(kind, schema.name, roles ? rows.map(joinContactRoles) : rows, mapping);
    for (const r of mapped.records) delivered.add(r.id);
    const watermark = mapped.records.at(-1)?.modifiedAt ?? null;
    if (watermark !== null) latest = watermark;
    yield { ...mapped, watermark: rereadRoles ? null : watermark };
  }
  if (rereadRoles) {
    for await (const rows of opportunitiesWithChangedRoles(ctx, spec, since, delivered)) {
      yield { ...mapRows(kind, schema.name, rows.map(joinContactRoles), mapping), watermark: null };
    }
    yield { records: [], rejects: [], watermark: latest };
  }
}

/** Opportunities per `Id IN (…)` query: 200 ids keep the URL well under Salesforce's 16,384-character limit. */
const IDS_PER_QUERY = 200;

/**
 * Adding or removing a contact role does not change the opportunity's SystemModstamp, so an incremental pull would
 * miss it: the roles changed (or deleted, hence queryAll) since the watermark name the opportunities to read again.
 */
async function* opportunitiesWithChangedRoles(ctx: PullContext, spec: SelectSpec, since: string, delivered: ReadonlySet<string>): AsyncGenerator<SfRow[]> {
  const roles = await ctx.schemas.get('OpportunityContactRole');
  const changed = new Set<string>();
  const soql = buildSelect({ schema: roles, fields: ['OpportunityId'], where: sinceConditions(roles, since) });
  for await (const rows of restPages(ctx.api, soql, { all: true })) {
    for (const row of rows) if (typeof row.OpportunityId === 'string' && !delivered.has(row.OpportunityId)) changed.add(row.OpportunityId);
  }
  const ids = [...changed].sort();
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const where: Condition[] = [{ field: 'Id', op: 'IN', literal: listLiteral(ids.slice(start, start + IDS_PER_QUERY)) }];
    yield* restPages(ctx.api, buildSelect({ ...spec, where, orderBy: ['Id'] }));
  }
}

/**
 * Activities come from three objects but share one watermark, so no page carries one until all three are read:
 * a run that dies half-way re-reads from the old watermark (the store dedupes) instead of skipping the rest.
 */
async function* pullActivities(ctx: PullContext, mapping: ObjectMapping, window: PullWindow): AsyncGenerator<PullPage<'activity'>> {
  const { since } = window;
  let latest: string | null = null;
  const gone: string[] = [];
  for (const source of ACTIVITY_SOURCES) {
    const schema = await ctx.schemas.find(source);
    if (schema === null) {
      ctx.logger.info(`no ${source} object visible to the integration user; pulling no ${source} activities`);
      continue;
    }
    const parents = source === 'CampaignMember' ? new Map([['Campaign', await ctx.schemas.get('Campaign')]]) : undefined;
    const fields = SOURCE_FIELDS[source].filter((f) => f.includes('.') || schema.fields.has(f.toLowerCase()));
    const where = changedConditions(ctx, schema, window);
    if (source === 'CampaignMember') where.push({ field: 'HasResponded', op: '=', literal: booleanLiteral(true) });
    const soql = buildSelect({ schema, fields, where, orderBy: [STAMP, 'Id'], ...(parents ? { parents } : {}) });
    ctx.logger.debug('soql', { kind: 'activity', soql });
    for await (const rows of rowsOf(ctx, schema, soql, since === null, whereText(soql))) {
      const mapped = mapRows('activity', source, rows.map((r) => assembleActivity(ctx.activityRules, source as ActivitySource, r)), mapping);
      for (const r of mapped.records) if (latest === null || r.modifiedAt > latest) latest = r.modifiedAt;
      yield { ...mapped, watermark: null };
    }
    gone.push(...(await deletedIds(ctx, schema, since)));
  }
  yield { records: [], rejects: [], watermark: latest, ...(gone.length > 0 ? { deletedIds: gone } : {}) };
}

export function pullKind<K extends ObjectKind>(ctx: PullContext, kind: K, mapping: ObjectMapping, window: PullWindow): AsyncIterable<PullPage<K>> {
  for (const [name, value] of [['since', window.since], ['watermark', window.watermark]] as const) {
    if (value && Number.isNaN(Date.parse(value))) throw new SalesforceConnectorError(`Pull was asked for records ${name} "${value}", which is not a date.`, 'config', 'BAD_SINCE');
  }
  if (kind === 'activity') return pullActivities(ctx, mapping, window) as AsyncIterable<PullPage<K>>;
  return pullMapped(ctx, kind, mapping, window);
}
