/** The two languages Haru's built-in companion and diarist speak. */
export type Language = 'ko' | 'en';
export type Localized<T> = Record<Language, T>;
