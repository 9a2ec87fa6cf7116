/**
 * `scoresync setup --connector salesforce`: the output fields the mapping writes (Account, Contact, Lead) and the task
 * key (a unique External ID on Activity) are created where missing, through the Metadata API (jsforce
 * `conn.metadata.create`, at most 10 components a call), and the integration user is given read and edit on all of
 * them through the `ScoreSync_Integration` permission set. `dryRun` reads only (describe, readMetadata) and lists what
 * would be done.
 *
 * A field absent from describe is either missing or present without field access; readMetadata tells which, so an
 * existing field is never created twice. When the integration user may not change metadata (or assign permission
 * sets), setup stops with the exact list an admin must create and grant.
 */
import type { MappingFile } from '../../src/config/mapping-types.js';
import type { SetupAction } from '../../src/connector/connector.js';
import type { Logger } from '../../src/log/logger.js';
import type { WritableKind } from '../../src/model/records.js';
import type { SalesforceApi } from './api.js';
import { DEFAULT_TASK_KEY_FIELD, DEFAULT_TASK_OBJECT } from './create-tasks.js';
import { DEFAULT_CALL_TIMEOUT_MS, withDeadline } from './deadline.js';
import { classifyCallError, SalesforceConnectorError } from './errors.js';
import { describeType, outputFieldMetadata, taskKeyFieldMetadata, type CustomFieldMetadata } from './field-definitions.js';
import { grantFieldAccess, integrationUserId, PERMISSION_SET } from './permission-grant.js';

/** createMetadata and readMetadata take at most 10 components a call. */
const METADATA_LIMIT = 10;
const KINDS: readonly WritableKind[] = ['account', 'contact', 'lead'];

interface Wanted {
  /** The sObject whose describe shows the field (Task for the key). */
  object: string;
  field: string;
  metadata: CustomFieldMetadata;
  /** `Object.Field__c` as a permission set names it. */
  permissionName: string;
}

type State = 'ready' | 'noAccess' | 'missing';

