/**
 * Canonical records → rows of the file connector's CSV files, in the columns and value formats that
 * mappings/file.yaml reads (booleans true/false, ISO dates, ';'-joined lists, human activity-type labels).
 */
import type { Account, Activity, ActivityType, Contact, IntentSignal, Lead, Opportunity } from '../../src/model/records.js';

export type CsvRow = Record<string, string>;

/** Output columns ScoreSync fills in; the sample ships them empty. */
export const ACCOUNT_OUTPUT_COLUMNS = [
  'fit_score', 'fit_bucket', 'engagement_score', 'intent_score', 'in_market', 'surging_topics', 'buying_stage',
  'previous_stage', 'stage_entered_at', 'tier', 'priority_score', 'priority_probability', 'qualified', 'qualified_since', 'qualified_until', 'score_reasons',
  'score_reasons_detail', 'scored_at', 'model_version',
] as const;
export const CONTACT_OUTPUT_COLUMNS = ['persona', 'persona_score', 'persona_grade', 'engagement_score'] as const;
export const LEAD_OUTPUT_COLUMNS = [
  'persona', 'persona_score', 'persona_grade', 'engagement_score', 'fit_score', 'fit_bucket', 'matched_account_id', 'match_reason',
] as const;

export const CSV_COLUMNS = {
  accounts: [
    'id', 'name', 'website', 'industry', 'employees', 'annual_revenue', 'country', 'technologies', 'owner_id',
    'is_customer', 'tier_override', 'funding_stage', 'modified_at', ...ACCOUNT_OUTPUT_COLUMNS,
  ],
  contacts: [
    'id', 'account_id', 'first_name', 'last_name', 'email', 'title', 'department', 'seniority', 'owner_id',
    'modified_at', ...CONTACT_OUTPUT_COLUMNS,
  ],
  leads: [
    'id', 'first_name', 'last_name', 'email', 'title', 'department', 'seniority', 'owner_id', 'company', 'website', 'industry',
    'employees', 'annual_revenue', 'country', 'is_converted', 'converted_contact_id', 'converted_account_id', 'modified_at',
    ...LEAD_OUTPUT_COLUMNS,
  ],
  opportunities: [
    'id', 'account_id', 'name', 'stage', 'amount', 'is_closed', 'is_won', 'created_at', 'close_date', 'contact_ids',
    'modified_at',
  ],
  activities: ['id', 'type', 'occurred_at', 'account_id', 'contact_id', 'lead_id', 'url', 'topic', 'subject'],
  intent: ['Domain', 'Topic', 'Composite Score', 'Date'],
} as const satisfies Record<string, readonly string[]>;

export type CsvFile = keyof typeof CSV_COLUMNS;

/** The labels a CRM export shows for each activity type; the mapping's enum turns them back into canonical types. */
export const ACTIVITY_TYPE_LABELS: Partial<Record<ActivityType, string>> = {
  email_open: 'Email Open',
  email_click: 'Email Click',
  email_reply: 'Email Reply',
  email_unsubscribe: 'Unsubscribe',
  meeting: 'Meeting',
  call: 'Call',
  form_submit: 'Form Submit',
  demo_request: 'Demo Request',
  web_visit: 'Web Visit',
  pricing_visit: 'Pricing Page',
  careers_visit: 'Careers Page',
  content_download: 'Content Download',
  webinar: 'Webinar',
  event: 'Event',
};

function text(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function day(iso: string | null): string {
  return iso === null ? '' : iso.slice(0, 10);
}

function empty(columns: readonly string[]): CsvRow {
  return Object.fromEntries(columns.map((c) => [c, '']));
}

/** How the website column looks: CRMs hold full URLs, bare hosts and www-hosts side by side. */
export type WebsiteStyle = 'url' | 'www' | 'bare';

export function accountRow(account: Account, modifiedAt: string, websiteStyle: WebsiteStyle): CsvRow {
  const domain = account.domain ?? '';
  const website = domain === '' ? '' : websiteStyle === 'url' ? `https://www.${domain}` : websiteStyle === 'www' ? `www.${domain}` : domain;
  const funding = account.features['fundingStage'];
  return {
    id: account.id,
    name: account.name,
    website,
    industry: text(account.industry),
    employees: text(account.employees),
    annual_revenue: text(account.annualRevenue),
    country: text(account.country),
    technologies: account.technologies.join(';'),
    owner_id: text(account.ownerId),
    is_customer: String(account.isCustomer),
    tier_override: text(account.tierOverride),
    funding_stage: typeof funding === 'string' ? funding : '',
    modified_at: modifiedAt,
    ...empty(ACCOUNT_OUTPUT_COLUMNS),
  };
}

export function contactRow(contact: Contact): CsvRow {
  return {
    id: contact.id,
    account_id: text(contact.accountId),
    first_name: text(contact.firstName),
    last_name: text(contact.lastName),
    email: text(contact.email),
    title: text(contact.title),
    department: text(contact.department),
    seniority: text(contact.seniority),
    owner_id: text(contact.ownerId),
    modified_at: contact.modifiedAt,
    ...empty(CONTACT_OUTPUT_COLUMNS),
  };
}

export function leadRow(lead: Lead): CsvRow {
  return {
    id: lead.id,
    first_name: text(lead.firstName),
    last_name: text(lead.lastName),
    email: text(lead.email),
    title: text(lead.title),
    department: text(lead.department),
    seniority: text(lead.seniority),
    owner_id: text(lead.ownerId),
    company: text(lead.company),
    website: text(lead.website),
    industry: text(lead.industry),
    employees: text(lead.employees),
    annual_revenue: text(lead.annualRevenue),
    country: text(lead.country),
    is_converted: String(lead.isConverted),
    converted_contact_id: text(lead.convertedContactId),
    converted_account_id: text(lead.convertedAccountId),
    modified_at: lead.modifiedAt,
    ...empty(LEAD_OUTPUT_COLUMNS),
  };
}

export function opportunityRow(opportunity: Opportunity): CsvRow {
  return {
    id: opportunity.id,
    account_id: text(opportunity.accountId),
    name: text(opportunity.name),
    stage: text(opportunity.stage),
    amount: text(opportunity.amount),
    is_closed: String(opportunity.isClosed),
    is_won: String(opportunity.isWon),
    created_at: opportunity.createdAt,
    // Close dates are calendar dates in CRMs (Salesforce CloseDate), not instants.
    close_date: day(opportunity.closeDate),
    contact_ids: opportunity.contactIds.join(';'),
    modified_at: opportunity.modifiedAt,
  };
}

export function activityRow(activity: Activity): CsvRow {
  const label = ACTIVITY_TYPE_LABELS[activity.type];
  if (label === undefined) {
    throw new Error(`activity ${activity.id}: type "${activity.type}" has no CSV label in mappings/file.yaml; add one to ACTIVITY_TYPE_LABELS and the mapping`);
  }
  return {
    id: activity.id,
    type: label,
    occurred_at: activity.occurredAt,
    account_id: text(activity.accountId),
    contact_id: text(activity.contactId),
    lead_id: text(activity.leadId),
    url: text(activity.detail.url),
    topic: text(activity.detail.topic),
    subject: text(activity.detail.subject),
  };
}

export function intentRow(signal: IntentSignal): CsvRow {
  return { Domain: signal.domain, Topic: signal.topic, 'Composite Score': String(signal.score), Date: day(signal.observedAt) };
}
