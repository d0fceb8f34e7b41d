import type { ReminderTimePickerProps } from './reminder-time-picker-props';

/** The web offers no reminder (see daily-reminder.web.ts), so Settings never shows this there. */
export function ReminderTimePicker(_props: ReminderTimePickerProps) {
  return null;
}
