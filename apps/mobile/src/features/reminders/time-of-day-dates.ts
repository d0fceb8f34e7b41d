import type { TimeOfDay } from '../settings/settings';

/**
 * `at` on a day without a clock change, local time: the pickers take and give whole dates, and on the
 * day clocks go forward 02:30 would not exist.
 */
export const dateAt = ({ hour, minute }: TimeOfDay): Date => new Date(2000, 0, 1, hour, minute);

export const timeOfDayOf = (date: Date): TimeOfDay => ({ hour: date.getHours(), minute: date.getMinutes() });
