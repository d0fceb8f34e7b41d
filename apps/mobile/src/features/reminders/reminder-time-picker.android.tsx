import { DateTimePickerAndroid } from '@react-native-community/datetimepicker';
import { Button } from '@/components/ui/button';
import { timeOfDayLabel } from '../settings/settings';
import type { ReminderTimePickerProps } from './reminder-time-picker-props';
import { dateAt, timeOfDayOf } from './time-of-day-dates';

/** Android's time picker is a dialog: a button with the time opens it. */
export function ReminderTimePicker({ value, label, onChange }: ReminderTimePickerProps) {
  const open = () =>
    DateTimePickerAndroid.open({
      mode: 'time',
      value: dateAt(value),
      // The button shows 24-hour time, so the dialog does too.
      is24Hour: true,
      onValueChange: (_event, date) => onChange(timeOfDayOf(date)),
    });
  return (
    <Button
      label={timeOfDayLabel(value)}
      accessibilityLabel={`${label}: ${timeOfDayLabel(value)}`}
      variant="secondary"
      onPress={open}
      testID="reminder-time"
    />
  );
}
