import { daysSince, shiftDateValue } from '../../src/cli/shift-dates.js';

describe('demo date shifting', () => {
  it.each([
    ['2026-11-20', 3, '2026-11-23'],
    ['2026-11-20T12:00:00.000Z', 12, '2026-12-02T12:00:00.000Z'],
    ['2/27/2024', 3, '3/1/2024'],
    ['', 5, ''],
    ['not a date', 5, 'not a date'],
  ])('%s + %d days → %s', (value, days, expected) => {
    expect(shiftDateValue(value, days)).toBe(expected);
  });

  it('counts whole UTC days from the anchor', () => {
    expect(daysSince('2026-11-20T12:00:00Z', new Date('2026-11-20T23:59:00Z'))).toBe(0);
    expect(daysSince('2026-11-20T12:00:00Z', new Date('2026-11-23T00:01:00Z'))).toBe(3);
  });
});
