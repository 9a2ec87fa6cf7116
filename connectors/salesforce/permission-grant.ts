/**
 * Field access for the integration user. A field created through the Metadata API has no field-level security, so the
 * user can neither see nor write it until a permission set that grants it is assigned to them. `ScoreSync_Integration`
 * holds read and edit on every output field and the task key; it is upserted (other fields it grants are kept) and
 * assigned once.
 */
import type { SalesforceApi } from './api.js';
import { DEFAULT_CALL_TIMEOUT_MS, withDeadline } from './deadline.js';
import { SalesforceConnectorError } from './errors.js';
import { stringLiteral } from './soql.js';

export const PERMISSION_SET = 'ScoreSync_Integration';
export const PERMISSION_SET_LABEL = 'ScoreSync Integration';

interface SaveResultLike {
  success?: boolean | string;
  errors?: { statusCode?: string; message?: string } | { statusCode?: string; message?: string }[];
}

function saveErrors(result: SaveResultLike): string {
  const errors = Array.isArray(result.errors) ? result.errors : result.errors ? [result.errors] : [];
  return errors.map((e) => `${e.statusCode ?? 'ERROR'}: ${e.message ?? ''}`).join('; ');
}

function succeeded(result: SaveResultLike): boolean {
  return result.success === true || result.success === 'true';
}

/**
 * The integration user: jsforce knows it after `authorize()` (the token's identity URL); a connection built from a
 * token needs `userInfo` passed in, or the identity URL from the version resource (`GET /services/data/vXX.X`).
 */
export async function integrationUserId(api: SalesforceApi): Promise<string> {
  const known = api.conn.userInfo?.id;
  if (known) return known;
  try {
    const identity = await api.call((conn) => withDeadline(conn.identity(), DEFAULT_CALL_TIMEOUT_MS, 'identity'));
    if (identity.user_id) return identity.user_id;
  } catch {
    // reported below with what to do
  }
  throw new SalesforceConnectorError(
    `the integration user's id is unknown (the session carries no identity URL), so ${PERMISSION_SET} cannot be assigned. Fix: assign the permission set ${PERMISSION_SET} to the integration user in Setup → Permission Sets, then run setup again.`,
    'config',
    'NO_USER_ID',
  );
}

/** Upserts the permission set with read/edit on `fields` (`Object.Field__c`), then assigns it to `userId` if needed. */
export async function grantFieldAccess(api: SalesforceApi, fields: readonly string[], userId: string): Promise<{ assigned: boolean }> {
  const metadata = {
    fullName: PERMISSION_SET,
    label: PERMISSION_SET_LABEL,
    description: 'Read and edit on the fields ScoreSync writes (created by scoresync setup).',
    fieldPermissions: fields.map((field) => ({ field, readable: true, editable: true })),
  };
  const saved = (await api.call((conn) => withDeadline(conn.metadata.upsert('PermissionSet', metadata as never), DEFAULT_CALL_TIMEOUT_MS, 'upsert PermissionSet'))) as unknown as SaveResultLike;
  if (!succeeded(saved)) throw new Error(`permission set ${PERMISSION_SET} was refused: ${saveErrors(saved)}`);
  const set = await api.call((conn) => withDeadline(conn.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Name = ${stringLiteral(PERMISSION_SET)}`).run(), DEFAULT_CALL_TIMEOUT_MS, 'query PermissionSet'));
  const setId = set.records[0]?.Id;
  if (setId === undefined) throw new Error(`permission set ${PERMISSION_SET} was saved but cannot be read back`);
  const assigned = await api.call((conn) =>
    withDeadline(
      conn.query<{ Id: string }>(`SELECT Id FROM PermissionSetAssignment WHERE PermissionSetId = ${stringLiteral(setId)} AND AssigneeId = ${stringLiteral(userId)}`).run(),
      DEFAULT_CALL_TIMEOUT_MS,
      'query PermissionSetAssignment',
    ),
  );
  if (assigned.records.length > 0) return { assigned: false };
  await api.call((conn) => withDeadline(conn.sobject('PermissionSetAssignment').create({ AssigneeId: userId, PermissionSetId: setId }), DEFAULT_CALL_TIMEOUT_MS, 'assign PermissionSet'));
  return { assigned: true };
}
