import { closestMatch, editDistance } from '../../src/config/suggest.js';
import { formatYamlPath } from '../../src/config/display-path.js';

describe('suggestions', () => {
  it.each([
    ['overlapMinuts', 'overlapMinutes', 1],
    ['Domain', 'domain', 0],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('editDistance(%s, %s) = %d', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });

  it('suggests only plausible typos', () => {
    expect(closestMatch('hubspt', ['file', 'salesforce', 'hubspot'])).toBe('hubspot');
    expect(closestMatch('zzzzzz', ['file', 'salesforce', 'hubspot'])).toBeUndefined();
  });
});

describe('formatYamlPath', () => {
  it.each([
    [['sync', 'overlapMinutes'], 'sync.overlapMinutes'],
    [['tiers', 0, 'name'], 'tiers[0].name'],
    [['values', 'email open'], 'values["email open"]'],
    [[], ''],
  ])('%j → %s', (path, expected) => {
    expect(formatYamlPath(path)).toBe(expected);
  });
});
