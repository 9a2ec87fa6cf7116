/** Schema for the ordered, declarative rules: stages, tiers, qualification, playbooks and contact lifecycle. */
import { z } from 'zod';
import { ACTIVITY_TYPES } from '../../model/records.js';
import { BUYING_STAGES } from '../../model/scores.js';
import { WhenSchema, type When } from './conditions-schema.js';

const Stage = z.enum(BUYING_STAGES);
const Priority = z.enum(['High', 'Normal', 'Low']);

/** A playbook skips existing customers and accounts in a late-stage open deal unless it says otherwise. */
export const DEFAULT_PLAYBOOK_UNLESS: When = [{ isCustomer: true }, { wonOpportunities: { gte: 1 } }, { lateStageOpportunity: true }];

export const StagesSchema = z
  .strictObject({
    /** A stage change (up or down) takes effect only after the current stage was held this long. */
    minDwellDays: z.number().min(0).default(7),
    /** Stage when no rule matches. */
    default: Stage.default('Target'),
    /** First matching rule wins, so order from the furthest stage down. */
    rules: z
      .array(z.strictObject({ stage: Stage, when: WhenSchema }))
      .default([
        { stage: 'Purchase', when: { openOpportunity: true } },
        {
          stage: 'Decision',
          when: [
            { demoRequests: { gte: 1 }, engagedPersonas: { gte: 1 } },
            { pricingVisits: { gte: 2 }, engagedPersonas: { gte: 2 } },
            { meetings: { gte: 1 }, engagedPersonas: { gte: 2 } },
          ],
        },
        {
          stage: 'Consideration',
          when: [{ engagementScore: { gte: 40 } }, { inMarket: true, engagedContacts: { gte: 1 } }, { pricingVisits: { gte: 1 } }],
        },
        { stage: 'Awareness', when: [{ engagementScore: { gte: 10 } }, { intentScore: { gte: 20 } }] },
      ]),
  })
  .prefault({});

const Tier = z.enum(['Tier 1', 'Tier 2', 'Tier 3']);

export const TiersSchema = z
  .strictObject({
    /** First matching rule wins; no match = "none". Goldilocks defaults (DESIGN.md). */
    rules: z
      .array(z.strictObject({ tier: Tier, when: WhenSchema }))
      .default([
        { tier: 'Tier 1', when: { fitBucket: 'Strong', expectedAcv: { gte: 50_000 }, inMarket: true, engagementScore: { gte: 30 } } },
        {
          tier: 'Tier 2',
          when: [
            { fitBucket: 'Strong', inMarket: true, expectedAcv: { gte: 15_000 } },
            { fitBucket: 'Strong', engagementScore: { gte: 30 }, expectedAcv: { gte: 15_000 } },
          ],
        },
        { tier: 'Tier 3', when: [{ fitBucket: 'Strong' }, { fitBucket: 'Moderate', inMarket: true }] },
      ]),
  })
  .prefault({});

export const QualifiedSchema = z
  .strictObject({ when: WhenSchema.default({ fitBucket: { gte: 'Moderate' }, stage: { gte: 'Decision' } }) })
  .prefault({});

const Trigger = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('stageEntered'), stages: z.array(Stage).min(1) }),
  z.strictObject({ type: z.literal('becameQualified') }),
  z.strictObject({ type: z.literal('topicSurge') }),
  z.strictObject({ type: z.literal('personaGap'), personas: z.array(z.string().min(1)).min(1) }),
]);

export const PlaybookSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'playbook ids are lowercase letters, digits and dashes'),
  trigger: Trigger,
  /** Extra conditions on the account's signals (e.g. only tiered accounts). */
  when: WhenSchema.optional(),
  /**
   * The account is skipped when these hold. Default: customers (flagged or with a won deal) and accounts whose open
   * opportunity is in a late stage (signals.lateOpportunityStages): the deal team already owns them. null = never skip.
   */
  unless: WhenSchema.nullable().default(DEFAULT_PLAYBOOK_UNLESS),
  /** Placeholders: {account} {stage} {tier} {topics} {personas} {contact} {titles} (PLAYBOOK_PLACEHOLDERS). */
  subject: z.string().min(1),
  /** Opening line of the task body; the reasons follow. Same placeholders. */
  action: z.string().min(1),
  cooldownDays: z.number().min(0).default(14),
  dueInDays: z.number().int().min(0).default(3),
  /**
   * "byTier" uses taskPriorityByTier, "byPriority" the account's priority score against taskPriorityByScore,
   * "auto" the more urgent of the two.
   */
  priority: z.union([z.literal('byTier'), z.literal('byPriority'), z.literal('auto'), Priority]).default('auto'),
});
export type Playbook = z.infer<typeof PlaybookSchema>;

