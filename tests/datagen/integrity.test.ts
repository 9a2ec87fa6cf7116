import { ACTIVITY_TYPES, type ActivityType } from '../../src/model/records.js';
import { normalizeDomain } from '../../src/model/domain.js';
import { generateAccounts, INDUSTRIES, JOURNEYS, OWNER_IDS, SENIORITIES, TECHNOLOGIES, type GeneratedAccount } from '../../bench/datagen/index.js';

const now = new Date('2026-11-20T12:00:00Z');
const DAY_MS = 86_400_000;
const historyStart = now.getTime() - 24 * 30 * DAY_MS;
const bundles: GeneratedAccount[] = [...generateAccounts({ seed: 2024, accounts: 1_500, now, contactsPerAccount: 5, activitiesPerContact: 6 })];
const all = {
  contacts: bundles.flatMap((b) => b.contacts),
  opportunities: bundles.flatMap((b) => b.opportunities),
  activities: bundles.flatMap((b) => b.activities),
  intent: bundles.flatMap((b) => b.intent),
};
const share = (n: number): number => n / bundles.length;

describe('datagen counts', () => {
  it('produces exactly the requested accounts and the requested averages of contacts and activities', () => {
    expect(bundles).toHaveLength(1_500);
    expect(Math.abs(all.contacts.length / bundles.length - 5)).toBeLessThan(0.25);
    expect(Math.abs(all.activities.length / all.contacts.length - 6) / 6).toBeLessThan(0.12);
  });

  it('gives every account at least one contact when the average is at least one', () => {
    expect(bundles.every((b) => b.contacts.length >= 1)).toBe(true);
  });
});

describe('datagen referential integrity', () => {
  it('links every record to an account and contacts that exist, within its own bundle', () => {
    const broken: string[] = [];
    for (const { account, contacts, opportunities, activities } of bundles) {
      const contactIds = new Set(contacts.map((c) => c.id));
      for (const contact of contacts) if (contact.accountId !== account.id) broken.push(`contact ${contact.id}`);
      for (const opportunity of opportunities) {
        if (opportunity.accountId !== account.id) broken.push(`opportunity ${opportunity.id}`);
        for (const id of opportunity.contactIds) if (!contactIds.has(id)) broken.push(`opportunity ${opportunity.id} role ${id}`);
      }
      for (const activity of activities) {
        if (activity.accountId !== null && activity.accountId !== account.id) broken.push(`activity ${activity.id} account`);
        if (activity.contactId !== null && !contactIds.has(activity.contactId)) broken.push(`activity ${activity.id} contact`);
        if (activity.accountId === null && activity.contactId === null) broken.push(`activity ${activity.id} unlinked`);
      }
    }
    expect(broken).toEqual([]);
    expect(all.activities.some((a) => a.accountId === null)).toBe(true);
    expect(all.activities.some((a) => a.contactId === null)).toBe(true);
  });

  it('keeps ids and domains unique, and emails on the account domain', () => {
    const ids = [...bundles.map((b) => b.account.id), ...all.contacts.map((c) => c.id), ...all.opportunities.map((o) => o.id), ...all.activities.map((a) => a.id)];
    expect(new Set(ids).size).toBe(ids.length);
    const domains = bundles.map((b) => b.account.domain);
    expect(new Set(domains).size).toBe(domains.length);
    const offDomain: string[] = [];
    for (const { account, contacts } of bundles) {
      if (normalizeDomain(account.domain) !== account.domain) offDomain.push(`account ${account.id}: ${account.domain}`);
      for (const contact of contacts) if (normalizeDomain(contact.email) !== account.domain) offDomain.push(`contact ${contact.id}: ${contact.email}`);
    }
    expect(offDomain).toEqual([]);
  });
});

