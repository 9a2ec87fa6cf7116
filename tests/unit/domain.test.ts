import { normalizeDomain } from '../../src/model/domain.js';

describe('normalizeDomain', () => {
  it.each([
    ['https://www.Acme.com/about', 'acme.com'],
    ['jane@sub.acme.co.uk', 'sub.acme.co.uk'],
    ['  acme.io  ', 'acme.io'],
    ['http://www2.acme.com:8080?x=1', 'acme.com'],
    ['not a domain', null],
    ['', null],
    [null, null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });
});
