import type { TimeOfDay } from '../settings/settings';

/** The web offers no reminder (see daily-reminder.web.ts), so Settings never shows this there. */
export function ReminderTimePicker(_props: {
  value: TimeOfDay;
  label: string;
  onChange: (at: TimeOfDay) => void;
}) {
  return null;
}
