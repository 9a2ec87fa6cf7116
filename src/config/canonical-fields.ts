/** Which canonical fields a mapping may fill per object kind, and which ones a record cannot exist without. */
import type { ObjectKind } from '../model/records.js';

export const CANONICAL_FIELDS: Record<ObjectKind, readonly string[]> = {
  account: ['name', 'domain', 'industry', 'employees', 'annualRevenue', 'country', 'technologies', 'ownerId', 'isCustomer', 'tierOverride'],
  contact: ['accountId', 'email', 'firstName', 'lastName', 'title', 'department', 'seniority', 'ownerId'],
  lead: [
    'email', 'firstName', 'lastName', 'title', 'department', 'seniority', 'ownerId', 'company', 'website', 'industry', 'employees',
    'annualRevenue', 'country', 'isConverted', 'convertedContactId', 'convertedAccountId',
  ],
  opportunity: ['accountId', 'name', 'stage', 'isClosed', 'isWon', 'amount', 'createdAt', 'closeDate', 'contactIds'],
  activity: ['type', 'occurredAt', 'accountId', 'contactId', 'leadId', 'url', 'topic', 'subject', 'score'],
};

/** Fields the canonical record types declare non-nullable with no sensible default, so a mapping must provide them. */
export const REQUIRED_CANONICAL_FIELDS: Record<ObjectKind, readonly string[]> = {
  account: ['name'],
  contact: [],
  lead: [],
  opportunity: ['createdAt'],
  activity: ['type', 'occurredAt'],
};
