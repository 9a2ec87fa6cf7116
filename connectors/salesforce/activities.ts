/**
 * Salesforce keeps engagement in three places: Tasks (logged e-mails, calls, marketing touches), Events (meetings)
 * and CampaignMembers that responded (webinars, conferences). Each becomes one canonical activity row with the
 * columns the mapping's `activity` section reads (ActivityType, OccurredAt, AccountId, ContactId, LeadId, Subject).
 * The type comes from rules: the configured ones first, then the built-in ones below.
 */
import type { ActivityType } from '../../src/model/records.js';
import type { SfRow } from './query.js';

export type ActivitySource = 'Task' | 'Event' | 'CampaignMember';
export const ACTIVITY_SOURCES: readonly ActivitySource[] = ['Task', 'Event', 'CampaignMember'];

export interface ActivityRule {
  object: ActivitySource;
  subtype?: string | undefined;
  type?: string | undefined;
  subjectStartsWith?: string | undefined;
  as: ActivityType;
}

/** How Salesforce and common marketing-automation sync tools record these (BEHAVIOR.md "Activities"). */
export const BUILT_IN_RULES: readonly ActivityRule[] = [
  { object: 'Task', subjectStartsWith: 'Email Opened', as: 'email_open' },
  { object: 'Task', subjectStartsWith: 'Email Clicked', as: 'email_click' },
  { object: 'Task', subjectStartsWith: 'Unsubscribed', as: 'email_unsubscribe' },
  { object: 'Task', subjectStartsWith: 'Form Submit', as: 'form_submit' },
  { object: 'Task', subjectStartsWith: 'Pricing Page', as: 'pricing_visit' },
  { object: 'Task', subjectStartsWith: 'Careers Page', as: 'careers_visit' },
  { object: 'Task', subjectStartsWith: 'Content Download', as: 'content_download' },
  { object: 'Task', subjectStartsWith: 'Web Visit', as: 'web_visit' },
  { object: 'Task', subtype: 'Email', as: 'email_reply' },
  { object: 'Task', subtype: 'ListEmail', as: 'email_open' },
  { object: 'Task', subtype: 'Call', as: 'call' },
  { object: 'Task', type: 'Call', as: 'call' },
  { object: 'Task', as: 'other' },
  { object: 'Event', subjectStartsWith: 'Demo', as: 'demo_request' },
  { object: 'Event', as: 'meeting' },
  { object: 'CampaignMember', type: 'Webinar', as: 'webinar' },
  { object: 'CampaignMember', as: 'event' },
];

/** The fields read from each source (all standard; checked against describe before use). */
export const SOURCE_FIELDS: Record<ActivitySource, readonly string[]> = {
  Task: ['Id', 'SystemModstamp', 'Subject', 'Type', 'TaskSubtype', 'ActivityDate', 'CreatedDate', 'WhoId', 'WhatId', 'AccountId'],
  Event: ['Id', 'SystemModstamp', 'Subject', 'Type', 'EventSubtype', 'ActivityDateTime', 'StartDateTime', 'CreatedDate', 'WhoId', 'WhatId', 'AccountId'],
  CampaignMember: ['Id', 'SystemModstamp', 'ContactId', 'LeadId', 'FirstRespondedDate', 'CreatedDate', 'HasResponded', 'Campaign.Type', 'Campaign.Name'],
};

/** The columns an assembled row has: what the mapping's activity section may name. */
export const ACTIVITY_ROW_COLUMNS = ['Id', 'SystemModstamp', 'ActivityType', 'OccurredAt', 'AccountId', 'ContactId', 'LeadId', 'Subject', 'SourceObject'] as const;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function matches(rule: ActivityRule, source: ActivitySource, row: SfRow): boolean {
  if (rule.object !== source) return false;
  const subtype = text(source === 'Event' ? row.EventSubtype : row.TaskSubtype);
  const type = text(source === 'CampaignMember' ? row['Campaign.Type'] : row.Type);
  const subject = text(row.Subject) ?? '';
  if (rule.subtype !== undefined && subtype?.toLowerCase() !== rule.subtype.toLowerCase()) return false;
  if (rule.type !== undefined && type?.toLowerCase() !== rule.type.toLowerCase()) return false;
  if (rule.subjectStartsWith !== undefined && !subject.toLowerCase().startsWith(rule.subjectStartsWith.toLowerCase())) return false;
  return true;
}

export function activityType(rules: readonly ActivityRule[], source: ActivitySource, row: SfRow): ActivityType {
  for (const rule of rules) if (matches(rule, source, row)) return rule.as;
  return 'other';
}

/** A Task's ActivityDate is a day; when it was logged that same day, CreatedDate gives the time too. */
function occurredAt(source: ActivitySource, row: SfRow): string | null {
  const created = text(row.CreatedDate);
  if (source === 'Event') return text(row.ActivityDateTime) ?? text(row.StartDateTime) ?? created;
  if (source === 'CampaignMember') return text(row.FirstRespondedDate) ?? created;
  const day = text(row.ActivityDate);
  if (day === null) return created;
  return created !== null && created.startsWith(day) ? created : `${day}T00:00:00.000Z`;
}

/** Who the activity is about, by id prefix (003 Contact, 00Q Lead, 001 Account; Salesforce's documented key prefixes). */
function people(source: ActivitySource, row: SfRow): { ContactId: string | null; LeadId: string | null; AccountId: string | null } {
  if (source === 'CampaignMember') return { ContactId: text(row.ContactId), LeadId: text(row.LeadId), AccountId: null };
  const who = text(row.WhoId);
  const what = text(row.WhatId);
  const account = text(row.AccountId) ?? (what?.startsWith('001') ? what : null);
  return { ContactId: who?.startsWith('003') ? who : null, LeadId: who?.startsWith('00Q') ? who : null, AccountId: account };
}

export function assembleActivity(rules: readonly ActivityRule[], source: ActivitySource, row: SfRow): SfRow {
  const subject = source === 'CampaignMember' ? text(row['Campaign.Name']) : text(row.Subject);
  return {
    Id: row.Id,
    SystemModstamp: row.SystemModstamp,
    ActivityType: activityType(rules, source, row),
    OccurredAt: occurredAt(source, row),
    ...people(source, row),
    Subject: subject,
    SourceObject: source,
  };
}
