import { getLocales } from 'expo-localization';
import type { Language } from '@/i18n/strings';
import { defaultServerUrl } from './default-server-url';

export interface Settings {
  serverUrl: string;
  language: Language;
  /** Local hour (0–23) at which a new day begins. */
  dayStartHour: number;
  /** Local hour of the daily reminder (iOS and Android), or null for none. */
  reminderHour: number | null;
  /** Minutes in the background after which Haru asks to be unlocked (iOS and Android), or null for no lock. */
  lockAfterMinutes: LockAfter | null;
}

export const lockAfterChoices = [1, 5, 15] as const;
export type LockAfter = (typeof lockAfterChoices)[number];

const isHour = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) < 24;

export function defaultSettings(): Settings {
  const deviceLanguage = getLocales()[0]?.languageCode;
  return {
    serverUrl: defaultServerUrl(),
    language: deviceLanguage === 'ko' ? 'ko' : 'en',
    dayStartHour: 4,
    reminderHour: null,
    lockAfterMinutes: null,
  };
}

/** Stored settings over the defaults, ignoring anything malformed. */
export function parseSettings(stored: string | null): Settings {
  const defaults = defaultSettings();
  if (!stored) return defaults;
  try {
    const value = JSON.parse(stored) as Partial<Settings>;
    return {
      serverUrl: isServerUrl(value.serverUrl) ? value.serverUrl : defaults.serverUrl,
      language: value.language === 'ko' || value.language === 'en' ? value.language : defaults.language,
      dayStartHour: isHour(value.dayStartHour) ? value.dayStartHour : defaults.dayStartHour,
      reminderHour: isHour(value.reminderHour) ? value.reminderHour : null,
      lockAfterMinutes: lockAfterChoices.includes(value.lockAfterMinutes as LockAfter)
        ? (value.lockAfterMinutes as LockAfter)
        : null,
    };
  } catch {
    return defaults;
  }
}

export function isServerUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/[^\s/]+/.test(value.trim());
}

/**
 * The server's address as the app keeps it: without trailing slashes, and without the `/v1` the
 * gateway prints for Assistants apps (the app adds that itself).
 */
export function serverAddress(typed: string): string {
  return typed.trim().replace(/\/+$/, '').replace(/\/v1$/, '');
}
