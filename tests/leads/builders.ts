/** A lead with every field, so each test states only what it is about. */
import type { Lead } from '../../src/model/records.js';

export function lead(id: string, over: Partial<Lead> = {}): Lead {
  return {
    id,
    source: 'file',
    email: null,
    firstName: 'Lee',
    lastName: id,
    title: null,
    department: null,
    seniority: null,
    ownerId: null,
    company: null,
    website: null,
    industry: null,
    employees: null,
    annualRevenue: null,
    country: null,
    isConverted: false,
    convertedContactId: null,
    convertedAccountId: null,
    features: {},
    modifiedAt: '2026-11-01T00:00:00.000Z',
    crmValues: {},
    ...over,
  };
}
