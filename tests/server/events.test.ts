/**
 * POST /api/events: first-party events keyed by account domain or contact email are stored as activities, their
 * accounts marked, and the next run scores exactly those; bad bodies are 400 and store nothing. A property test throws
 * 10,000 generated bodies at it: never a 5xx, never a stored malformed event.
 */
import fc from 'fast-check';
import nock from 'nock';
import request from 'supertest';
import { normalizeDomain } from '../../src/model/domain.js';
import type { Activity } from '../../src/model/records.js';
import type { RunRecord } from '../../src/model/sync.js';
import { EVENT_TYPES } from '../../src/server/event-schema.js';
import type { RunningService } from '../../src/server/service.js';
import { AUTH, finishedRun, serve, serviceProject, type ServiceProject } from './service-harness.js';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());

const MAX_EVENTS = 5;

async function run(service: RunningService): Promise<RunRecord> {
  const res = await request(service.url).post('/api/runs').set(AUTH).send({});
  expect(res.status).toBe(202);
  return finishedRun(service.url, res.body.runId as string);
}

async function storedEvents(service: RunningService): Promise<Activity[]> {
  const { store } = service.context;
  const bundles = await store.loadBundles('file', await store.listAccountIds('file'));
  return bundles.flatMap((b) => b.activities.filter((a) => a.id.startsWith('event:')));
}

