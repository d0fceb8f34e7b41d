import { parseSettings } from './settings';

describe('stored settings', () => {
  it('keep a reminder hour and a lock time, and drop what is not one', () => {
    const stored = JSON.stringify({ language: 'ko', reminderHour: 21, lockAfterMinutes: 5 });
    expect(parseSettings(stored)).toMatchObject({ language: 'ko', reminderHour: 21, lockAfterMinutes: 5 });
    const odd = JSON.stringify({ reminderHour: 25, lockAfterMinutes: 7 });
    expect(parseSettings(odd)).toMatchObject({ reminderHour: null, lockAfterMinutes: null });
    expect(parseSettings('not json')).toMatchObject({ reminderHour: null, lockAfterMinutes: null });
  });
});
