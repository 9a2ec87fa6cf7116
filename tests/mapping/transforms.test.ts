import type { FieldSource, Transform } from '../../src/config/mapping-types.js';
import { applyFieldSource, parseNumberText } from '../../src/mapping/transforms.js';

function source(transform: Transform, extra: Partial<FieldSource> = {}): FieldSource {
  return { field: 'col', transform, ...extra };
}

const ACTIVITY_VALUES = { 'Email Open': 'email_open', 'web visit': 'web_visit' };

describe('applyFieldSource: accepted values', () => {
  const cases: [string, FieldSource, unknown, unknown][] = [
    ['string trims', source('string'), '  Acme  ', 'Acme'],
    ['string of a JSON number', source('string'), 42, '42'],
    ['empty string → null', source('string'), '   ', null],
    ['missing value → null', source('string'), undefined, null],
    ['number with thousands separators', source('number'), '1,234.5', 1234.5],
    ['number with currency', source('number'), '$1,200', 1200],
    ['number with stray spaces', source('number'), ' 12 ', 12],
    ['negative number', source('number'), '-3.5', -3.5],
    ['JSON number', source('number'), 7.25, 7.25],
    ['integer', source('integer'), '1,250', 1250],
    ['boolean yes', source('boolean'), 'Yes', true],
    ['boolean N', source('boolean'), 'N', false],
    ['boolean 1', source('boolean'), '1', true],
    ['boolean FALSE', source('boolean'), 'FALSE', false],
    ['JSON boolean', source('boolean'), true, true],
    ['ISO date', source('date'), '2025-03-01', '2025-03-01T00:00:00.000Z'],
    ['ISO datetime with Z', source('date'), '2025-03-01T14:30:00Z', '2025-03-01T14:30:00.000Z'],
    ['ISO datetime with offset', source('date'), '2025-03-01T14:30:00+02:00', '2025-03-01T12:30:00.000Z'],
    ['ISO datetime without zone is UTC', source('date'), '2025-03-01 14:30', '2025-03-01T14:30:00.000Z'],
    ['ISO datetime with fraction', source('date'), '2025-03-01T14:30:00.123456Z', '2025-03-01T14:30:00.123Z'],
    ['US date', source('date'), '3/1/2025', '2025-03-01T00:00:00.000Z'],
    ['US date with time', source('date'), '12/31/2024 9:05', '2024-12-31T09:05:00.000Z'],
    ['US date with seconds and PM', source('date'), '1/2/2025 1:02:03 PM', '2025-01-02T13:02:03.000Z'],
    ['leap day', source('date'), '2/29/2024', '2024-02-29T00:00:00.000Z'],
    ['epoch milliseconds text', source('date'), '1735689600000', '2025-01-01T00:00:00.000Z'],
    ['epoch milliseconds number', source('date'), 1735689600000, '2025-01-01T00:00:00.000Z'],
    ['domain from URL', source('domain'), 'https://www.Acme.com/about', 'acme.com'],
    ['domain from email', source('domain'), 'jo@sub.acme.io', 'sub.acme.io'],
    ['lowercase', source('lowercase'), ' Jo@Acme.COM ', 'jo@acme.com'],
    ['split drops empties', source('split', { separator: ';' }), ' a ; ;b;', ['a', 'b']],
    ['split default separator', source('split'), 'x;y', ['x', 'y']],
    ['split of a JSON list', source('split'), ['a', ' b ', ''], ['a', 'b']],
    ['split empty → []', source('split'), '', []],
    ['enum case-insensitive and trimmed', source('enum', { values: ACTIVITY_VALUES }), '  EMAIL OPEN ', 'email_open'],
    ['default when empty', source('boolean', { default: false }), '', false],
    ['default string', source('string', { default: 'Unknown' }), null, 'Unknown'],
    ['enum default given as canonical value', source('enum', { values: ACTIVITY_VALUES, default: 'web_visit' }), '', 'web_visit'],
  ];
  it.each(cases)('%s', (_name, fieldSource, raw, expected) => {
    expect(applyFieldSource(fieldSource, raw)).toEqual({ ok: true, value: expected });
  });
});

describe('applyFieldSource: rejected values name the field, the value, the reason and a fix', () => {
  const cases: [string, FieldSource, unknown, RegExp][] = [
    ['number from words', source('number'), 'abc', /not a number/],
    ['European decimal comma is not misread', source('number'), '1.234,5', /not a number/],
    ['integer with a fraction', source('integer'), '12.5', /not a whole number/],
    ['boolean from an unknown word', source('boolean'), 'maybe', /yes\/no/],
    ['impossible US date', source('date'), '2/30/2025', /not a real calendar date/],
    ['impossible ISO date', source('date'), '2025-02-29', /not a real calendar date/],
    ['month 13', source('date'), '13/1/2025', /month 13/],
    ['hour 25', source('date'), '2025-01-01T25:00:00Z', /time of day/],
    ['free text date', source('date'), 'next tuesday', /not a date/],
    ['epoch seconds', source('date'), '1735689600', /epoch seconds/],
    ['domain from text', source('domain'), 'not a site', /not a website/],
    ['unknown enum value lists the allowed values', source('enum', { values: ACTIVITY_VALUES }), 'fax', /Email Open, web visit/],
    ['required and empty', source('string', { required: true }), '  ', /required but empty/],
    ['nested object', source('string'), { a: 1 }, /nested object/],
  ];
  it.each(cases)('%s', (_name, fieldSource, raw, reason) => {
    const result = applyFieldSource(fieldSource, raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.field).toBe('col');
    expect(result.failure.reason).toMatch(reason);
    expect(result.failure.fix.length).toBeGreaterThan(10);
    expect(result.failure.value).toBe(typeof raw === 'string' ? raw : JSON.stringify(raw));
  });
});

describe('parseNumberText', () => {
  it.each([
    ['€ 99', 99],
    ['+1,000,000', 1_000_000],
    ['1e3', 1000],
    ['.5', 0.5],
    ['12,34', null],
    ['', null],
    ['1 2', null],
  ])('%s → %s', (text, expected) => {
    expect(parseNumberText(text)).toBe(expected);
  });
});