describe('POST /api/events', () => {
  let project: ServiceProject;
  let service: RunningService;
  let domains: string[];
  let emails: string[];
  const recent = () => new Date(Date.now() - 3_600_000).toISOString();

  beforeAll(async () => {
    project = serviceProject(8);
    project.addConfig(`service:\n  maxEventsPerRequest: ${MAX_EVENTS}`);
    service = await serve(project);
    domains = project.accounts().map((a) => normalizeDomain(a.website)!);
    emails = project.contacts().map((c) => c.email!);
    await run(service);
  });
  afterAll(async () => {
    await service.close();
    project.cleanup();
  });

  it('stores events of known accounts and contacts, marks their accounts, and the next run scores exactly those', async () => {
    const quiet = await run(service);
    expect(quiet.counts.scoredAccounts).toBe(0);
    const contact = project.contacts().find((c) => c.account_id !== project.accounts()[0]!.id)!;
    const events = [
      { type: 'pricing_visit', occurredAt: recent(), domain: `https://www.${domains[0]}/pricing`, detail: { url: '/pricing' } },
      { id: 'form-1', type: 'demo_request', occurredAt: recent(), email: contact.email!.toUpperCase() },
      { type: 'web_visit', occurredAt: recent(), domain: 'nobody-here.example' },
    ];
    const res = await request(service.url).post('/api/events').set(AUTH).send({ events });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ connector: 'file', received: 3, stored: 2, unchanged: 0, markedAccounts: 2, unmatched: [{ index: 2, reason: 'no account with domain nobody-here.example' }] });
    expect((await service.context.store.rescoreMarks('file')).map((m) => m.accountId).sort()).toEqual([project.accounts()[0]!.id, contact.account_id].sort());

    const again = await request(service.url).post('/api/events').set(AUTH).send({ events: events.slice(0, 2) });
    expect(again.body).toMatchObject({ stored: 0, unchanged: 2, markedAccounts: 0 });

    const scored = await run(service);
    expect(scored.status).toBe('succeeded');
    expect(scored.counts.scoredAccounts).toBe(2);
    expect(await service.context.store.rescoreMarks('file')).toEqual([]);
    const stored = await storedEvents(service);
    expect(stored.find((a) => a.id === 'event:form-1')).toMatchObject({ type: 'demo_request', contactId: contact.id, accountId: contact.account_id });
    const metrics = await request(service.url).get('/metrics');
    expect(metrics.text).toMatch(/scoresync_events_ingested_total\{connector="file"\} 2/);
  });

  it('refuses bad bodies with 400 naming the problem, and stores nothing of them', async () => {
    const before = (await storedEvents(service)).length;
    const ok = { type: 'web_visit', occurredAt: recent(), domain: domains[1] };
    const cases: [unknown, RegExp][] = [
      [{ events: Array.from({ length: MAX_EVENTS + 1 }, () => ok) }, /at most 5 events per request/],
      [{ events: [] }, /at least one event/],
      [{ events: [{ ...ok, type: 'email_open' }] }, /events\[0\]\.type/],
      [{ events: [ok, { ...ok, occurredAt: 'yesterday' }] }, /events\[1\]\.occurredAt/],
      [{ events: [{ ...ok, occurredAt: new Date(Date.now() + 86_400_000).toISOString() }] }, /lies in the future/],
      [{ events: [{ type: 'web_visit', occurredAt: recent() }] }, /domain or the contact email/],
      [{ events: [{ ...ok, domain: 42 }] }, /events\[0\]\.domain/],
      [{ events: [{ ...ok, email: 'not-an-email' }] }, /events\[0\]\.email/],
      [{ events: [{ ...ok, secret: 1 }] }, /secret/],
      [{ connector: 'hubspot', events: [ok] }, /connector: not a configured connector/],
      [{ events: 'all of them' }, /events/],
    ];
    for (const [body, message] of cases) {
      const res = await request(service.url).post('/api/events').set(AUTH).send(body as object);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_request');
      expect(res.body.message).toMatch(message);
    }
    expect((await storedEvents(service)).length).toBe(before);
  });

  it('10,000 generated bodies: never a 5xx, never a stored malformed event', async () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
    const date = fc.oneof(
      fc.date({ min: new Date('2020-01-01'), max: new Date(Date.now() + 86_400_000 * 30), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('2026-02-30T00:00:00Z', '2026-01-01', '2026-01-01T00:00:00+02:00', 'now', ''),
      value,
    );
    const event = fc.record(
      {
        id: fc.oneof(fc.string({ maxLength: 20 }), value),
        type: fc.oneof(fc.constantFrom(...EVENT_TYPES, 'email_open', 'WEB_VISIT'), value),
        occurredAt: date,
        domain: fc.oneof(fc.constantFrom(...domains, 'unknown.example', 'not a domain', ''), value),
        email: fc.oneof(fc.constantFrom(...emails, 'x@unknown.example', '@', 'a@b'), value),
        detail: fc.oneof(fc.record({ url: fc.oneof(fc.webUrl(), value), topic: fc.string(), subject: fc.string() }, { requiredKeys: [] }), value),
        extra: value,
      },
      { requiredKeys: [] },
    );
    // Well-formed events, so the property also covers what is stored (keyed by a known or an unknown domain or email).
    const validEvent = fc.record(
      {
        id: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
        type: fc.constantFrom(...EVENT_TYPES),
        occurredAt: fc.date({ min: new Date('2025-01-01'), max: new Date(Date.now() - 1000), noInvalidDate: true }).map((d) => d.toISOString()),
        domain: fc.constantFrom(...domains, 'unknown.example'),
        email: fc.constantFrom(...emails, 'x@unknown.example'),
        detail: fc.record({ url: fc.webUrl(), topic: fc.string({ minLength: 1, maxLength: 20 }).filter((t) => t.trim() !== '') }, { requiredKeys: [] }),
      },
      { requiredKeys: ['type', 'occurredAt'] },
    ).filter((e) => e.domain !== undefined || e.email !== undefined);
    const body = fc.oneof(
      { weight: 3, arbitrary: fc.record({ events: fc.array(validEvent, { minLength: 1, maxLength: MAX_EVENTS }) }) },
      { weight: 4, arbitrary: fc.record({ events: fc.array(event, { maxLength: MAX_EVENTS + 2 }), connector: fc.constantFrom('file', 'hubspot', 1) }, { requiredKeys: ['events'] }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await request(service.url).post('/api/events').set(AUTH).set('Content-Type', 'application/json').send(JSON.stringify(b));
        expect(res.status).toBeLessThan(500);
        expect([202, 400]).toContain(res.status);
        if (res.status === 202) accepted += 1;
      }),
      { numRuns: 10_000, seed: 20261130 },
    );
    expect(accepted).toBeGreaterThan(100);
    const accountIds = new Set(project.accounts().map((a) => a.id));
    for (const a of await storedEvents(service)) {
      expect(EVENT_TYPES).toContain(a.type);
      expect(Number.isFinite(Date.parse(a.occurredAt))).toBe(true);
      expect(Date.parse(a.occurredAt)).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
      expect(a.accountId !== null && accountIds.has(a.accountId)).toBe(true);
      expect(a.source).toBe('file');
    }
  });
});
