import { parseSettings } from './settings';

describe('stored settings', () => {
  it('keep a reminder time and a lock time, and drop what is not one', () => {
    const stored = JSON.stringify({
      language: 'ko',
      reminderAt: { hour: 21, minute: 30 },
      lockAfterMinutes: 5,
    });
    expect(parseSettings(stored)).toMatchObject({
      language: 'ko',
      reminderAt: { hour: 21, minute: 30 },
      lockAfterMinutes: 5,
    });
    const odd = JSON.stringify({ reminderAt: { hour: 21, minute: 60 }, lockAfterMinutes: 7 });
    expect(parseSettings(odd)).toMatchObject({ reminderAt: null, lockAfterMinutes: null });
    expect(parseSettings(JSON.stringify({ reminderHour: 25 }))).toMatchObject({ reminderAt: null });
    expect(parseSettings('not json')).toMatchObject({ reminderAt: null, lockAfterMinutes: null });
    // An earlier version kept a whole hour.
    expect(parseSettings(JSON.stringify({ reminderHour: 8 }))).toMatchObject({
      reminderAt: { hour: 8, minute: 0 },
    });
  });
});
