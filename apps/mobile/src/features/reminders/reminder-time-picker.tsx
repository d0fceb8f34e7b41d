import DateTimePicker from '@react-native-community/datetimepicker';
import type { ReminderTimePickerProps } from './reminder-time-picker-props';
import { dateAt, timeOfDayOf } from './time-of-day-dates';

/** iOS's own compact time picker: a small button with the time that opens the system's wheel. */
export function ReminderTimePicker({ value, label, onChange }: ReminderTimePickerProps) {
  return (
    <DateTimePicker
      mode="time"
      display="compact"
      value={dateAt(value)}
      accessibilityLabel={label}
      testID="reminder-time"
      onValueChange={(_event, date) => onChange(timeOfDayOf(date))}
    />
  );
}
