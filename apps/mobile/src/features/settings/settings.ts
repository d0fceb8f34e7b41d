import { getLocales } from 'expo-localization';
import type { Language } from '@/i18n/strings';
import { defaultServerUrl } from './default-server-url';

export interface Settings {
  serverUrl: string;
  language: Language;
  /** Local hour (0–23) at which a new day begins. */
  dayStartHour: number;
  /** When the daily reminder comes, local time (iOS and Android), or null for none. */
  reminderAt: TimeOfDay | null;
  /** Minutes in the background after which Haru asks to be unlocked (iOS and Android), or null for no lock. */
  lockAfterMinutes: LockAfter | null;
}

/** A local time of day. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** Evening, when a day is mostly told: where a newly turned-on reminder starts. */
export const defaultReminderAt: TimeOfDay = { hour: 21, minute: 0 };

export const timeOfDayLabel = ({ hour, minute }: TimeOfDay) =>
  `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

export const lockAfterChoices = [1, 5, 15] as const;
export type LockAfter = (typeof lockAfterChoices)[number];

const isHour = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) < 24;

const isTimeOfDay = (value: unknown): value is TimeOfDay => {
  const { hour, minute } = (value ?? {}) as Partial<TimeOfDay>;
  return isHour(hour) && Number.isInteger(minute) && (minute as number) >= 0 && (minute as number) < 60;
};

/** The reminder as stored, or as an earlier version stored it (a whole hour, `reminderHour`). */
function storedReminder(value: { reminderAt?: unknown; reminderHour?: unknown }): TimeOfDay | null {
  if (isTimeOfDay(value.reminderAt)) return { hour: value.reminderAt.hour, minute: value.reminderAt.minute };
  return isHour(value.reminderHour) ? { hour: value.reminderHour, minute: 0 } : null;
}

export function defaultSettings(): Settings {
  const deviceLanguage = getLocales()[0]?.languageCode;
  return {
    serverUrl: defaultServerUrl(),
    language: deviceLanguage === 'ko' ? 'ko' : 'en',
    dayStartHour: 4,
    reminderAt: null,
    lockAfterMinutes: null,
  };
}

/** Stored settings over the defaults, ignoring anything malformed. */
export function parseSettings(stored: string | null): Settings {
  const defaults = defaultSettings();
  if (!stored) return defaults;
  try {
    const value = JSON.parse(stored) as Partial<Settings> & { reminderHour?: unknown };
    return {
      serverUrl: isServerUrl(value.serverUrl) ? value.serverUrl : defaults.serverUrl,
      language: value.language === 'ko' || value.language === 'en' ? value.language : defaults.language,
      dayStartHour: isHour(value.dayStartHour) ? value.dayStartHour : defaults.dayStartHour,
      reminderAt: storedReminder(value),
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
