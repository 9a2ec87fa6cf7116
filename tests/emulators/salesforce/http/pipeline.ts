/**
 * One request through the emulator, in the order a real org answers it: route, fault plan, session, daily limit,
 * handler. Returns what to send and whether to cut the connection instead; the server does the socket work.
 */
import { bearerToken } from '../auth/tokens.js';
import type { CallFault } from '../faults.js';
import { soapFault, soapSessionId } from '../handlers/metadata.js';
import { RequestError } from '../org/save-errors.js';
import type { EmulatorState } from '../state.js';
import { apiError, errorReply, NOT_FOUND, type Reply, type RequestInfo } from './reply.js';
import { matchRoute, type Route } from './routes.js';

export interface Outcome {
  reply: Reply;
  /** Cut the connection: before handling, after handling with nothing sent, or halfway through the body. */
  drop: 'none' | 'before' | 'after' | 'midBody';
  endpoint: string;
  apiCounted: boolean;
  fault?: string;
}

const SESSION_EXPIRED = (): Reply => apiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

function faultReply(fault: CallFault): Reply | null {
  switch (fault.kind) {
    case 'http429':
      // Not REQUEST_LIMIT_EXCEEDED: that code means the daily allowance is gone, and a client rightly stops on it.
      return { ...apiError(429, 'TOO_MANY_REQUESTS', 'Too many requests, retry later'), headers: { 'Content-Type': 'application/json;charset=UTF-8', 'Retry-After': '1' } };
    case 'http500':
      return apiError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 0-emulator');
    case 'http503':
      return apiError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable, retry later');
    default:
      return null;
  }
}

function authenticated(route: Route, request: RequestInfo, state: EmulatorState): boolean {
  if (route.auth === 'none') return true;
  const token = route.auth === 'soap' ? soapSessionId(request) : bearerToken(request.headers.authorization);
  return state.tokens.isValid(token);
}

function versionSupported(route: Route, params: Record<string, string>, state: EmulatorState): boolean {
  if (params['version'] === undefined) return true;
  const version = Number(params['version']);
  return version >= Math.max(route.minVersion, state.config.minVersion) && version <= state.config.maxVersion;
}

function runHandler(route: Route, request: RequestInfo, state: EmulatorState, isLocked: (key: string) => boolean): Reply {
  try {
    return route.handler(request, state, isLocked);
  } catch (error) {
    if (error instanceof RequestError) return errorReply(error);
    const message = error instanceof Error ? error.message : String(error);
    return apiError(500, 'UNKNOWN_EXCEPTION', `emulator error: ${message}`);
  }
}

export function handle(request: Omit<RequestInfo, 'params'>, state: EmulatorState): Outcome {
  const match = matchRoute(request.method, request.path);
  if (match === null) return { reply: NOT_FOUND(), drop: 'none', endpoint: 'unknown', apiCounted: false };
  if ('allowed' in match) {
    return { reply: apiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed. Allowed are ${match.allowed.join(',')}`), drop: 'none', endpoint: 'unknown', apiCounted: false };
  }
  const { route, params } = match;
  const full: RequestInfo = { ...request, params };
  const base = { endpoint: route.endpoint, apiCounted: false };
  if (!versionSupported(route, params, state)) return { ...base, reply: NOT_FOUND(), drop: 'none' };

  const decision = state.faults.decide({ method: request.method, endpoint: route.endpoint, api: route.api });
  const fault = decision.fault;
  if (fault?.kind === 'drop' && !fault.afterApply) return { ...base, reply: NOT_FOUND(), drop: 'before', fault: 'drop' };
  const immediate = fault === null ? null : faultReply(fault);
  if (immediate !== null) return { ...base, reply: immediate, drop: 'none', fault: fault?.kind };
  if (fault?.kind === 'sessionExpired') state.tokens.expireAll();
  if (fault?.kind === 'quotaExhausted') state.apiUsed = Math.max(state.apiUsed, state.config.dailyLimit);

  if (!authenticated(route, full, state)) {
    const reply = route.auth === 'soap' ? soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session') : SESSION_EXPIRED();
    return { ...base, reply, drop: 'none', fault: fault?.kind };
  }
  if (route.api && state.quotaExhausted()) {
    const reply = apiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    reply.headers['Sforce-Limit-Info'] = state.limitInfo();
    return { ...base, reply, drop: 'none', fault: fault?.kind };
  }
  if (route.api) state.apiUsed += 1;
  const reply = runHandler(route, full, state, decision.isLocked);
  if (route.api) reply.headers['Sforce-Limit-Info'] = state.limitInfo();
  const drop = fault?.kind !== 'drop' ? 'none' : fault.midBody ? 'midBody' : 'after';
  return { reply, drop, endpoint: route.endpoint, apiCounted: route.api, ...(fault === null ? {} : { fault: fault.kind }) };
}
