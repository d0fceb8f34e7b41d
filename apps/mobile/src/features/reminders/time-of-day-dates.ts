import type { TimeOfDay } from '../settings/settings';

/** Today at `at`, local time: the pickers take and give whole dates. */
export function dateAt({ hour, minute }: TimeOfDay): Date {
  const date = new Date();
  date.setHours(hour, minute, 0, 0);
  return date;
}

export const timeOfDayOf = (date: Date): TimeOfDay => ({ hour: date.getHours(), minute: date.getMinutes() });
