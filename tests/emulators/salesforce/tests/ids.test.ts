/** Record ids: key prefixes, the 18-character case-safe form, and what counts as malformed. */
import { IdFactory, idSuffix, normalizeId } from '../ids.js';

test('the 18-character suffix follows the documented case-bit checksum', () => {
  expect(idSuffix('a0D30000001n7Pi')).toBe('EAI');
  expect(idSuffix('001000000000000')).toBe('AAA');
  expect(normalizeId('a0D30000001n7Pi')).toBe('a0D30000001n7PiEAI');
  expect(normalizeId('a0D30000001n7PiEAI')).toBe('a0D30000001n7PiEAI');
  expect(normalizeId('a0D30000001n7Piaaa')).toBe(null);
  expect(normalizeId('a0D30000001n7P')).toBe(null);
  expect(normalizeId("001'000000000000")).toBe(null);
});

test('new ids carry the object key prefix, are 18 characters and never repeat', () => {
  const ids = new IdFactory();
  const made = ['001', '003', '00Q', '006', '00T', '00U', '001'].map((p) => ids.newId(p));
  expect(made.map((id) => id.slice(0, 3))).toEqual(['001', '003', '00Q', '006', '00T', '00U', '001']);
  expect(made.every((id) => id.length === 18 && normalizeId(id) === id)).toBe(true);
  expect(new Set(made).size).toBe(made.length);
});
