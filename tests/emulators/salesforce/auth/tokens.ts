/**
 * Access tokens handed out by the token endpoint. Each expires after the configured lifetime; a fault or a test
 * can expire all of them at once (a revoked session), after which every call answers 401 INVALID_SESSION_ID
 * until the client gets a new token.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../values.js';

export interface ConnectedApp {
  clientId: string;
  clientSecret: string;
  /** Username of the integration user (the JWT `sub` and the client-credentials run-as user). */
  username: string;
  /** PEM or KeyObject-exportable public key of the certificate uploaded to the connected app (JWT bearer). */
  jwtPublicKey?: string;
  /** Refresh tokens the org accepts (a real org issues them in the web-server flow, which is not emulated). */
  refreshTokens: string[];
  /** Client credentials flow enabled with a run-as user (Salesforce: "Enable Client Credentials Flow"). */
  clientCredentialsEnabled: boolean;
}

interface IssuedToken {
  expiresAt: number;
  revoked: boolean;
}

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly clock: Clock,
    private readonly orgId15: string,
    public ttlMs: number,
  ) {}

  issue(): string {
    const token = `${this.orgId15}!AQ${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { expiresAt: this.clock() + this.ttlMs, revoked: false });
    return token;
  }

  isValid(token: string | null): boolean {
    if (token === null) return false;
    const issued = this.tokens.get(token);
    return issued !== undefined && !issued.revoked && this.clock() < issued.expiresAt;
  }

  /** Every token issued so far stops working (session timeout, revoked by an admin, the fault plan). */
  expireAll(): void {
    for (const token of this.tokens.values()) token.revoked = true;
  }
}

/** The documented `signature`: base64 HMAC-SHA256 of the id URL followed by issued_at, keyed with the client secret. */
export function tokenSignature(idUrl: string, issuedAt: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret).update(idUrl + issuedAt).digest('base64');
}

/** The bearer token of a request, from `Authorization: Bearer …` (or `OAuth …`, which the API also accepts). */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
