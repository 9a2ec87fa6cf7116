/** What every write handler needs from the call: the object's definition, the fault plan's locks, the version. */
import type { FieldDef } from '../schema/field.js';
import { RequestError } from '../org/save-errors.js';
import type { SaveContext, SaveOutcome } from '../org/api-writes.js';
import type { EmulatorState } from '../state.js';

export function requireObject(state: EmulatorState, name: string | undefined): string {
  const def = name === undefined ? undefined : state.org.schema.object(name);
  if (def === undefined) throw new RequestError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return def.name;
}

/** The key field of an upsert: `Id` or an External ID field the integration user can see. */
export function upsertKeyField(state: EmulatorState, object: string, name: string): FieldDef | 'Id' {
  if (name.toLowerCase() === 'id') return 'Id';
  const field = state.org.schema.field(object, name, 'integration-user');
  if (field === undefined || !(field.externalId || field.idLookup)) {
    throw new RequestError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
  }
  if (!field.externalId) throw new RequestError(400, 'INVALID_FIELD', `Field name provided, ${field.name} is not an External ID or indexed field for ${object}`);
  return field;
}

export function saveContext(isLocked: (key: string) => boolean): SaveContext {
  return { via: 'rest', isLocked };
}

/** A SaveResult as the collections resources write it: `id` only when there is one, `created` for upserts. */
export function saveResultJson(outcome: SaveOutcome): Record<string, unknown> {
  return {
    ...(outcome.id === null ? {} : { id: outcome.id }),
    success: outcome.success,
    errors: outcome.errors,
    ...(outcome.created === undefined ? {} : { created: outcome.created }),
  };
}
