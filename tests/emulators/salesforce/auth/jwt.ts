/**
 * The JWT bearer assertion check of the OAuth 2.0 JWT Bearer Flow: RS256 signature against the connected app's
 * certificate, `iss` = consumer key, `sub` = a user of the org, `aud` = the login URL, and `exp` not passed.
 */
import { createPublicKey, verify } from 'node:crypto';

export interface JwtExpectations {
  publicKeyPem: string;
  clientId: string;
  usernames: readonly string[];
  audiences: readonly string[];
  nowMs: number;
}

export type JwtCheck = { ok: true; subject: string } | { ok: false; error: string; description: string };

function decodePart(part: string | undefined): Record<string, unknown> | null {
  if (part === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function fail(error: string, description: string): JwtCheck {
  return { ok: false, error, description };
}

export function checkJwtAssertion(assertion: string, expect: JwtExpectations): JwtCheck {
  const parts = assertion.split('.');
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  const signature = parts[2];
  if (parts.length !== 3 || header === null || claims === null || signature === undefined) return fail('invalid_grant', 'invalid assertion');
  if (header['alg'] !== 'RS256') return fail('invalid_grant', 'invalid assertion');
  const signedOk = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey(expect.publicKeyPem), Buffer.from(signature, 'base64url'));
  if (!signedOk) return fail('invalid_grant', 'invalid assertion');
  if (claims['iss'] !== expect.clientId) return fail('invalid_client_id', 'client identifier invalid');
  const audiences = Array.isArray(claims['aud']) ? claims['aud'] : [claims['aud']];
  const audienceOk = audiences.some((a) => typeof a === 'string' && expect.audiences.includes(a.replace(/\/$/, '')));
  if (!audienceOk) return fail('invalid_grant', 'audience is invalid');
  const exp = claims['exp'];
  if (typeof exp !== 'number' || exp * 1000 <= expect.nowMs) return fail('invalid_grant', 'expired authorization code');
  const sub = claims['sub'];
  if (typeof sub !== 'string' || !expect.usernames.some((u) => u.toLowerCase() === sub.toLowerCase())) return fail('invalid_grant', 'user hasn\'t approved this consumer');
  return { ok: true, subject: sub };
}
