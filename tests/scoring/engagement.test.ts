import { compileConfig } from '../../src/scoring/compile.js';
import { accountEngagement, contactEngagement, decayFactor, digestActivities, sumPoints } from '../../src/scoring/index.js';
import type { Activity, Contact } from '../../src/model/records.js';
import { activity, config, contact, NOW } from './builders.js';

const cfg = config();
const compiled = compileConfig(cfg);

function contactScore(activities: Activity[]): { score: number; raw: number; sum: number } {
  const digest = digestActivities(activities, new Map([['c1', 0]]), 1, compiled, cfg, NOW.getTime());
  const result = contactEngagement(0, digest, compiled, cfg);
  return { score: result.score, raw: result.raw, sum: sumPoints(result.contributors) };
}

describe('engagement', () => {
  it('decays with the half-life: exact values', () => {
    expect(decayFactor(0, 30)).toBe(1);
    expect(decayFactor(30, 30)).toBe(0.5);
    expect(decayFactor(60, 30)).toBe(0.25);
    // meeting = 15 points; 60 points = engagement 100
    expect(contactScore([activity('meeting', 0, { contactId: 'c1' })])).toEqual({ score: 25, raw: 15, sum: 25 });
    expect(contactScore([activity('meeting', 30, { contactId: 'c1' })]).raw).toBeCloseTo(7.5, 10);
    expect(contactScore([activity('meeting', 30, { contactId: 'c1' })]).score).toBe(12.5);
    expect(contactScore([activity('meeting', 60, { contactId: 'c1' })]).score).toBe(6.3); // 3.75 / 60 × 100 = 6.25
  });

  it('counts activities inside the window only, and nothing from the future', () => {
    expect(contactScore([activity('meeting', 90, { contactId: 'c1' })]).raw).toBeCloseTo(1.875, 10);
    expect(contactScore([activity('meeting', 90.01, { contactId: 'c1' })]).raw).toBe(0);
    expect(contactScore([activity('meeting', -1, { contactId: 'c1' })]).raw).toBe(0);
  });

  it('lets negative signals take points away, by type and by URL', () => {
    const meeting = activity('meeting', 0, { contactId: 'c1' });
    expect(contactScore([meeting, activity('email_unsubscribe', 0, { contactId: 'c1' })]).score).toBe(0); // 15 − 15
    const careers = activity('web_visit', 0, { contactId: 'c1', detail: { url: 'https://acme.com/careers/data' } });
    const result = contactScore([meeting, careers]);
    expect(result.raw).toBe(10); // 15 − 5 (careers page rule overrides web_visit's +2)
    expect(result.score).toBeCloseTo(16.7, 10);
    expect(contactScore([careers]).score).toBe(0); // clamped at 0 …
    expect(contactScore([careers]).sum).toBeCloseTo(-8.3, 10); // … while its contributors still add up
  });

  it('adds up the buying team with diminishing returns, and account-level activity in full', () => {
    const contacts: Contact[] = ['c1', 'c2', 'c3'].map((id) => contact(id));
    const activities = [
      ...contacts.map((c) => activity('meeting', 0, { contactId: c.id })),
      activity('pricing_visit', 0), // no contact: account level
    ];
    const index = new Map(contacts.map((c, i) => [c.id, i]));
    const digest = digestActivities(activities, index, 3, compiled, cfg, NOW.getTime());
    const contactScores = contacts.map((_, i) => contactEngagement(i, digest, compiled, cfg));
    const result = accountEngagement({ contacts, contactScores, personas: ['Champion', 'Champion', null] }, digest, compiled, cfg);
    // 15 + 15×0.6 + 15×0.36 + 8 = 37.4 raw; ×100/120 → 12.5 + 7.5 + 4.5 + 6.7
    expect(result.raw).toBeCloseTo(37.4, 10);
    expect(result.contributors.map((c) => c.points)).toEqual([12.5, 7.5, 4.5, 6.7]);
    expect(result.score).toBe(31.2);
    expect(sumPoints(result.contributors)).toBe(result.score);
    expect(result.engagedPersonas).toEqual(['Champion']);
  });
});
