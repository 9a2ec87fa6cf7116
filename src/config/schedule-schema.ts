/**
 * `schedules` and `service` in config/scoresync.yaml: what `scoresync serve` runs when, and how it serves.
 * Per connector, up to one job of each kind:
 *   schedules:
 *     timezone: Europe/Berlin
 *     file:
 *       incremental: "*\/5 * * * *"                       # changed records only
 *       full: "0 2 * * *"                                 # pull, retrain and rescore everything
 *       intent: { cron: "0 6 * * 1", folder: ../intent }  # import every CSV of the folder
 * A bad cron expression names its job (`schedules.file.full`) and how to write one.
 */
import { validateDetailed } from 'node-cron';
import { z } from 'zod';

export const JOB_KINDS = ['incremental', 'full', 'intent'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

const CRON_FIX =
  'write five fields "minute hour day-of-month month day-of-week" (optionally a leading seconds field), quoted, ' +
  'e.g. "*/5 * * * *" (every 5 minutes) or "0 2 * * *" (02:00 every night)';

const cronExpression = z.string().superRefine((expression, ctx) => {
  const check = validateDetailed(expression);
  if (check.valid) return;
  const why = check.errors.map((e) => `${e.field}${e.value !== undefined ? ` "${e.value}"` : ''}: ${e.message}`).join('; ');
  ctx.addIssue({ code: 'custom', message: `"${expression}" is not a cron expression (${why || 'unreadable'})`, params: { fix: CRON_FIX } });
});

/** A job is a cron string, or an object when it needs more (the intent job's folder) or is switched off. */
const jobObject = z.strictObject({
  cron: cronExpression,
  /** The intent job's folder of Bombora-style CSV files, relative to the config file. */
  folder: z.string().min(1).optional(),
  enabled: z.boolean().default(true),
});
const JobSchema = z.preprocess((value) => (typeof value === 'string' ? { cron: value } : value), jobObject);
export type JobSettings = z.output<typeof jobObject>;

const ConnectorJobsSchema = z
  .strictObject({ incremental: JobSchema.optional(), full: JobSchema.optional(), intent: JobSchema.optional() })
  .superRefine((jobs, ctx) => {
    if (jobs.intent && jobs.intent.folder === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['intent', 'folder'],
        message: 'the intent job needs the folder it imports CSV files from',
        params: { fix: 'write intent: { cron: "0 6 * * 1", folder: ../intent } (relative to this config file)' },
      });
    }
    for (const kind of ['incremental', 'full'] as const) {
      if (jobs[kind]?.folder === undefined) continue;
      ctx.addIssue({ code: 'custom', path: [kind, 'folder'], message: `a ${kind} job reads the CRM, not a folder`, params: { fix: 'remove folder (only the intent job has one)' } });
    }
  });

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const SchedulesSchema = z.strictObject({
  timezone: z
    .string()
    .superRefine((zone, ctx) => {
      if (validTimeZone(zone)) return;
      ctx.addIssue({ code: 'custom', message: `"${zone}" is not a time zone`, params: { fix: 'write an IANA time zone name, e.g. timezone: Europe/Berlin (or UTC)' } });
    })
    .default('UTC'),
  file: ConnectorJobsSchema.optional(),
  salesforce: ConnectorJobsSchema.optional(),
  hubspot: ConnectorJobsSchema.optional(),
});
export type SchedulesConfig = z.output<typeof SchedulesSchema>;

export const ServiceSchema = z.strictObject({
  /** SIGTERM: how long the current run may take to finish its batch and checkpoint before the process exits anyway. */
  shutdownGraceSeconds: z.number().int().min(1).max(3600).default(30),
  /** POST /api/events: the most events one request may carry. */
  maxEventsPerRequest: z.number().int().min(1).max(10_000).default(500),
  /** Largest JSON body accepted, in kilobytes. */
  bodyLimitKb: z.number().int().min(1).max(10_240).default(1024),
});
export type ServiceConfig = z.output<typeof ServiceSchema>;

export const SCHEDULE_FIX_HINTS = {
  'schedules.*.*.cron': CRON_FIX,
  'schedules.*.*': `write a cron string, e.g. incremental: "*/5 * * * *", or an object, e.g. intent: { cron: "0 6 * * 1", folder: ../intent }`,
  'schedules.*.*.folder': 'write the folder of intent CSV files, relative to this config file, e.g. folder: ../intent',
  'schedules.*.*.enabled': 'write true or false',
  'service.shutdownGraceSeconds': 'write a whole number of seconds between 1 and 3600, e.g. shutdownGraceSeconds: 30',
  'service.maxEventsPerRequest': 'write a whole number between 1 and 10000, e.g. maxEventsPerRequest: 500',
  'service.bodyLimitKb': 'write a whole number of kilobytes, e.g. bodyLimitKb: 1024',
} as const;
