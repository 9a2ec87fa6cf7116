/**
 * describe, once per object per connector: every SOQL field name and every mapping check is judged against it.
 * A fresh connector (each `scoresync run`) describes again, so a field an admin just added or hid is seen at the next
 * run; `scoresync serve` keeps one connector, so its idle runs spend no describe calls and see such a field after a
 * restart.
 */
import type { DescribeSObjectResult } from 'jsforce';
import type { SalesforceApi } from './api.js';
import { classifyCallError, SalesforceConnectorError } from './errors.js';
import { objectSchema, type ObjectSchema } from './soql.js';

export interface Schemas {
  get(object: string): Promise<ObjectSchema>;
  /** Like get, but null when the object does not exist or the user cannot see it. */
  find(object: string): Promise<ObjectSchema | null>;
}

export function createSchemas(api: SalesforceApi): Schemas {
  const cache = new Map<string, Promise<ObjectSchema | null>>();
  function find(object: string): Promise<ObjectSchema | null> {
    let pending = cache.get(object);
    if (pending === undefined) {
      pending = api
        .call((conn) => conn.request<DescribeSObjectResult>(`/sobjects/${encodeURIComponent(object)}/describe`))
        .then(objectSchema, (error: unknown) => {
          const info = classifyCallError(error);
          if (info.code === 'NOT_FOUND' || info.code === 'INVALID_TYPE' || info.code === 'ERROR_HTTP_404') return null;
          throw error;
        });
      pending.catch(() => cache.delete(object));
      cache.set(object, pending);
    }
    return pending;
  }
  return {
    find,
    async get(object) {
      const schema = await find(object);
      if (schema === null) {
        throw new SalesforceConnectorError(
          `Salesforce has no object "${object}" the integration user can see. Fix: correct the object name in the mapping, or give the user read access to ${object}.`,
          'config',
          'INVALID_TYPE',
        );
      }
      return schema;
    },
  };
}
