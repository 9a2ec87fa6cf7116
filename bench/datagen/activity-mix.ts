/** What kind of activity happens in each phase of a buying journey, and the detail (url, subject, topic) it carries. */
import type { ActivityDetail, ActivityType } from '../../src/model/records.js';
import type { Rng } from './random.js';

/** Phases an activity can belong to; each has its own timing (see activities.ts) and type mix. */
export type Phase = 'marketing' | 'research' | 'buying' | 'sales';

type Mix = readonly (readonly [ActivityType, number])[];

export const PHASE_MIX: Record<Phase, Mix> = {
  /** Newsletters and the occasional visit: the long tail of any marketing database. */
  marketing: [
    ['email_open', 40],
    ['email_click', 13],
    ['web_visit', 22],
    ['content_download', 6],
    ['webinar', 3],
    ['form_submit', 2],
    ['event', 1],
    ['careers_visit', 4],
    ['email_unsubscribe', 2],
  ],
  /** Someone is reading up: more content, webinars and a first look at pricing. */
  research: [
    ['email_open', 24],
    ['email_click', 14],
    ['web_visit', 24],
    ['content_download', 14],
    ['webinar', 8],
    ['form_submit', 4],
    ['pricing_visit', 4],
    ['email_reply', 3],
    ['careers_visit', 2],
    ['event', 2],
    ['email_unsubscribe', 1],
  ],
  /** A buying committee comparing vendors: pricing, demos, replies. */
  buying: [
    ['web_visit', 22],
    ['pricing_visit', 18],
    ['demo_request', 7],
    ['content_download', 10],
    ['email_click', 10],
    ['email_open', 12],
    ['email_reply', 7],
    ['meeting', 5],
    ['call', 4],
    ['webinar', 3],
    ['form_submit', 2],
  ],
  /** Working a deal with a rep. */
  sales: [
    ['meeting', 16],
    ['call', 16],
    ['email_reply', 14],
    ['email_open', 20],
    ['email_click', 8],
    ['pricing_visit', 8],
    ['web_visit', 12],
    ['demo_request', 3],
    ['content_download', 3],
  ],
};

export const INTENT_TOPICS = [
  'CRM Software',
  'Data Warehousing',
  'Customer Data Platform',
  'Marketing Automation',
  'Sales Intelligence',
  'Account-Based Marketing',
  'Data Integration',
  'Business Intelligence',
  'Predictive Analytics',
  'Cloud Migration',
] as const;

/** The seller's own website; example.com is reserved for documentation, so it can never point at a real company. */
const SITE = 'https://www.example.com';
const PAGES = ['/', '/product', '/customers', '/integrations/snowflake', '/integrations/segment', '/blog/abm-playbook', '/docs', '/security'];
const CAMPAIGNS = ['Monthly product update', 'Webinar invitation', 'New guide: scoring accounts', 'Customer story', 'Event follow-up'];
const SALES_SUBJECTS = ['Discovery call', 'Technical deep dive', 'Pricing review', 'Security questionnaire', 'Executive alignment'];
const EVENTS = ['Booth visit: Data Council', 'Roundtable: revenue operations', 'Booth visit: SaaStr'];

export function activityDetail(rng: Rng, type: ActivityType): ActivityDetail {
  switch (type) {
    case 'web_visit':
      return { url: SITE + rng.pick(PAGES) };
    case 'pricing_visit':
      return { url: `${SITE}/pricing` };
    case 'careers_visit':
      return { url: `${SITE}/careers` };
    case 'demo_request':
      return { url: `${SITE}/demo`, subject: 'Demo request' };
    case 'form_submit':
      return { url: `${SITE}/contact`, subject: 'Contact us' };
    case 'content_download': {
      const topic = rng.pick(INTENT_TOPICS);
      return { url: `${SITE}/resources`, topic, subject: `Guide: ${topic}` };
    }
    case 'webinar': {
      const topic = rng.pick(INTENT_TOPICS);
      return { topic, subject: `Webinar: ${topic} in practice` };
    }
    case 'email_open':
    case 'email_click':
    case 'email_reply':
    case 'email_unsubscribe':
      return { subject: rng.pick(CAMPAIGNS) };
    case 'meeting':
    case 'call':
      return { subject: rng.pick(SALES_SUBJECTS) };
    case 'event':
      return { subject: rng.pick(EVENTS) };
    case 'intent_topic':
    case 'other':
      return {};
  }
}

/** Share of activities of a type that arrive without a known person (reverse-IP web tracking). */
export const ANONYMOUS_SHARE: Partial<Record<ActivityType, number>> = {
  web_visit: 0.15,
  pricing_visit: 0.15,
  careers_visit: 0.5,
};

/** Marketing-automation email events often carry only the contact; the account comes from the contact. */
export const EMAIL_WITHOUT_ACCOUNT_SHARE = 0.2;
