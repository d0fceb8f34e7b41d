import type { TimeOfDay } from '../settings/settings';

/** What Settings gives each platform's reminder time picker. */
export interface ReminderTimePickerProps {
  value: TimeOfDay;
  /** What a screen reader calls the picker. */
  label: string;
  onChange: (at: TimeOfDay) => void;
}
