/**
 * The standard objects ScoreSync reads and writes, with the fields, types, lengths and picklists a fresh
 * Enterprise Edition org reports in describe (a realistic subset: what the connector maps plus neighbours).
 */
import { checkbox, field, longText, picklist, readOnly, reference, required, text, type FieldDef } from './field.js';

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  /** Standard fields; custom fields live in the org schema (they come and go through the Metadata API). */
  fields: FieldDef[];
  /** Custom fields of this object are defined on another one (Task and Event share Activity's). */
  customFieldOwner?: string;
}

const INDUSTRY = [
  'Agriculture', 'Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction', 'Consulting',
  'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental', 'Finance', 'Food & Beverage',
  'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery', 'Manufacturing', 'Media', 'Not For Profit',
  'Recreation', 'Retail', 'Shipping', 'Technology', 'Telecommunications', 'Transportation', 'Utilities', 'Other',
];
const LEAD_SOURCE = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const RATING = ['Hot', 'Warm', 'Cold'];
export const OPPORTUNITY_STAGES: readonly { name: string; closed: boolean; won: boolean; probability: number }[] = [
  { name: 'Prospecting', closed: false, won: false, probability: 10 },
  { name: 'Qualification', closed: false, won: false, probability: 10 },
  { name: 'Needs Analysis', closed: false, won: false, probability: 20 },
  { name: 'Value Proposition', closed: false, won: false, probability: 50 },
  { name: 'Id. Decision Makers', closed: false, won: false, probability: 60 },
  { name: 'Perception Analysis', closed: false, won: false, probability: 70 },
  { name: 'Proposal', closed: false, won: false, probability: 75 },
  { name: 'Proposal/Price Quote', closed: false, won: false, probability: 75 },
  { name: 'Negotiation', closed: false, won: false, probability: 90 },
  { name: 'Negotiation/Review', closed: false, won: false, probability: 90 },
  { name: 'Closed Won', closed: true, won: true, probability: 100 },
  { name: 'Closed Lost', closed: true, won: false, probability: 0 },
];
export const TASK_STATUSES: readonly { name: string; closed: boolean }[] = [
  { name: 'Not Started', closed: false },
  { name: 'In Progress', closed: false },
  { name: 'Completed', closed: true },
  { name: 'Waiting on someone else', closed: false },
  { name: 'Deferred', closed: false },
];
export const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];
const WHAT_TARGETS = ['Account', 'Opportunity', 'Campaign'];

