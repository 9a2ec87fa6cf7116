/**
 * What each canonical field accepts, so a mapping whose transform yields the wrong shape (a list for a name, text for
 * an amount) rejects the record with a fix instead of storing a value scoring cannot use.
 */
import type { ObjectKind } from '../model/records.js';

export type CanonicalType = 'string' | 'number' | 'boolean' | 'list' | 'date' | 'activityType';

export interface CanonicalField {
  type: CanonicalType;
  /** The model has no null for it: an empty value rejects the record unless a default applies. */
  notNull?: boolean;
  /** Used when the mapping leaves the field empty or unmapped. */
  fallback?: boolean | string[];
  /** Activity fields that live in `detail` rather than on the record itself. */
  inDetail?: boolean;
}

const text: CanonicalField = { type: 'string' };

/** What every person (contact or lead) has. */
const person: Record<string, CanonicalField> = {
  email: text,
  firstName: text,
  lastName: text,
  title: text,
  department: text,
  seniority: text,
  ownerId: text,
};

export const CANONICAL_FIELDS: Record<ObjectKind, Record<string, CanonicalField>> = {
  account: {
    name: { type: 'string', notNull: true },
    domain: text,
    industry: text,
    employees: { type: 'number' },
    annualRevenue: { type: 'number' },
    country: text,
    technologies: { type: 'list', fallback: [] },
    ownerId: text,
    isCustomer: { type: 'boolean', fallback: false },
    tierOverride: text,
  },
  contact: { accountId: text, ...person },
  lead: {
    ...person,
    company: text,
    website: text,
    industry: text,
    employees: { type: 'number' },
    annualRevenue: { type: 'number' },
    country: text,
    isConverted: { type: 'boolean', fallback: false },
    convertedContactId: text,
    convertedAccountId: text,
  },
  opportunity: {
    accountId: text,
    name: text,
    stage: text,
    isClosed: { type: 'boolean', fallback: false },
    isWon: { type: 'boolean', fallback: false },
    amount: { type: 'number' },
    createdAt: { type: 'date', notNull: true },
    closeDate: { type: 'date' },
    contactIds: { type: 'list', fallback: [] },
  },
  activity: {
    type: { type: 'activityType', notNull: true },
    occurredAt: { type: 'date', notNull: true },
    accountId: text,
    contactId: text,
    leadId: text,
    url: { type: 'string', inDetail: true },
    topic: { type: 'string', inDetail: true },
    subject: { type: 'string', inDetail: true },
    score: { type: 'number', inDetail: true },
  },
};

/** Mapped field names that are not canonical fields of the kind (a typo in the mapping). */
export function unknownCanonicalFields(kind: ObjectKind, mappedFields: readonly string[]): string[] {
  return mappedFields.filter((name) => !(name in CANONICAL_FIELDS[kind]));
}