describe('datagen realism', () => {
  it('draws firmographics from the documented vocabularies', () => {
    const accounts = bundles.map((b) => b.account);
    expect(accounts.filter((a) => a.industry !== null && !(INDUSTRIES as readonly string[]).includes(a.industry))).toEqual([]);
    expect(accounts.filter((a) => a.employees !== null && (a.employees < 5 || a.employees > 50_000))).toEqual([]);
    expect(accounts.flatMap((a) => a.technologies).filter((t) => !TECHNOLOGIES.includes(t))).toEqual([]);
    expect(new Set(accounts.map((a) => a.ownerId))).toEqual(new Set(OWNER_IDS));
    expect(all.contacts.filter((c) => c.seniority !== null && !(SENIORITIES as readonly string[]).includes(c.seniority))).toEqual([]);
    expect(share(bundles.filter((b) => b.account.isCustomer).length)).toBeGreaterThan(0.015);
    expect(share(bundles.filter((b) => b.account.isCustomer).length)).toBeLessThan(0.05);
    expect(share(bundles.filter((b) => b.account.tierOverride !== null).length)).toBeLessThan(0.025);
    expect(bundles.some((b) => b.account.tierOverride !== null)).toBe(true);
  });

  it('keeps opportunity stages, flags and dates consistent', () => {
    const inconsistent = all.opportunities.filter((o) => {
      const created = Date.parse(o.createdAt);
      const close = Date.parse(o.closeDate ?? '');
      return (
        o.isWon !== (o.stage === 'Closed Won') ||
        o.isClosed !== (o.stage === 'Closed Won' || o.stage === 'Closed Lost') ||
        created < historyStart ||
        created > now.getTime() ||
        !(close >= created - DAY_MS) ||
        (o.isClosed && close > now.getTime()) ||
        (!o.isClosed && close <= now.getTime() - DAY_MS) ||
        !((o.amount ?? 0) > 0)
      );
    });
    expect(inconsistent).toEqual([]);
    const stages = new Set(all.opportunities.map((o) => o.stage));
    expect([...stages].sort()).toEqual(['Closed Lost', 'Closed Won', 'Negotiation', 'Proposal', 'Prospecting', 'Qualification']);
  });

  it('makes amounts grow with head count', () => {
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const amounts = (keep: (employees: number) => boolean): number[] =>
      bundles.filter((b) => b.account.employees !== null && keep(b.account.employees)).flatMap((b) => b.opportunities.map((o) => o.amount ?? 0));
    expect(mean(amounts((e) => e > 2_000))).toBeGreaterThan(3 * mean(amounts((e) => e < 100)));
  });

  it('dates every activity inside the history window and uses every labelled activity type', () => {
    const outside = all.activities.filter((a) => Date.parse(a.occurredAt) < historyStart || Date.parse(a.occurredAt) > now.getTime());
    expect(outside).toEqual([]);
    const generated = new Set(all.activities.map((a) => a.type));
    const expected = ACTIVITY_TYPES.filter((t: ActivityType) => t !== 'intent_topic' && t !== 'other');
    expect([...generated].sort()).toEqual([...expected].sort());
  });

  it('covers every buying journey, with surges well above the account’s own baseline', () => {
    expect(new Set(bundles.map((b) => b.truth.journey))).toEqual(new Set(JOURNEYS));
    const deciding = bundles.filter((b) => b.truth.journey === 'deciding');
    for (const { activities, contacts } of deciding.slice(0, 50)) {
      const lastThreeWeeks = activities.filter((a) => Date.parse(a.occurredAt) > now.getTime() - 21 * DAY_MS).length / 21;
      const before = activities.filter((a) => Date.parse(a.occurredAt) <= now.getTime() - 21 * DAY_MS).length / (24 * 30 - 21);
      expect(lastThreeWeeks).toBeGreaterThan(3 * before);
      if (contacts.length >= 3 && activities.length >= 20) {
        const engaged = new Set(activities.filter((a) => Date.parse(a.occurredAt) > now.getTime() - 21 * DAY_MS).map((a) => a.contactId));
        expect(engaged.size).toBeGreaterThanOrEqual(2);
      }
    }
    const untouched = bundles.filter((b) => b.truth.journey === 'untouched');
    expect(untouched.every((b) => b.activities.length === 0 && b.opportunities.length === 0)).toBe(true);
    const purchasing = bundles.filter((b) => b.truth.journey === 'purchasing');
    expect(purchasing.every((b) => b.opportunities.some((o) => o.stage === 'Proposal' || o.stage === 'Negotiation'))).toBe(true);
  });

  it('imports third-party intent for about 15% of domains, some of it at or above 60', () => {
    const withIntent = new Set(all.intent.map((s) => s.domain)).size;
    expect(share(withIntent)).toBeGreaterThan(0.1);
    expect(share(withIntent)).toBeLessThan(0.2);
    expect(all.intent.some((s) => s.score >= 60)).toBe(true);
    expect(all.intent.every((s) => s.score >= 0 && s.score <= 100 && Date.parse(s.observedAt) <= now.getTime())).toBe(true);
  });
});
