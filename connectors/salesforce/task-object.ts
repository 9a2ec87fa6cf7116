/**
 * What the task writer needs to know about the org's Task object, read once per run (one describe call per
 * connector): whether the idempotency key field exists as an External ID the integration user can write (then tasks
 * are upserted on it), the org's default task Status, and the lengths of Subject and Description.
 */
import type { DescribeSObjectResult, Field } from 'jsforce';
import type { SalesforceApi } from './api.js';
import { callFailure } from './call-failure.js';
import { DEFAULT_CALL_TIMEOUT_MS, withDeadline } from './deadline.js';
import { objectSchema, type ObjectSchema } from './soql.js';

export interface TaskObjectInfo {
  object: string;
  schema: ObjectSchema;
  /** The key field as Salesforce spells it, when it is an External ID the user can create and update; else null. */
  keyField: string | null;
  /** The org's default Status of a new task (its picklist default), else 'Not Started'. */
  status: string;
  subjectLength: number;
  descriptionLength: number;
}

const DEFAULT_STATUS = 'Not Started';

function usableKey(field: Field | undefined): boolean {
  return field !== undefined && field.externalId === true && field.createable === true && field.updateable === true;
}

export function taskObjectInfo(describe: DescribeSObjectResult, keyField: string): TaskObjectInfo {
  const schema = objectSchema(describe);
  const key = schema.fields.get(keyField.toLowerCase());
  const status = schema.fields.get('status')?.picklistValues?.find((v) => v.defaultValue && v.active)?.value;
  return {
    object: describe.name,
    schema,
    keyField: usableKey(key) ? (key?.name ?? null) : null,
    status: status ?? DEFAULT_STATUS,
    subjectLength: schema.fields.get('subject')?.length || 255,
    descriptionLength: schema.fields.get('description')?.length || 32_000,
  };
}

const cache = new WeakMap<SalesforceApi, Map<string, Promise<TaskObjectInfo>>>();

/** Describes the task object once per api (one run's connector); a failed describe is tried again next time. */
export function describeTaskObject(api: SalesforceApi, object: string, keyField: string): Promise<TaskObjectInfo> {
  const perApi = cache.get(api) ?? new Map<string, Promise<TaskObjectInfo>>();
  cache.set(api, perApi);
  const cacheKey = `${object}.${keyField}`;
  const known = perApi.get(cacheKey);
  if (known) return known;
  const pending = api
    .call((conn) => withDeadline(conn.describe(object), DEFAULT_CALL_TIMEOUT_MS, `describe ${object}`))
    .then((describe) => taskObjectInfo(describe, keyField))
    .catch((error: unknown) => {
      perApi.delete(cacheKey);
      throw callFailure(error, `describe ${object}`);
    });
  perApi.set(cacheKey, pending);
  return pending;
}
