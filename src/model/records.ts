/**
 * Canonical CRM records: what every connector maps its objects to, and what scoring reads.
 * Dates are ISO-8601 strings in UTC so records survive JSON and both store back ends unchanged.
 */

/** A value a mapping may carry as an extra feature (declared in the mapping's `features`). */
export type FeatureValue = string | number | boolean | string[] | null;

/** The values our output fields currently hold in the CRM, keyed by canonical output name (see OutputName). */
export type CrmOutputValues = Partial<Record<string, string | null>>;

export type ObjectKind = 'account' | 'contact' | 'opportunity' | 'activity';
export const OBJECT_KINDS: readonly ObjectKind[] = ['account', 'contact', 'opportunity', 'activity'];

/** Objects that carry output fields we write back. */
export type WritableKind = 'account' | 'contact';

export interface Account {
  id: string;
  source: string;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  annualRevenue: number | null;
  country: string | null;
  technologies: string[];
  ownerId: string | null;
  isCustomer: boolean;
  /** Manual tier override entered by a person in the CRM; wins over computed tier when set. */
  tierOverride: string | null;
  features: Record<string, FeatureValue>;
  modifiedAt: string;
  crmValues: CrmOutputValues;
}

export interface Contact {
  id: string;
  source: string;
  accountId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  department: string | null;
  seniority: string | null;
  ownerId: string | null;
  features: Record<string, FeatureValue>;
  modifiedAt: string;
  crmValues: CrmOutputValues;
}

export interface Opportunity {
  id: string;
  source: string;
  accountId: string | null;
  name: string | null;
  stage: string | null;
  isClosed: boolean;
  isWon: boolean;
  amount: number | null;
  createdAt: string;
  closeDate: string | null;
  contactIds: string[];
  modifiedAt: string;
}

export const ACTIVITY_TYPES = [
  'email_open',
  'email_click',
  'email_reply',
  'email_unsubscribe',
  'meeting',
  'call',
  'form_submit',
  'demo_request',
  'web_visit',
  'pricing_visit',
  'careers_visit',
  'content_download',
  'webinar',
  'event',
  'intent_topic',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ActivityDetail {
  url?: string;
  topic?: string;
  subject?: string;
  /** Third-party intent strength (0-100) for intent_topic activities. */
  score?: number;
}

export interface Activity {
  id: string;
  source: string;
  type: ActivityType;
  occurredAt: string;
  accountId: string | null;
  contactId: string | null;
  detail: ActivityDetail;
  modifiedAt: string;
}

/** A third-party topic-intent row (Bombora-style), imported from CSV and matched to accounts by domain. */
export interface IntentSignal {
  domain: string;
  topic: string;
  score: number;
  observedAt: string;
  source: string;
}

export type CanonicalRecord =
  | { kind: 'account'; record: Account }
  | { kind: 'contact'; record: Contact }
  | { kind: 'opportunity'; record: Opportunity }
  | { kind: 'activity'; record: Activity };

export interface RecordByKind {
  account: Account;
  contact: Contact;
  opportunity: Opportunity;
  activity: Activity;
}

/** Everything scoring needs about one account, assembled from the store. */
export interface AccountBundle {
  account: Account;
  contacts: Contact[];
  opportunities: Opportunity[];
  /** Activities on the account or any of its contacts (only the recent ones when loaded with `activitiesSince`). */
  activities: Activity[];
  intent: IntentSignal[];
  /**
   * Set only when the store loaded recent activities alone: the latest `occurredAt` among the older ones it left out
   * (null: there are none), so "days since the last activity" stays exact.
   */
  olderActivityAt?: string | null;
}
