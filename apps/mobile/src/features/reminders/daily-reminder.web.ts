import type { Strings } from '@/i18n/strings';
import type { TimeOfDay } from '../settings/settings';

/** A web page cannot wake itself at a set time each day, so the web offers no reminder. */
export const remindersAvailable = false;

export async function scheduleDailyReminder(_at: TimeOfDay | null, _strings: Strings): Promise<'off'> {
  return 'off';
}

export async function notificationsAllowed(): Promise<boolean> {
  return false;
}
