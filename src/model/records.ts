/**
 * Canonical CRM records: what every connector maps its objects to, and what scoring reads.
 * Dates are ISO-8601 strings in UTC so records survive JSON and both store back ends unchanged.
 */

/** A value a mapping may carry as an extra feature (declared in the mapping's `features`). */
export type FeatureValue = string | number | boolean | string[] | null;

/** The values our output fields currently hold in the CRM, keyed by canonical output name (see OutputName). */
export type CrmOutputValues = Partial<Record<string, string | null>>;

export type ObjectKind = 'account' | 'contact' | 'lead' | 'opportunity' | 'activity';
/** Pull order: accounts first, so people (contacts, leads) find their account; activities last. */
export const OBJECT_KINDS: readonly ObjectKind[] = ['account', 'contact', 'lead', 'opportunity', 'activity'];

/** Objects that carry output fields we write back. */
export type WritableKind = 'account' | 'contact' | 'lead';

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

/** What every person has, whether a contact of an account or a lead. */
export interface Person {
  id: string;
  source: string;
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

export interface Contact extends Person {
  accountId: string | null;
}

/**
 * A person not (yet) tied to an account: Salesforce's Lead, a HubSpot contact without a company, a row of leads.csv.
 * ScoreSync matches each unconverted lead to an account (src/leads) and counts it in that account's buying team; an
 * unmatched lead is scored on its own firmographics. A converted lead is history: its activities follow
 * `convertedContactId`, and it is no longer scored or written.
 */
export interface Lead extends Person {
  /** The company the lead typed in (Salesforce Lead.Company). */
  company: string | null;
  /** A bare domain (the mapping's domain transform turns URLs into one). */
  website: string | null;
  industry: string | null;
  employees: number | null;
  annualRevenue: number | null;
  country: string | null;
  isConverted: boolean;
  convertedContactId: string | null;
  convertedAccountId: string | null;
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
  /** The lead the activity is on (Salesforce WhoId 00Q…), when it is on a lead rather than a contact. */
  leadId: string | null;
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
  | { kind: 'lead'; record: Lead }
  | { kind: 'opportunity'; record: Opportunity }
  | { kind: 'activity'; record: Activity };

export interface RecordByKind {
  account: Account;
  contact: Contact;
  lead: Lead;
  opportunity: Opportunity;
  activity: Activity;
}

/** Everything scoring needs about one account, assembled from the store. */
export interface AccountBundle {
  account: Account;
  contacts: Contact[];
  /** The unconverted leads matched to the account: they count in its buying team like contacts. */
  leads: Lead[];
  /** Why each of `leads` matched this account, by lead id (e.g. "email domain acme.com"); shown in explain and written back. */
  leadMatchReasons?: Record<string, string>;
  opportunities: Opportunity[];
  /**
   * Activities on the account, any of its contacts or matched leads, and the leads converted into its contacts (those
   * carry the converted contact as `contactId`). Only the recent ones when loaded with `activitiesSince`.
   */
  activities: Activity[];
  intent: IntentSignal[];
  /**
   * Set only when the store loaded recent activities alone: the latest `occurredAt` among the older ones it left out
   * (null: there are none), so "days since the last activity" stays exact.
   */
  olderActivityAt?: string | null;
}

/** An unmatched lead with what scoring needs to score it on its own: its activities (recent ones with `activitiesSince`). */
export interface LeadBundle {
  lead: Lead;
  activities: Activity[];
  /** As AccountBundle.olderActivityAt: the latest activity date left out by an `activitiesSince` load (null: none). */
  olderActivityAt?: string | null;
}