export const PlaybooksSchema = z
  .array(PlaybookSchema)
  .default([
    { id: 'entered-decision', trigger: { type: 'stageEntered', stages: ['Decision'] }, subject: '{account} entered Decision', action: 'The buying team is evaluating: reach out with a tailored proposal and book a pricing conversation.', cooldownDays: 30, dueInDays: 2, priority: 'auto', unless: DEFAULT_PLAYBOOK_UNLESS },
    { id: 'became-qualified', trigger: { type: 'becameQualified' }, subject: '{account} is now a qualified account', action: 'Qualified account: align with marketing and start the account play.', cooldownDays: 30, dueInDays: 3, priority: 'auto', unless: DEFAULT_PLAYBOOK_UNLESS },
    { id: 'topic-surge', trigger: { type: 'topicSurge' }, when: { fitBucket: { gte: 'Moderate' } }, subject: '{account} is researching {topics}', action: 'Third-party intent is surging on topics we solve: send relevant content and a personal note.', cooldownDays: 14, dueInDays: 5, priority: 'auto', unless: DEFAULT_PLAYBOOK_UNLESS },
    { id: 'persona-gap', trigger: { type: 'personaGap', personas: ['Economic Buyer'] }, subject: 'Find the {personas} at {account}', action: 'Qualified, but no {personas} is engaged yet: ask {contact} who it is, or look for {titles}.', cooldownDays: 30, dueInDays: 7, priority: 'auto', unless: DEFAULT_PLAYBOOK_UNLESS },
  ]);

/** Every placeholder playbook text may use; anything else in braces is a validation error. */
export const PLAYBOOK_PLACEHOLDERS = ['account', 'stage', 'tier', 'topics', 'personas', 'contact', 'titles'] as const;

/** Task priority from the account's priority score (0–100): at or above High → High, at or above Normal → Normal. */
export const TaskPriorityByScoreSchema = z
  .strictObject({ High: z.number().min(0).max(100).default(80), Normal: z.number().min(0).max(100).default(50) })
  .prefault({});

export const TaskPrioritySchema = z
  .strictObject({ 'Tier 1': Priority.default('High'), 'Tier 2': Priority.default('Normal'), 'Tier 3': Priority.default('Low'), none: Priority.default('Low') })
  .prefault({});

export const LifecycleSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** Ordered from first to last; a contact reaches a stage when it meets both thresholds. */
    stages: z
      .array(z.strictObject({ name: z.string().min(1), minPersonaScore: z.number().min(0).max(100).default(0), minEngagement: z.number().min(0).max(100).default(0) }))
      .min(1)
      .default([
        { name: 'MQL', minPersonaScore: 35, minEngagement: 30 },
        { name: 'SAL', minPersonaScore: 60, minEngagement: 50 },
        { name: 'SQL', minPersonaScore: 80, minEngagement: 70 },
      ]),
    handRaisers: z
      .strictObject({
        types: z.array(z.enum(ACTIVITY_TYPES)).default(['demo_request']),
        /** Form submissions on these URLs also count (e.g. the pricing contact form). */
        formUrlContains: z.array(z.string().min(1)).default(['/pricing', '/contact-sales']),
        windowDays: z.number().positive().default(30),
        jumpTo: z.string().min(1).default('SAL'),
      })
      .prefault({}),
    negative: z
      .strictObject({
        types: z.array(z.enum(ACTIVITY_TYPES)).default(['email_unsubscribe']),
        windowDays: z.number().positive().default(90),
        /** A contact with a recent negative signal goes no further than this stage. */
        holdAt: z.string().min(1).default('MQL'),
      })
      .prefault({}),
    /** Crossing into one of these notifies the owner with a task. */
    salesStages: z.array(z.string().min(1)).default(['SAL', 'SQL']),
    notifyDueInDays: z.number().int().min(0).default(1),
    notifyPriority: Priority.default('High'),
  })
  .prefault({});
