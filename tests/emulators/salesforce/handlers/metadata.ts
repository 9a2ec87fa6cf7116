/**
 * The Metadata API's CRUD calls over SOAP (POST /services/Soap/m/{version}): createMetadata, upsertMetadata,
 * updateMetadata and readMetadata for CustomField and PermissionSet, at most 10 components a call. Faults are
 * SOAP faults with HTTP 500 (INVALID_SESSION_ID makes jsforce refresh its session; INSUFFICIENT_ACCESS when the
 * integration user lacks Modify Metadata).
 */
import { bearerToken } from '../auth/tokens.js';
import { xml, type Reply, type RequestInfo } from '../http/reply.js';
import { customFieldDef, splitFullName, type Metadata } from '../metadata/custom-field.js';
import { permissionSetFromMetadata, permissionSetMetadata } from '../metadata/permission-set.js';
import { saveError, type SaveError } from '../org/save-errors.js';
import type { EmulatorState } from '../state.js';
import { child, children, localName, parseXml, toPlain, toXml, XmlSyntaxError, type XmlNode } from '../xml.js';

const MAX_COMPONENTS = 10;

interface SaveResult {
  fullName: string;
  success: boolean;
  errors: SaveError[];
  created?: boolean;
}

function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

export function soapFault(code: string, message: string): Reply {
  return xml(500, envelope(toXml('soapenv:Fault', { faultcode: `sf:${code}`, faultstring: `${code}: ${message}` })));
}

/** The session id of a SOAP call: SessionHeader/sessionId in the envelope (jsforce sends no Authorization header). */
export function soapSessionId(request: RequestInfo): string | null {
  const match = /<(?:\w+:)?sessionId>([^<]*)<\/(?:\w+:)?sessionId>/.exec(request.body.toString('utf8'));
  return match?.[1] ?? bearerToken(request.headers.authorization);
}

function resultXml(result: SaveResult): Record<string, unknown> {
  return {
    ...(result.created === undefined ? {} : { created: String(result.created) }),
    ...(result.errors.length === 0 ? {} : { errors: result.errors.map((e) => ({ fields: e.fields, message: e.message, statusCode: e.statusCode })) }),
    fullName: result.fullName,
    success: String(result.success),
  };
}

type Mode = 'create' | 'update' | 'upsert';

function fail(fullName: string, error: SaveError): SaveResult {
  return { fullName, success: false, errors: [error] };
}

function saveCustomField(state: EmulatorState, metadata: Metadata, mode: Mode): SaveResult {
  const fullName = String(metadata['fullName'] ?? '');
  const parts = splitFullName(fullName);
  if (parts !== null && (parts.owner === 'Task' || parts.owner === 'Event')) {
    return fail(fullName, saveError('FIELD_INTEGRITY_EXCEPTION', `Custom fields of Task and Event are defined on Activity: use Activity.${parts.name}`, ['fullName']));
  }
  if (parts !== null && !state.org.schema.isCustomFieldOwner(parts.owner)) return fail(fullName, saveError('INVALID_CROSS_REFERENCE_KEY', `no CustomObject named ${parts.owner} found`, ['fullName']));
  const parsed = customFieldDef(metadata);
  if ('error' in parsed) return fail(fullName, parsed.error);
  const existing = state.org.schema.customField(parsed.owner, parsed.def.name);
  if (existing !== undefined && mode === 'create') {
    return fail(fullName, saveError('DUPLICATE_DEVELOPER_NAME', `There is already a field named ${parsed.def.name.replace(/__c$/, '')} on ${parsed.owner}.`));
  }
  if (existing === undefined && mode === 'update') return fail(fullName, saveError('INVALID_CROSS_REFERENCE_KEY', `no CustomField named ${fullName} found`));
  state.org.addCustomField(parsed.owner, parsed.def, existing?.directAccess ?? 'none', metadata);
  return { fullName, success: true, errors: [], ...(mode === 'upsert' ? { created: existing === undefined } : {}) };
}

function savePermissionSet(state: EmulatorState, metadata: Metadata, mode: Mode): SaveResult {
  const fullName = String(metadata['fullName'] ?? '');
  const existing = state.org.schema.permissionSet(fullName);
  if (existing !== undefined && mode === 'create') return fail(fullName, saveError('DUPLICATE_DEVELOPER_NAME', `The API name ${fullName} is already in use by another permission set.`));
  if (existing === undefined && mode === 'update') return fail(fullName, saveError('INVALID_CROSS_REFERENCE_KEY', `no PermissionSet named ${fullName} found`));
  const parsed = permissionSetFromMetadata(state.org, metadata, existing);
  if ('error' in parsed) return fail(fullName, parsed.error);
  state.org.schema.putPermissionSet(parsed);
  if (existing === undefined) state.org.insert('PermissionSet', { Name: parsed.fullName, Label: parsed.label, Description: parsed.description, IsOwnedByProfile: false });
  return { fullName, success: true, errors: [], ...(mode === 'upsert' ? { created: existing === undefined } : {}) };
}

function save(state: EmulatorState, node: XmlNode, mode: Mode): SaveResult {
  const type = localName(node.attributes['xsi:type'] ?? '');
  const metadata = toPlain(node) as Metadata;
  if (type === 'CustomField') return saveCustomField(state, metadata, mode);
  if (type === 'PermissionSet') return savePermissionSet(state, metadata, mode);
  return fail(String(metadata['fullName'] ?? ''), saveError('INVALID_TYPE', `The emulator supports CustomField and PermissionSet metadata, not ${type || 'an untyped component'}`));
}

function read(state: EmulatorState, call: XmlNode): string {
  const type = child(call, 'type')?.text.trim() ?? '';
  const records = children(call, 'fullNames').map((n) => n.text.trim()).map((fullName) => {
    if (type === 'CustomField') {
      const parts = splitFullName(fullName);
      const owner = parts?.owner === 'Task' || parts?.owner === 'Event' ? 'Activity' : (parts?.owner ?? '');
      const entry = parts === null ? undefined : state.org.schema.customField(owner, parts.name);
      return entry === undefined ? null : { '@xsi:type': 'CustomField', ...entry.metadata };
    }
    const set = type === 'PermissionSet' ? state.org.schema.permissionSet(fullName) : undefined;
    return set === undefined ? null : { '@xsi:type': 'PermissionSet', ...permissionSetMetadata(set) };
  });
  return toXml('readMetadataResponse', { result: { records } });
}

export function metadataCall(request: RequestInfo, state: EmulatorState): Reply {
  let body: XmlNode | undefined;
  try {
    body = child(child(parseXml(request.body.toString('utf8')), 'Envelope') ?? { name: '', attributes: {}, children: [], text: '' }, 'Body');
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
  }
  const call = body?.children[0];
  if (call === undefined) return soapFault('INVALID_SOAP_MESSAGE', 'the request is not a SOAP envelope with a Body');
  if (!state.config.modifyMetadata) return soapFault('INSUFFICIENT_ACCESS', 'use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions');
  const method = localName(call.name);
  if (method === 'readMetadata') return xml(200, envelope(read(state, call)));
  const modes: Record<string, Mode> = { createMetadata: 'create', updateMetadata: 'update', upsertMetadata: 'upsert' };
  const mode = modes[method];
  if (mode === undefined) return soapFault('INVALID_OPERATION', `The emulator does not implement ${method}`);
  const components = children(call, 'metadata');
  if (components.length > MAX_COMPONENTS) return soapFault('EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COMPONENTS} records in this operation`);
  const results = components.map((node) => resultXml(save(state, node, mode)));
  return xml(200, envelope(toXml(`${method}Response`, { result: results })));
}
