/**
 * First-party events posted to POST /api/events: web visits, form fills, product usage and the like, keyed by the
 * account's domain or the contact's email. Strict: an unknown key, a wrong type, a date that is not ISO-8601 or lies
 * in the future is refused with its path, and nothing of that request is stored.
 */
import { z } from 'zod';

/** The activity types a first-party source reports (CRM-only types such as email opens or calls are not accepted). */
export const EVENT_TYPES = [
  'web_visit',
  'pricing_visit',
  'careers_visit',
  'form_submit',
  'demo_request',
  'content_download',
  'webinar',
  'event',
  'other',
] as const;

/** An event may be up to this far ahead of the server's clock (clock skew), no further. */
const FUTURE_SLACK_MS = 5 * 60_000;
const text = (max: number) => z.string().trim().min(1).max(max);

export function eventSchema(now: () => Date) {
  return z
    .strictObject({
      /** The sender's id for the event: posting it again replaces it instead of adding a copy. */
      id: text(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional(),
      type: z.enum(EVENT_TYPES),
      occurredAt: z.iso.datetime({ offset: true }).refine((iso) => Date.parse(iso) <= now().getTime() + FUTURE_SLACK_MS, 'lies in the future'),
      domain: text(253)
        .regex(/^(https?:\/\/)?[a-z0-9.-]+\.[a-z]{2,}(\/.*)?$/i, 'a domain like acme.com')
        .optional(),
      email: z.email().max(320).optional(),
      detail: z
        .strictObject({
          url: text(2000).optional(),
          topic: text(200).optional(),
          subject: text(500).optional(),
        })
        .optional(),
    })
    .refine((e) => e.domain !== undefined || e.email !== undefined, { message: 'give the account domain or the contact email', path: ['domain'] });
}

export function eventsRequestSchema(now: () => Date, maxEvents: number, connectors: readonly string[]) {
  return z.strictObject({
    connector: z
      .string()
      .refine((c) => connectors.includes(c), { message: `not a configured connector (configured: ${connectors.join(', ')})` })
      .optional(),
    events: z.array(eventSchema(now)).min(1, 'send at least one event').max(maxEvents, `at most ${maxEvents} events per request (service.maxEventsPerRequest)`),
  });
}

export type IncomingEvent = z.output<ReturnType<typeof eventSchema>>;
