/** Schema for personas, engagement, intent and the activity counters that stage rules can reference. */
import { z } from 'zod';
import { ACTIVITY_TYPES } from '../../model/records.js';

const ActivityType = z.enum(ACTIVITY_TYPES);

export const PersonaSchema = z.strictObject({
  name: z.string().min(1),
  /** Title keywords or phrases (whole words, case-insensitive), or `/regex/` for a pattern. */
  titles: z.array(z.string().min(1)).default([]),
  departments: z.array(z.string().min(1)).default([]),
  seniorities: z.array(z.string().min(1)).default([]),
});
export type Persona = z.infer<typeof PersonaSchema>;

const DEFAULT_PERSONAS: Persona[] = [
  { name: 'Technical Buyer', titles: ['CTO', 'Chief Technology Officer', 'VP Engineering', 'VP of Engineering', 'Head of Data', 'VP Data', 'Chief Data Officer', 'CDO'], departments: ['Engineering', 'IT', 'Data'], seniorities: ['C-Level', 'VP', 'Head'] },
  { name: 'Economic Buyer', titles: ['CFO', 'Chief Financial Officer', 'VP Finance', 'Finance Director', 'CEO', 'COO'], departments: ['Finance', 'Executive'], seniorities: ['C-Level', 'VP'] },
  { name: 'Champion', titles: ['Data Engineer', 'Analytics Manager', 'Analytics Engineer', 'Data Engineering Manager', 'Director of Analytics', 'BI Manager'], departments: ['Data', 'Analytics', 'Engineering'], seniorities: ['Manager', 'Director', 'Senior'] },
  { name: 'End User', titles: ['Data Analyst', 'Business Analyst', 'Analyst', 'Data Scientist', 'BI Developer'], departments: ['Data', 'Analytics', 'Business Intelligence'], seniorities: ['Individual Contributor', 'Senior'] },
];

export const PersonasSchema = z
  .strictObject({
    points: z.strictObject({ title: z.number().default(60), department: z.number().default(20), seniority: z.number().default(20) }).prefault({}),
    grades: z.strictObject({ A: z.number().default(80), B: z.number().default(60), C: z.number().default(35) }).prefault({}),
    learnedBoost: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** Contacts on won opportunities needed before titles are learned. */
        minWonContacts: z.number().int().min(1).default(10),
        /** A title word must appear on at least this many won-deal contacts. */
        minSupport: z.number().int().min(1).default(3),
        /** Points per doubling of a title word's share among won-deal contacts vs all contacts. */
        pointsPerDoubling: z.number().positive().default(5),
        maxPoints: z.number().min(0).default(15),
      })
      .prefault({}),
    list: z.array(PersonaSchema).default(DEFAULT_PERSONAS),
  })
  .prefault({});

const UrlRuleSchema = z.strictObject({
  /** Case-insensitive substring of the activity's URL. */
  urlContains: z.string().min(1),
  weight: z.number(),
  label: z.string().min(1),
});

export const DEFAULT_WEIGHTS: Record<string, number> = {
  email_open: 1, email_click: 3, email_reply: 8, email_unsubscribe: -15, meeting: 15, call: 8, form_submit: 10,
  demo_request: 25, web_visit: 2, pricing_visit: 8, careers_visit: -5, content_download: 6, webinar: 10, event: 10,
  intent_topic: 0, other: 1,
};

export const EngagementSchema = z
  .strictObject({
    halfLifeDays: z.number().positive().default(30),
    windowDays: z.number().positive().default(90),
    /** Points per activity type; a type left out keeps its default weight. */
    weights: z.partialRecord(ActivityType, z.number()).default(DEFAULT_WEIGHTS),
    /** URL rules override the type weight for matching activities (first match wins). */
    urlRules: z
      .array(UrlRuleSchema)
      .default([
        { urlContains: '/careers', weight: -5, label: 'careers page' },
        { urlContains: '/jobs', weight: -5, label: 'careers page' },
        { urlContains: '/pricing', weight: 8, label: 'pricing page' },
      ]),
    /** Decayed points that make a contact's engagement 100 (linear, clamped). */
    contactFullScoreAt: z.number().positive().default(60),
    /** Decayed points that make an account's engagement 100. */
    accountFullScoreAt: z.number().positive().default(120),
    /** The n-th most engaged contact counts factor^(n-1): a buying team adds up, one spammy inbox does not. */
    contactDiminishingFactor: z.number().min(0).max(1).default(0.6),
    /** A contact with at least this engagement score counts as engaged (buying team, engaged personas). */
    engagedContactMinScore: z.number().min(0).max(100).default(15),
    /**
     * A person counts in the buying team (engaged contacts, engaged personas, and so the stage rules) only with at
     * least this persona grade: a D-grade intern reading every email is not a buying committee.
     */
    engagedMinPersonaGrade: z.enum(['A', 'B', 'C', 'D']).default('C'),
  })
  .prefault({});

export const IntentSchema = z
  .strictObject({
    firstParty: z
      .strictObject({
        types: z.array(ActivityType).default(['web_visit', 'pricing_visit', 'content_download', 'webinar', 'demo_request', 'form_submit']),
        recentDays: z.number().positive().default(14),
        /** The period before the recent window that sets the account's own normal rate. */
        baselineDays: z.number().positive().default(90),
        /** Fewer recent activities than this is never a surge (one visit is not a trend). */
        minRecentCount: z.number().int().min(1).default(5),
        /** Recent daily rate ÷ baseline daily rate needed for a surge. */
        minRatio: z.number().positive().default(2),
        pointsPerRatio: z.number().min(0).default(15),
        maxPoints: z.number().min(0).default(60),
      })
      .prefault({}),
    thirdParty: z
      .strictObject({
        /** Topics of interest (case-insensitive); empty = every topic counts. */
        topics: z.array(z.string().min(1)).default(['data pipeline', 'data warehouse', 'etl', 'data integration', 'customer data platform', 'analytics engineering']),
        /** Composite score at or above which a topic is surging. */
        surgeThreshold: z.number().min(0).max(100).default(60),
        /** Signals older than this are ignored. */
        maxAgeDays: z.number().positive().default(30),
        /** Intent points per surging topic = topic score × this. */
        pointsPerScore: z.number().min(0).default(0.7),
      })
      .prefault({}),
    /** Intent score at or above which the account is in market. */
    inMarketMinScore: z.number().min(0).max(100).default(40),
  })
  .prefault({});

export const CounterSchema = z.strictObject({
  label: z.string().min(1),
  types: z.array(ActivityType).min(1),
  /** Also count activities of any type whose URL contains one of these (case-insensitive). */
  urlContains: z.array(z.string().min(1)).default([]),
  windowDays: z.number().positive(),
});
export type Counter = z.infer<typeof CounterSchema>;

export const CountersSchema = z
  .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'counter names are letters and digits, starting with a letter'), CounterSchema)
  .default({
    pricingVisits: { label: 'pricing page', types: ['pricing_visit'], urlContains: ['/pricing'], windowDays: 30 },
    demoRequests: { label: 'demo request', types: ['demo_request'], urlContains: [], windowDays: 30 },
    meetings: { label: 'meeting', types: ['meeting'], urlContains: [], windowDays: 30 },
    contentDownloads: { label: 'content download', types: ['content_download', 'webinar'], urlContains: [], windowDays: 60 },
  });