/** Fields every object has: the id and the audit fields the platform maintains on every change. */
function systemFields(options: { deletable: boolean }): FieldDef[] {
  const fields = [
    field('Id', 'Record ID', 'id', { length: 18, ...readOnly, nillable: false, idLookup: true, defaultedOnCreate: true }),
    field('CreatedDate', 'Created Date', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
    reference('CreatedById', 'Created By ID', ['User'], 'CreatedBy', { ...readOnly, nillable: false, defaultedOnCreate: true }),
    field('LastModifiedDate', 'Last Modified Date', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
    reference('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', { ...readOnly, nillable: false, defaultedOnCreate: true }),
    field('SystemModstamp', 'System Modstamp', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
  ];
  if (options.deletable) fields.push(checkbox('IsDeleted', 'Deleted', readOnly));
  return fields;
}

const owner = (): FieldDef => reference('OwnerId', 'Owner ID', ['User'], 'Owner', { nillable: false, defaultedOnCreate: true });
const fullName = (): FieldDef => text('Name', 'Full Name', 121, { ...readOnly, nillable: false, calculated: true });

function object(name: string, label: string, labelPlural: string, keyPrefix: string, fields: FieldDef[], extra: Partial<ObjectDef> = {}): ObjectDef {
  const deletable = extra.deletable ?? true;
  return { name, label, labelPlural, keyPrefix, createable: true, updateable: true, deletable, fields: [...systemFields({ deletable }), ...fields], ...extra };
}

const account = object('Account', 'Account', 'Accounts', '001', [
  text('Name', 'Account Name', 255, required),
  picklist('Type', 'Account Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other']),
  reference('ParentId', 'Parent Account ID', ['Account'], 'Parent'),
  picklist('Industry', 'Industry', INDUSTRY),
  field('Website', 'Website', 'url', { length: 255 }),
  field('Phone', 'Account Phone', 'phone', { length: 40 }),
  field('NumberOfEmployees', 'Employees', 'int', { digits: 8 }),
  field('AnnualRevenue', 'Annual Revenue', 'currency', { precision: 18, scale: 0 }),
  text('BillingCity', 'Billing City', 40),
  text('BillingState', 'Billing State/Province', 80),
  text('BillingCountry', 'Billing Country', 80),
  picklist('AccountSource', 'Account Source', LEAD_SOURCE),
  picklist('Rating', 'Account Rating', RATING),
  text('Site', 'Account Site', 80),
  longText('Description', 'Account Description'),
  owner(),
]);

const contact = object('Contact', 'Contact', 'Contacts', '003', [
  reference('AccountId', 'Account ID', ['Account'], 'Account'),
  text('FirstName', 'First Name', 40),
  text('LastName', 'Last Name', 80, required),
  fullName(),
  picklist('Salutation', 'Salutation', ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']),
  field('Email', 'Email', 'email', { length: 80, idLookup: true }),
  text('Title', 'Title', 128),
  text('Department', 'Department', 80),
  field('Phone', 'Business Phone', 'phone', { length: 40 }),
  text('MailingCountry', 'Mailing Country', 80),
  picklist('LeadSource', 'Lead Source', LEAD_SOURCE),
  reference('ReportsToId', 'Reports To ID', ['Contact'], 'ReportsTo'),
  checkbox('HasOptedOutOfEmail', 'Email Opt Out'),
  longText('Description', 'Contact Description'),
  owner(),
]);

const lead = object('Lead', 'Lead', 'Leads', '00Q', [
  text('FirstName', 'First Name', 40),
  text('LastName', 'Last Name', 80, required),
  fullName(),
  text('Company', 'Company', 255, required),
  text('Title', 'Title', 128),
  field('Email', 'Email', 'email', { length: 80, idLookup: true }),
  field('Phone', 'Phone', 'phone', { length: 40 }),
  field('Website', 'Website', 'url', { length: 255 }),
  picklist('Industry', 'Industry', INDUSTRY),
  field('NumberOfEmployees', 'Employees', 'int', { digits: 8 }),
  field('AnnualRevenue', 'Annual Revenue', 'currency', { precision: 18, scale: 0 }),
  text('City', 'City', 40),
  text('State', 'State/Province', 80),
  text('Country', 'Country', 80),
  picklist('Status', 'Status', LEAD_STATUSES, { restrictedPicklist: true, nillable: false, defaultedOnCreate: true, defaultValue: 'Open - Not Contacted' }),
  picklist('LeadSource', 'Lead Source', LEAD_SOURCE),
  picklist('Rating', 'Rating', RATING),
  checkbox('IsConverted', 'Converted', readOnly),
  field('ConvertedDate', 'Converted Date', 'date', readOnly),
  reference('ConvertedAccountId', 'Converted Account ID', ['Account'], 'ConvertedAccount', readOnly),
  reference('ConvertedContactId', 'Converted Contact ID', ['Contact'], 'ConvertedContact', readOnly),
  reference('ConvertedOpportunityId', 'Converted Opportunity ID', ['Opportunity'], 'ConvertedOpportunity', readOnly),
  checkbox('HasOptedOutOfEmail', 'Email Opt Out'),
  longText('Description', 'Description'),
  owner(),
]);

const opportunity = object('Opportunity', 'Opportunity', 'Opportunities', '006', [
  reference('AccountId', 'Account ID', ['Account'], 'Account'),
  text('Name', 'Name', 120, required),
  picklist('StageName', 'Stage', OPPORTUNITY_STAGES.map((s) => s.name), { ...required, restrictedPicklist: true }),
  field('Amount', 'Amount', 'currency', { precision: 18, scale: 2 }),
  field('Probability', 'Probability (%)', 'percent', { precision: 3, scale: 0, defaultedOnCreate: true }),
  field('CloseDate', 'Close Date', 'date', required),
  picklist('Type', 'Opportunity Type', ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer']),
  picklist('LeadSource', 'Lead Source', LEAD_SOURCE),
  checkbox('IsClosed', 'Closed', { ...readOnly, calculated: true }),
  checkbox('IsWon', 'Won', { ...readOnly, calculated: true }),
  text('NextStep', 'Next Step', 255),
  reference('CampaignId', 'Campaign ID', ['Campaign'], 'Campaign'),
  longText('Description', 'Description'),
  owner(),
]);

const opportunityContactRole = object('OpportunityContactRole', 'Opportunity Contact Role', 'Opportunity Contact Role', '00K', [
  reference('OpportunityId', 'Opportunity ID', ['Opportunity'], 'Opportunity', { ...required, updateable: false }),
  reference('ContactId', 'Contact ID', ['Contact'], 'Contact', required),
  picklist('Role', 'Role', ['Business User', 'Decision Maker', 'Economic Buyer', 'Economic Decision Maker', 'Evaluator', 'Executive Sponsor', 'Influencer', 'Technical Buyer', 'Other']),
  checkbox('IsPrimary', 'Primary'),
]);

/** Fields Task and Event share (they are both Activities). */
function activityFields(): FieldDef[] {
  return [
    field('Subject', 'Subject', 'combobox', { length: 255, picklistValues: ['Call', 'Send Letter', 'Send Quote', 'Other'] }),
    reference('WhoId', 'Name ID', ['Contact', 'Lead'], 'Who'),
    reference('WhatId', 'Related To ID', WHAT_TARGETS, 'What'),
    reference('AccountId', 'Account ID', ['Account'], 'Account', { ...readOnly, calculated: true }),
    picklist('Type', 'Type', ['Call', 'Email', 'Meeting', 'Other']),
    longText('Description', 'Description'),
    owner(),
  ];
}

const task = object('Task', 'Task', 'Tasks', '00T', [
  ...activityFields(),
  field('ActivityDate', 'Due Date Only', 'date'),
  picklist('Status', 'Status', TASK_STATUSES.map((s) => s.name), { restrictedPicklist: true, nillable: false, defaultedOnCreate: true, defaultValue: 'Not Started' }),
  picklist('Priority', 'Priority', ['High', 'Normal', 'Low'], { restrictedPicklist: true, nillable: false, defaultedOnCreate: true, defaultValue: 'Normal' }),
  picklist('TaskSubtype', 'Task Subtype', ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'], { restrictedPicklist: true, updateable: false, defaultedOnCreate: true, defaultValue: 'Task' }),
  checkbox('IsClosed', 'Closed', { ...readOnly, calculated: true }),
  checkbox('IsHighPriority', 'High Priority', { ...readOnly, calculated: true }),
  field('CompletedDateTime', 'Completed Date/Time', 'datetime', readOnly),
  field('CallDurationInSeconds', 'Call Duration', 'int', { digits: 8 }),
], { customFieldOwner: 'Activity' });

const event = object('Event', 'Event', 'Events', '00U', [
  ...activityFields(),
  field('ActivityDate', 'Due Date Only', 'date', { ...readOnly, calculated: true }),
  field('ActivityDateTime', 'Due Date Time', 'datetime'),
  field('StartDateTime', 'Start Date Time', 'datetime'),
  field('EndDateTime', 'End Date Time', 'datetime'),
  field('DurationInMinutes', 'Duration', 'int', { digits: 8 }),
  checkbox('IsAllDayEvent', 'All-Day Event'),
  picklist('EventSubtype', 'Event Subtype', ['Event'], { restrictedPicklist: true, updateable: false, defaultedOnCreate: true, defaultValue: 'Event' }),
  text('Location', 'Location', 255),
], { customFieldOwner: 'Activity' });

const campaign = object('Campaign', 'Campaign', 'Campaigns', '701', [
  text('Name', 'Name', 80, required),
  picklist('Type', 'Type', ['Conference', 'Webinar', 'Trade Show', 'Public Relations', 'Partners', 'Referral Program', 'Advertisement', 'Banner Ads', 'Direct Mail', 'Email', 'Telemarketing', 'Other']),
  picklist('Status', 'Status', ['Planned', 'In Progress', 'Completed', 'Aborted']),
  field('StartDate', 'Start Date', 'date'),
  field('EndDate', 'End Date', 'date'),
  checkbox('IsActive', 'Active'),
  reference('ParentId', 'Parent Campaign ID', ['Campaign'], 'Parent'),
  owner(),
]);

const campaignMember = object('CampaignMember', 'Campaign Member', 'Campaign Members', '00v', [
  reference('CampaignId', 'Campaign ID', ['Campaign'], 'Campaign', { ...required, updateable: false }),
  reference('LeadId', 'Lead ID', ['Lead'], 'Lead'),
  reference('ContactId', 'Contact ID', ['Contact'], 'Contact'),
  picklist('Status', 'Status', ['Planned', 'Received', 'Sent', 'Responded'], { defaultedOnCreate: true, defaultValue: 'Sent' }),
  checkbox('HasResponded', 'Responded', { ...readOnly, calculated: true }),
  field('FirstRespondedDate', 'First Responded Date', 'date', readOnly),
]);

const user = object('User', 'User', 'Users', '005', [
  text('Username', 'Username', 80, { ...required, unique: true, idLookup: true, createable: false, updateable: false }),
  text('FirstName', 'First Name', 40, readOnly),
  text('LastName', 'Last Name', 80, { ...readOnly, nillable: false }),
  fullName(),
  field('Email', 'Email', 'email', { length: 128, ...readOnly, nillable: false }),
  text('Title', 'Title', 80, readOnly),
  text('Department', 'Department', 80, readOnly),
  checkbox('IsActive', 'Active', readOnly),
  picklist('UserType', 'User Type', ['Standard', 'PowerPartner', 'CsnOnly', 'Guest'], readOnly),
], { createable: false, updateable: false, deletable: false });

const permissionSet = object('PermissionSet', 'Permission Set', 'Permission Sets', '0PS', [
  text('Name', 'Name', 80, { ...readOnly, nillable: false }),
  text('Label', 'Label', 80, readOnly),
  checkbox('IsOwnedByProfile', 'Is Owned By Profile', readOnly),
  text('Description', 'Description', 255, readOnly),
], { createable: false, updateable: false, deletable: false });

const permissionSetAssignment = object('PermissionSetAssignment', 'Permission Set Assignment', 'Permission Set Assignments', '0Pa', [
  reference('AssigneeId', 'Assignee ID', ['User'], 'Assignee', { ...required, updateable: false }),
  reference('PermissionSetId', 'Permission Set ID', ['PermissionSet'], 'PermissionSet', { ...required, updateable: false }),
], { updateable: false, deletable: true });

export const STANDARD_OBJECTS: readonly ObjectDef[] = [
  account, contact, lead, opportunity, opportunityContactRole, task, event, campaign, campaignMember, user, permissionSet, permissionSetAssignment,
];

/** Objects that own custom fields without being an sObject of their own in the REST API. */
export const CUSTOM_FIELD_OWNERS_ONLY: ReadonlySet<string> = new Set(['Activity']);
