import { DateTimePickerAndroid } from '@react-native-community/datetimepicker';
import { fireEvent, render, screen } from '@testing-library/react-native';
import { ReminderTimePicker } from './reminder-time-picker.android';

jest.mock('@react-native-community/datetimepicker', () => ({ DateTimePickerAndroid: { open: jest.fn() } }));

type OpenParams = Parameters<typeof DateTimePickerAndroid.open>[0];

describe('the reminder time on Android', () => {
  it('shows the time on a button that opens the system’s 24-hour time dialog, and takes the time chosen', async () => {
    const onChange = jest.fn();
    await render(<ReminderTimePicker value={{ hour: 21, minute: 30 }} label="Time" onChange={onChange} />);
    await fireEvent.press(screen.getByText('21:30'));
    const params = jest.mocked(DateTimePickerAndroid.open).mock.calls[0]?.[0] as OpenParams;
    expect(params.mode).toBe('time');
    expect(params.is24Hour).toBe(true);
    expect([params.value.getHours(), params.value.getMinutes()]).toEqual([21, 30]);

    params.onValueChange?.({ nativeEvent: { timestamp: 0, utcOffset: 0 } }, new Date(2000, 0, 1, 6, 5));
    expect(onChange).toHaveBeenCalledWith({ hour: 6, minute: 5 });
  });
});
