import DateTimePicker from '@react-native-community/datetimepicker';
import type { TimeOfDay } from '../settings/settings';
import { dateAt, timeOfDayOf } from './time-of-day-dates';

/** iOS's own compact time picker: a small button with the time that opens the system's wheel. */
export function ReminderTimePicker({
  value,
  label,
  onChange,
}: {
  value: TimeOfDay;
  label: string;
  onChange: (at: TimeOfDay) => void;
}) {
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
