/**
 * Generated activities as a Salesforce org holds them: e-mails, calls and web touches as Tasks (TaskSubtype
 * Email/Call/Task), meetings and demos as Events, webinars and events as responded CampaignMembers.
 * Third-party intent never lives in the CRM, so it is not seeded.
 */
import type { Activity, ActivityType } from '../../../../src/model/records.js';
import type { Org } from '../org/org.js';
import type { SfRecord } from '../org/store.js';

type Shape = { object: 'Task'; type: string; subtype: string; subject: string } | { object: 'Event'; type: string; subject: string } | { object: 'CampaignMember'; campaignType: string };

const SHAPES: Partial<Record<ActivityType, Shape>> = {
  email_open: { object: 'Task', type: 'Email', subtype: 'Email', subject: 'Email Opened' },
  email_click: { object: 'Task', type: 'Email', subtype: 'Email', subject: 'Email Clicked' },
  email_reply: { object: 'Task', type: 'Email', subtype: 'Email', subject: 'Email Reply' },
  email_unsubscribe: { object: 'Task', type: 'Email', subtype: 'Email', subject: 'Unsubscribed' },
  call: { object: 'Task', type: 'Call', subtype: 'Call', subject: 'Call' },
  form_submit: { object: 'Task', type: 'Other', subtype: 'Task', subject: 'Form Submit' },
  web_visit: { object: 'Task', type: 'Other', subtype: 'Task', subject: 'Web Visit' },
  pricing_visit: { object: 'Task', type: 'Other', subtype: 'Task', subject: 'Pricing Page Visit' },
  careers_visit: { object: 'Task', type: 'Other', subtype: 'Task', subject: 'Careers Page Visit' },
  content_download: { object: 'Task', type: 'Other', subtype: 'Task', subject: 'Content Download' },
  meeting: { object: 'Event', type: 'Meeting', subject: 'Meeting' },
  demo_request: { object: 'Event', type: 'Meeting', subject: 'Demo' },
  webinar: { object: 'CampaignMember', campaignType: 'Webinar' },
  event: { object: 'CampaignMember', campaignType: 'Conference' },
};

export interface ActivitySeedContext {
  org: Org;
  /** Contacts by the generator's id → the org's id, and who owns the account. */
  ownerId: string | null;
  /** One campaign per type and month, created on first use. */
  campaignFor(type: string, occurredAt: string): string;
  /** Campaign memberships already seeded (one per person and campaign, as Salesforce allows). */
  members: Set<string>;
}

function subjectOf(base: string, activity: Activity): string {
  const detail = activity.detail.subject ?? activity.detail.url ?? activity.detail.topic;
  return detail === undefined ? base : `${base}: ${detail}`.slice(0, 255);
}

function audit(at: string): SfRecord {
  return { CreatedDate: at, LastModifiedDate: at, SystemModstamp: at };
}

/** Seeds one activity for a person (Contact or Lead); returns the object it became, or null when it is not CRM data. */
export function seedActivity(context: ActivitySeedContext, activity: Activity, whoId: string | null, whatId: string | null): string | null {
  const shape = SHAPES[activity.type];
  if (shape === undefined) return null;
  const at = activity.occurredAt;
  const owner = context.ownerId === null ? {} : { OwnerId: context.ownerId };
  if (shape.object === 'Task') {
    context.org.insert('Task', { ...audit(at), ...owner, Subject: subjectOf(shape.subject, activity), Type: shape.type, TaskSubtype: shape.subtype, Status: 'Completed', Priority: 'Normal', ActivityDate: at.slice(0, 10), WhoId: whoId, WhatId: whatId });
    return 'Task';
  }
  if (shape.object === 'Event') {
    context.org.insert('Event', { ...audit(at), ...owner, Subject: subjectOf(shape.subject, activity), Type: shape.type, ActivityDateTime: at, StartDateTime: at, DurationInMinutes: 30, WhoId: whoId, WhatId: whatId });
    return 'Event';
  }
  if (whoId === null) return null;
  const campaignId = context.campaignFor(shape.campaignType, at);
  const key = `${campaignId}/${whoId}`;
  if (context.members.has(key)) return null;
  context.members.add(key);
  const person = whoId.startsWith('00Q') ? { LeadId: whoId } : { ContactId: whoId };
  context.org.insert('CampaignMember', { ...audit(at), ...person, CampaignId: campaignId, Status: 'Responded', FirstRespondedDate: at.slice(0, 10) });
  return 'CampaignMember';
}
