/** The admin API's bearer token check: constant-time, and the same answer for a missing and a wrong token. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './http-errors.js';

// Hashing first gives both sides one length, so the comparison's time says nothing about the token's length either.
const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export function tokenMatches(expected: string, given: string): boolean {
  return timingSafeEqual(digest(expected), digest(given));
}

/** `token` null: the service runs with --insecure-local on loopback and every request passes. */
export function requireToken(token: string | null): RequestHandler {
  return (req, res, next) => {
    if (token === null) return next();
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (match && tokenMatches(token, match[1]!.trim())) return next();
    res.set('WWW-Authenticate', 'Bearer realm="scoresync"');
    next(new HttpError(401, 'unauthorized', 'send the admin token as "Authorization: Bearer <SCORESYNC_API_TOKEN>"'));
  };
}
