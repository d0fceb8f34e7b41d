import { dayKeyFor, isDayKey, nextDayStart } from './day-key';

const at = (text: string) => new Date(text);

describe('the day a moment belongs to', () => {
  it('is yesterday before the start hour and today from it', () => {
    expect(dayKeyFor(at('2026-11-25T03:59:00'), 4)).toBe('2026-11-24');
    expect(dayKeyFor(at('2026-11-25T04:00:00'), 4)).toBe('2026-11-25');
    expect(dayKeyFor(at('2026-11-25T23:59:00'), 4)).toBe('2026-11-25');
  });

  it('follows a midnight start like the calendar', () => {
    expect(dayKeyFor(at('2026-11-25T00:00:00'), 0)).toBe('2026-11-25');
    expect(dayKeyFor(at('2026-11-24T23:59:59'), 0)).toBe('2026-11-24');
  });

  it('crosses months and years', () => {
    expect(dayKeyFor(at('2027-01-01T02:00:00'), 4)).toBe('2026-12-31');
    expect(dayKeyFor(at('2026-03-01T01:00:00'), 4)).toBe('2026-02-28');
  });

  it('knows when the next day starts', () => {
    expect(nextDayStart(at('2026-11-25T03:00:00'), 4)).toEqual(at('2026-11-25T04:00:00'));
    expect(nextDayStart(at('2026-11-25T04:00:00'), 4)).toEqual(at('2026-11-26T04:00:00'));
  });
});

describe('isDayKey', () => {
  it('takes real calendar days only', () => {
    expect(isDayKey('2026-11-25')).toBe(true);
    expect(isDayKey('2024-02-29')).toBe(true);
    expect(isDayKey('2026-02-30')).toBe(false);
    expect(isDayKey('not-a-day')).toBe(false);
    expect(isDayKey(undefined)).toBe(false);
  });
});