function wantedFields(mapping: MappingFile): Wanted[] {
  const wanted: Wanted[] = [];
  const seen = new Set<string>();
  for (const kind of KINDS) {
    const objectMapping = mapping.objects[kind];
    if (!objectMapping) continue;
    for (const [output, target] of Object.entries(objectMapping.outputs)) {
      const name = `${objectMapping.object}.${target.field}`;
      if (seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      if (!target.field.endsWith('__c')) {
        throw new SalesforceConnectorError(
          `the mapping writes ${output} to ${name}, which is not a custom field name, so setup cannot create it. Fix: name a custom field ending in __c (e.g. ScoreSync_${output[0]?.toUpperCase() ?? ''}${output.slice(1)}__c) in the mapping.`,
          'config',
          'NOT_A_CUSTOM_FIELD',
          target.field,
        );
      }
      wanted.push({ object: objectMapping.object, field: target.field, metadata: outputFieldMetadata(objectMapping.object, output, target), permissionName: name });
    }
  }
  const taskObject = mapping.tasks?.object ?? DEFAULT_TASK_OBJECT;
  const keyField = mapping.tasks?.keyField ?? DEFAULT_TASK_KEY_FIELD;
  wanted.push({ object: taskObject, field: keyField, metadata: taskKeyFieldMetadata(keyField), permissionName: `Activity.${keyField}` });
  return wanted;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function isNoPermission(error: unknown): boolean {
  const info = classifyCallError(error);
  return /INSUFFICIENT_ACCESS|ModifyAllData|ModifyMetadata|insufficient access/i.test(`${info.code} ${info.message}`);
}

/** Which wanted fields the integration user can already see and edit, by describe. */
async function visibleState(api: SalesforceApi, wanted: readonly Wanted[]): Promise<Map<Wanted, 'ready' | 'invisible' | 'readOnly'>> {
  const byObject = new Map<string, Map<string, { updateable: boolean; createable: boolean }>>();
  for (const object of new Set(wanted.map((w) => w.object))) {
    const describe = await api.call((conn) => withDeadline(conn.describe(object), DEFAULT_CALL_TIMEOUT_MS, `describe ${object}`));
    byObject.set(object, new Map(describe.fields.map((f) => [f.name.toLowerCase(), { updateable: f.updateable, createable: f.createable }])));
  }
  const state = new Map<Wanted, 'ready' | 'invisible' | 'readOnly'>();
  for (const w of wanted) {
    const field = byObject.get(w.object)?.get(w.field.toLowerCase());
    state.set(w, field === undefined ? 'invisible' : field.updateable ? 'ready' : 'readOnly');
  }
  return state;
}

/** readMetadata: which of these custom fields exist (named by their Activity/Object full name). */
async function existingFields(api: SalesforceApi, fullNames: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(fullNames, METADATA_LIMIT)) {
    const read = await api.call((conn) => withDeadline(conn.metadata.read('CustomField', part), DEFAULT_CALL_TIMEOUT_MS, 'readMetadata CustomField'));
    const records = (Array.isArray(read) ? read : [read]) as ({ fullName?: unknown } | null | undefined)[];
    for (const record of records) if (record && typeof record.fullName === 'string') found.add(record.fullName.toLowerCase());
  }
  return found;
}

/** What an admin must do when the integration user may not: the fields to create and the access to grant. */
export function adminInstructions(toCreate: readonly Wanted[], toGrant: readonly Wanted[], user: string): string {
  const lines = ['The integration user may not change Salesforce metadata or assign permission sets, so an admin must:'];
  if (toCreate.length > 0) {
    lines.push('  1. Create these custom fields (Setup → Object Manager → <object> → Fields & Relationships → New):');
    for (const w of toCreate) lines.push(`     - ${w.metadata.fullName}  ${describeType(w.metadata)}  label "${w.metadata.label}"`);
  }
  lines.push(`  ${toCreate.length > 0 ? 2 : 1}. Create the permission set ${PERMISSION_SET} with Read and Edit field access on:`);
  for (const w of toGrant) lines.push(`     - ${w.permissionName}`);
  lines.push(`  ${toCreate.length > 0 ? 3 : 2}. Assign ${PERMISSION_SET} to the integration user ${user}.`);
  lines.push('Or give the integration user "Modify Metadata Through Metadata API Functions" and "Assign Permission Sets", then run `scoresync setup` again.');
  return lines.join('\n');
}

function actionFor(w: Wanted, state: State, dryRun: boolean): SetupAction {
  if (state === 'ready') return { object: w.object, field: w.field, action: 'exists', detail: `${describeType(w.metadata)} field is there and writable` };
  if (state === 'noAccess') {
    return { object: w.object, field: w.field, action: 'exists', detail: `exists without edit access for the integration user; ${dryRun ? 'would be granted' : 'granted'} through ${PERMISSION_SET}` };
  }
  return { object: w.object, field: w.field, action: dryRun ? 'create' : 'created', detail: `${dryRun ? 'would create' : 'created'} ${describeType(w.metadata)} "${w.metadata.label}" (${w.metadata.fullName})` };
}

async function createFields(api: SalesforceApi, toCreate: readonly Wanted[]): Promise<void> {
  const failures: string[] = [];
  for (const part of chunks(toCreate, METADATA_LIMIT)) {
    const results = await api.call((conn) => withDeadline(conn.metadata.create('CustomField', part.map((w) => w.metadata) as never[]), DEFAULT_CALL_TIMEOUT_MS, 'createMetadata CustomField'));
    const list = (Array.isArray(results) ? results : [results]) as unknown as { fullName?: string; success?: boolean | string; errors?: { statusCode?: string; message?: string } | { statusCode?: string; message?: string }[] }[];
    for (const result of list) {
      if (result.success === true || result.success === 'true') continue;
      const errors = Array.isArray(result.errors) ? result.errors : result.errors ? [result.errors] : [];
      failures.push(`${result.fullName ?? '?'}: ${errors.map((e) => `${e.statusCode ?? 'ERROR'} ${e.message ?? ''}`).join('; ')}`);
    }
  }
  if (failures.length > 0) {
    throw new SalesforceConnectorError(`Salesforce refused to create ${failures.length} field(s):\n  ${failures.join('\n  ')}\nFix: correct the mapping (type, name) or create the field by hand, then run setup again.`, 'config', 'FIELD_CREATE_FAILED');
  }
}

export async function setupSalesforceOutputs(api: SalesforceApi, mapping: MappingFile, options: { dryRun: boolean; logger: Logger }): Promise<SetupAction[]> {
  const wanted = wantedFields(mapping);
  const visible = await visibleState(api, wanted);
  const hidden = wanted.filter((w) => visible.get(w) !== 'ready');
  const state = new Map<Wanted, State>(wanted.map((w) => [w, visible.get(w) === 'ready' ? 'ready' : 'noAccess']));
  const user = api.conn.userInfo?.id ?? 'the integration user';
  let metadataAllowed = true;
  if (hidden.length > 0) {
    try {
      const existing = await existingFields(api, hidden.map((w) => w.metadata.fullName));
      for (const w of hidden) if (visible.get(w) === 'invisible' && !existing.has(w.metadata.fullName.toLowerCase())) state.set(w, 'missing');
    } catch (error) {
      if (!isNoPermission(error)) throw error;
      metadataAllowed = false;
      // Without metadata access we cannot tell missing from hidden: a field describe does not show is listed to create.
      for (const w of hidden) if (visible.get(w) === 'invisible') state.set(w, 'missing');
    }
  }
  const toCreate = wanted.filter((w) => state.get(w) === 'missing');
  const toGrant = wanted.filter((w) => state.get(w) !== 'ready');
  const actions = wanted.map((w) => actionFor(w, state.get(w) ?? 'missing', options.dryRun));
  if (toGrant.length === 0) return actions;

  if (!metadataAllowed) {
    const instructions = adminInstructions(toCreate, toGrant, user);
    if (options.dryRun) {
      options.logger.warn(instructions);
      return actions;
    }
    throw new SalesforceConnectorError(instructions, 'config', 'INSUFFICIENT_ACCESS');
  }
  const grant: SetupAction = { object: 'PermissionSet', field: PERMISSION_SET, action: options.dryRun ? 'create' : 'created', detail: `${options.dryRun ? 'would grant' : 'granted'} read and edit on ${toGrant.length} field(s) to the integration user` };
  if (options.dryRun) return [...actions, grant];

  try {
    await createFields(api, toCreate);
    const userId = await integrationUserId(api);
    const { assigned } = await grantFieldAccess(api, toGrant.map((w) => w.permissionName), userId);
    options.logger.info('granted field access', { permissionSet: PERMISSION_SET, fields: toGrant.length, newlyAssigned: assigned });
  } catch (error) {
    if (error instanceof SalesforceConnectorError) throw error;
    if (isNoPermission(error)) throw new SalesforceConnectorError(adminInstructions(toCreate, toGrant, user), 'config', 'INSUFFICIENT_ACCESS');
    const info = classifyCallError(error);
    throw new SalesforceConnectorError(`setup stopped: ${info.message}. Nothing is lost: run \`scoresync setup\` again (fields already created are kept).`, info.class, info.code);
  }
  return [...actions, grant];
}
