import { companyKey } from '../../src/leads/index.js';

describe('companyKey: the name two companies match on', () => {
  it.each([
    ['Acme, Inc.', 'acme'],
    ['ACME Inc', 'acme'],
    ['acme', 'acme'],
    ['  Acme   Corp. ', 'acme'],
    ['The Acme Company', 'acme'],
    ['Acme Holdings Ltd.', 'acme'],
    ['Acme L.L.C.', 'acme'],
    ['Acme L L C', 'acme'],
    ['Müller GmbH', 'muller'],
    ['Société Générale S.A.', 'societe generale'],
    ['Johnson & Johnson', 'johnson and johnson'],
    ['Johnson and Johnson', 'johnson and johnson'],
    ['Acme Labs', 'acme labs'],
    ['AT&T Inc.', 'at and t'],
    ['The', 'the'],
  ])('%s → %s', (name, key) => {
    expect(companyKey(name)).toBe(key);
  });

  it.each([[null], [''], ['   '], ['Inc.'], ['LLC'], ['[not provided]'], ['N/A'], ['Self-employed'], ['Unknown']])(
    '%s has no key (nothing distinctive, or a placeholder)',
    (name) => {
      expect(companyKey(name)).toBeNull();
    },
  );
});
