import { render, screen } from '@testing-library/react-native';
import { StyleSheet } from 'react-native';
import { Colors } from '@/constants/theme';
import { Button } from './button';

describe('a button', () => {
  it('shows a disabled button as an outline with a readable label, not as a dimmed accent', async () => {
    await render(<Button label="Save" disabled onPress={() => undefined} testID="save" />);
    const button = StyleSheet.flatten(screen.getByTestId('save').props.style);
    expect(button.opacity ?? 1).toBe(1);
    expect(button.backgroundColor).toBe('transparent');
    expect(StyleSheet.flatten(screen.getByText('Save').props.style).color).toBe(Colors.light.textSecondary);
    expect(screen.getByTestId('save')).toBeDisabled();
  });
});
