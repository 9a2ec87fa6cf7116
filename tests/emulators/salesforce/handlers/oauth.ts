/**
 * POST /services/oauth2/token for the three server-to-server flows ScoreSync uses (client credentials, JWT bearer,
 * refresh token), answering with the documented token response or `{ error, error_description }` (HTTP 400).
 * GET /id/{org}/{user} is the identity URL the token response points to.
 */
import { checkJwtAssertion } from '../auth/jwt.js';
import { bearerToken, tokenSignature } from '../auth/tokens.js';
import { apiError, json, type Reply, type RequestInfo } from '../http/reply.js';
import type { EmulatorState } from '../state.js';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const LOGIN_AUDIENCES = ['https://login.salesforce.com', 'https://test.salesforce.com'];

function oauthError(error: string, description: string): Reply {
  return json(400, { error, error_description: description });
}

function identityUrl(state: EmulatorState): string {
  return `${state.url}/id/${state.org.orgId}/${state.org.integrationUser.id}`;
}

function clientCredentials(request: RequestInfo, form: URLSearchParams): { id: string | null; secret: string | null } {
  const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (basic?.[1] !== undefined) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':', 2);
    return { id: id ?? null, secret: secret ?? null };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

function issue(state: EmulatorState, flow: 'client_credentials' | 'jwt' | 'refresh'): Reply {
  const accessToken = state.tokens.issue();
  const id = identityUrl(state);
  if (flow === 'jwt') return json(200, { access_token: accessToken, scope: 'api', instance_url: state.url, id, token_type: 'Bearer' });
  const issuedAt = String(state.clock());
  const common = { access_token: accessToken, signature: tokenSignature(id, issuedAt, state.app.clientSecret), scope: 'api', instance_url: state.url, id, token_type: 'Bearer', issued_at: issuedAt };
  return json(200, flow === 'client_credentials' ? { ...common, token_format: 'opaque' } : common);
}

export function tokenEndpoint(request: RequestInfo, state: EmulatorState): Reply {
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.startsWith('application/x-www-form-urlencoded')) return oauthError('invalid_request', 'must use application/x-www-form-urlencoded');
  const form = new URLSearchParams(request.body.toString('utf8'));
  const grant = form.get('grant_type');
  const client = clientCredentials(request, form);
  switch (grant) {
    case null:
      return oauthError('invalid_request', 'grant type is missing');
    case 'client_credentials': {
      if (client.id !== state.app.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
      if (client.secret !== state.app.clientSecret) return oauthError('invalid_client', 'invalid client credentials');
      if (!state.app.clientCredentialsEnabled) return oauthError('invalid_grant', 'no client credentials user enabled');
      return issue(state, 'client_credentials');
    }
    case JWT_GRANT: {
      if (state.app.jwtPublicKey === undefined) return oauthError('invalid_grant', 'invalid assertion');
      const check = checkJwtAssertion(form.get('assertion') ?? '', {
        publicKeyPem: state.app.jwtPublicKey,
        clientId: state.app.clientId,
        usernames: [state.app.username],
        audiences: [...LOGIN_AUDIENCES, state.url],
        nowMs: state.clock(),
      });
      return check.ok ? issue(state, 'jwt') : oauthError(check.error, check.description);
    }
    case 'refresh_token': {
      if (client.id !== state.app.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
      if (client.secret !== null && client.secret !== state.app.clientSecret) return oauthError('invalid_client', 'invalid client credentials');
      if (!state.app.refreshTokens.includes(form.get('refresh_token') ?? '')) return oauthError('invalid_grant', 'expired access/refresh token');
      return issue(state, 'refresh');
    }
    default:
      return oauthError('unsupported_grant_type', 'grant type not supported');
  }
}

export function identity(request: RequestInfo, state: EmulatorState): Reply {
  if (!state.tokens.isValid(bearerToken(request.headers.authorization))) return apiError(403, 'Bad_OAuth_Token', 'Bad_OAuth_Token');
  const user = state.org.integrationUser;
  const rest = `${state.url}/services/data/v{version}/`;
  return json(200, {
    id: identityUrl(state),
    asserted_user: true,
    user_id: user.id,
    organization_id: state.org.orgId,
    username: user.username,
    nick_name: user.username.split('@')[0],
    display_name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    urls: { rest, sobjects: `${rest}sobjects/`, query: `${rest}query/`, metadata: `${state.url}/services/Soap/m/{version}/${state.org.orgId.slice(0, 15)}` },
  });
}
