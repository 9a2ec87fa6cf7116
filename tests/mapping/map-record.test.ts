import type { ObjectMapping } from '../../src/config/mapping-types.js';
import { mapRecord, UNKNOWN_MODIFIED_AT } from '../../src/mapping/map-record.js';
import type { ObjectKind } from '../../src/model/records.js';
import { loadFileMapping } from '../file-connector/file-mapping.js';

const mapping = loadFileMapping();

function objectMapping(kind: ObjectKind): ObjectMapping {
  const m = mapping.objects[kind];
  if (!m) throw new Error(`file.yaml has no ${kind}`);
  return m;
}

const accountRow = {
  id: ' A1 ',
  name: 'Acme',
  website: 'https://www.acme.com',
  industry: 'Software',
  employees: '1,200',
  annual_revenue: '$5,000,000',
  country: 'US',
  technologies: 'Salesforce; Snowflake;',
  owner_id: 'U1',
  is_customer: 'no',
  tier_override: '',
  funding_stage: 'Series B',
  modified_at: '3/1/2025 10:00',
  fit_score: '71',
  fit_bucket: '',
};

describe('mapRecord', () => {
  it('builds a canonical account with features, current output values and a UTC modifiedAt', () => {
    const result = mapRecord('account', accountRow, objectMapping('account'), 'file');
    expect(result).toEqual({
      ok: true,
      record: {
        id: 'A1',
        source: 'file',
        name: 'Acme',
        domain: 'acme.com',
        industry: 'Software',
        employees: 1200,
        annualRevenue: 5_000_000,
        country: 'US',
        technologies: ['Salesforce', 'Snowflake'],
        ownerId: 'U1',
        isCustomer: false,
        tierOverride: null,
        features: { fundingStage: 'Series B' },
        modifiedAt: '2025-03-01T10:00:00.000Z',
        crmValues: expect.objectContaining({ fitScore: '71', fitBucket: null, tier: null }) as unknown,
      },
    });
    if (!result.ok) return;
    expect(Object.keys(result.record.crmValues).sort()).toEqual(Object.keys(objectMapping('account').outputs).sort());
  });

  it('applies the model defaults when optional fields are empty', () => {
    const result = mapRecord('account', { id: 'A2', name: 'Beta', modified_at: '2025-01-01' }, objectMapping('account'), 'file');
    expect(result.ok && result.record).toMatchObject({ technologies: [], isCustomer: false, domain: null, employees: null, features: { fundingStage: null } });
  });

  it('uses the fixed epoch when there is no modification stamp', () => {
    const noStamp = { ...objectMapping('account') };
    delete noStamp.modifiedAt;
    const withoutColumn = mapRecord('account', { id: 'A3', name: 'Gamma' }, noStamp, 'file');
    const emptyColumn = mapRecord('account', { id: 'A3', name: 'Gamma', modified_at: '' }, objectMapping('account'), 'file');
    expect(withoutColumn.ok && withoutColumn.record.modifiedAt).toBe(UNKNOWN_MODIFIED_AT);
    expect(emptyColumn.ok && emptyColumn.record.modifiedAt).toBe(UNKNOWN_MODIFIED_AT);
  });

  it('maps an activity, putting url/topic/subject into detail and the enum into a canonical type', () => {
    const result = mapRecord(
      'activity',
      { id: 'X1', type: ' Pricing Page ', occurred_at: '2025-02-03T04:05:06-05:00', account_id: 'A1', contact_id: '', url: '/pricing', topic: '', subject: 'Hi' },
      objectMapping('activity'),
      'file',
    );
    expect(result).toEqual({
      ok: true,
      record: {
        id: 'X1',
        source: 'file',
        type: 'pricing_visit',
        occurredAt: '2025-02-03T09:05:06.000Z',
        accountId: 'A1',
        contactId: null,
        leadId: null,
        detail: { url: '/pricing', subject: 'Hi' },
        modifiedAt: '2025-02-03T09:05:06.000Z',
      },
    });
  });

  it('maps an opportunity with contact ids and closed/won defaults', () => {
    const result = mapRecord(
      'opportunity',
      { id: 'O1', account_id: 'A1', name: 'Deal', stage: 'Won', is_won: 'yes', amount: '10,000', created_at: '1/15/2025', close_date: '', contact_ids: 'C1;C2' },
      objectMapping('opportunity'),
      'file',
    );
    expect(result.ok && result.record).toEqual({
      id: 'O1',
      source: 'file',
      accountId: 'A1',
      name: 'Deal',
      stage: 'Won',
      isClosed: false,
      isWon: true,
      amount: 10_000,
      createdAt: '2025-01-15T00:00:00.000Z',
      closeDate: null,
      contactIds: ['C1', 'C2'],
      modifiedAt: UNKNOWN_MODIFIED_AT,
    });
  });

  const rejections: [string, ObjectKind, Record<string, unknown>, string, RegExp][] = [
    ['empty id', 'account', { id: ' ', name: 'Acme' }, 'id', /"id" is required but empty/],
    ['empty required name', 'account', { id: 'A1', name: '' }, 'name', /"name" is required but empty/],
    ['bad optional number is not silently dropped', 'account', { id: 'A1', name: 'Acme', employees: 'lots' }, 'employees', /"employees" value "lots" is not a whole number\. Fix: /],
    ['bad modification date', 'account', { id: 'A1', name: 'Acme', modified_at: '2/30/2025' }, 'modified_at', /"modified_at" value "2\/30\/2025" \(mapped to modifiedAt\) is not a real calendar date/],
    ['bad website', 'account', { id: 'A1', name: 'Acme', website: 'n/a' }, 'website', /is not a website/],
    ['bad feature value', 'account', { id: 'A1', name: 'Acme', funding_stage: { round: 'B' } }, 'funding_stage', /mapped to features.fundingStage/],
    ['unknown activity type lists allowed values', 'activity', { id: 'X1', type: 'fax', occurred_at: '2025-01-01' }, 'type', /not one of the mapped values \(email open, email click/],
    ['missing activity date', 'activity', { id: 'X1', type: 'call' }, 'occurred_at', /"occurred_at" .*required but empty/],
    ['missing opportunity created date', 'opportunity', { id: 'O1' }, 'created_at', /required but empty/],
  ];
  it.each(rejections)('rejects: %s', (_name, kind, raw, field, reason) => {
    const result = mapRecord(kind, raw, objectMapping(kind), 'file');
    expect(result).toEqual({ ok: false, field, reason: expect.stringMatching(reason) as unknown });
  });

  it('rejects when a transform gives the wrong shape for the canonical field, naming the transform to use', () => {
    const m = objectMapping('account');
    const wrong: ObjectMapping = { ...m, fields: { ...m.fields, employees: { field: 'employees', transform: 'string' } } };
    const result = mapRecord('account', { id: 'A1', name: 'Acme', employees: '12' }, wrong, 'file');
    expect(result).toEqual({ ok: false, field: 'employees', reason: expect.stringContaining('use transform: number') as unknown });
  });

  it('rejects a mapping that names a field the canonical type does not have', () => {
    const m = objectMapping('contact');
    const typo: ObjectMapping = { ...m, fields: { ...m.fields, emial: { field: 'email', transform: 'string' } } };
    const result = mapRecord('contact', { id: 'C1' }, typo, 'file');
    expect(result).toEqual({ ok: false, field: 'emial', reason: expect.stringContaining('unknown field(s) emial') as unknown });
  });

  it('reads JSON numbers and booleans as the canonical types', () => {
    const result = mapRecord('account', { id: 17, name: 'Num', employees: 40, is_customer: true, fit_score: 55 }, objectMapping('account'), 'file');
    expect(result.ok && result.record).toMatchObject({ id: '17', employees: 40, isCustomer: true, crmValues: { fitScore: '55' } });
  });
});

describe('mapRecord date fields mapped without the date transform', () => {
  it.each([
    ['2025-03-01T10:00:00.000Z', '2025-03-01T10:00:00.000Z'],
    ['3/1/2025', '2025-03-01T00:00:00.000Z'],
  ])('parses %s', (value, expected) => {
    const m = objectMapping('opportunity');
    const plain: ObjectMapping = { ...m, fields: { ...m.fields, createdAt: { field: 'created_at', transform: 'string' } } };
    const result = mapRecord('opportunity', { id: 'O1', created_at: value }, plain, 'file');
    expect(result.ok && result.record.createdAt).toBe(expected);
  });

  it('rejects an impossible date even in canonical ISO form', () => {
    const m = objectMapping('opportunity');
    const plain: ObjectMapping = { ...m, fields: { ...m.fields, createdAt: { field: 'created_at', transform: 'string' } } };
    const result = mapRecord('opportunity', { id: 'O1', created_at: '2025-02-30T00:00:00.000Z' }, plain, 'file');
    expect(result).toEqual({ ok: false, field: 'created_at', reason: expect.stringContaining('not a real calendar date') as unknown });
  });
});

describe('enum, passThrough and scale in a record', () => {
  const base: ObjectMapping = {
    object: 'accounts',
    id: { field: 'id', transform: 'string' },
    fields: {
      name: { field: 'name', transform: 'string' },
      industry: { field: 'industry', transform: 'enum', values: { technolgy: 'Technology' }, passThrough: true },
      country: { field: 'country', transform: 'enum', values: { 'United States': 'US' } },
      annualRevenue: { field: 'revenue_m', transform: 'scale', factor: 1_000_000 },
      isCustomer: { field: 'status', transform: 'enum', values: { Customer: true, Prospect: false } },
    },
    features: {},
    outputs: {},
  };

  it('maps typos and keeps other values with passThrough, scales numbers, and maps to booleans', () => {
    const result = mapRecord('account', { id: 'A1', name: 'Acme', industry: 'Technolgy', country: 'United States', revenue_m: '12.5', status: 'customer' }, base, 'file');
    expect(result).toMatchObject({ ok: true, record: { industry: 'Technology', country: 'US', annualRevenue: 12_500_000, isCustomer: true } });
    const kept = mapRecord('account', { id: 'A2', name: 'Beta', industry: 'Retail', country: '', revenue_m: '', status: 'Prospect' }, base, 'file');
    expect(kept).toMatchObject({ ok: true, record: { industry: 'Retail', annualRevenue: null, isCustomer: false } });
  });

  it('an unmapped enum value rejects the field, not the record (a required one still rejects the record)', () => {
    const result = mapRecord('account', { id: 'A3', name: 'Gamma', industry: 'Software', country: 'Narnia', revenue_m: '1', status: 'Prospect' }, base, 'file');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.country).toBeNull();
    expect(result.record.name).toBe('Gamma');
    expect(result.fieldRejects).toEqual([{ field: 'country', reason: expect.stringMatching(/^"country" value "Narnia" is not one of the mapped values \(United States\)\. Fix: .*; the record is kept with this field empty\.$/) }]);
    const required = { ...base, fields: { ...base.fields, country: { ...base.fields.country!, required: true } } };
    expect(mapRecord('account', { id: 'A3', name: 'Gamma', country: 'Narnia' }, required, 'file')).toMatchObject({ ok: false, field: 'country' });
  });
});
