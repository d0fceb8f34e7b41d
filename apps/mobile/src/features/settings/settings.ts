import { getLocales } from 'expo-localization';
import type { Language } from '@/i18n/strings';
import { defaultServerUrl } from './default-server-url';

export interface Settings {
  serverUrl: string;
  language: Language;
  /** Local hour (0–23) at which a new day begins. */
  dayStartHour: number;
}

export function defaultSettings(): Settings {
  const deviceLanguage = getLocales()[0]?.languageCode;
  return { serverUrl: defaultServerUrl(), language: deviceLanguage === 'ko' ? 'ko' : 'en', dayStartHour: 4 };
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
      dayStartHour:
        Number.isInteger(value.dayStartHour) &&
        (value.dayStartHour as number) >= 0 &&
        (value.dayStartHour as number) < 24
          ? (value.dayStartHour as number)
          : defaults.dayStartHour,
    };
  } catch {
    return defaults;
  }
}

export function isServerUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/[^\s/]+/.test(value.trim());
}
