/**
 * /__emulator/…: the test-facing API for a caller in another process (a `scoresync run` kill test, the bench):
 * call counts, records, the write log, the fault plan. Not part of Salesforce; never counted as API calls.
 */
import type { FaultPlan } from '../faults.js';
import { OrgError } from '../org/org.js';
import { snapshotOrg } from '../persist.js';
import type { EmulatorState } from '../state.js';
import { json, noContent, NOT_FOUND, type Reply } from './reply.js';

export const ADMIN_PREFIX = '/__emulator/';

export function adminRequest(method: string, path: string, query: URLSearchParams, body: Buffer, state: EmulatorState): Reply {
  const route = `${method} ${path.slice(ADMIN_PREFIX.length).replace(/\/$/, '')}`;
  const objectMatch = /^GET org\/(\w+)$/.exec(route);
  try {
    if (objectMatch?.[1] !== undefined) return json(200, state.org.list(objectMatch[1], { includeDeleted: query.get('includeDeleted') === 'true' }));
    switch (route) {
      case 'GET calls':
        return json(200, { total: state.calls.count(), apiUsed: state.apiUsed, dailyLimit: state.config.dailyLimit, byEndpoint: state.calls.byEndpoint(), calls: state.calls.list() });
      case 'POST calls/reset':
        state.calls.reset();
        return noContent();
      case 'GET writes':
        return json(200, state.org.writes(query.get('object') === null ? {} : { object: query.get('object') ?? '' }));
      case 'GET state':
        return json(200, snapshotOrg(state.org, state.apiUsed));
      case 'POST fault-plan':
        state.faults.setPlan(JSON.parse(body.toString('utf8') || '{"faults":[]}') as FaultPlan);
        return noContent();
      case 'POST sessions/expire':
        state.tokens.expireAll();
        return noContent();
      default:
        return NOT_FOUND();
    }
  } catch (error) {
    if (error instanceof OrgError || error instanceof SyntaxError) return json(400, [{ errorCode: 'EMULATOR_ADMIN', message: error.message }]);
    throw error;
  }
}
