import { Platform } from 'react-native';

/** How this device is listed among the person's devices: "iPhone", "iPad", or the Android model. */
export function deviceName(): string {
  if (Platform.OS === 'ios') return Platform.isPad ? 'iPad' : 'iPhone';
  const model = (Platform.constants as { Model?: string }).Model;
  return model ? `Android (${model})` : 'Android';
}
