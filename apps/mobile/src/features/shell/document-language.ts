import type { Language } from '@/i18n/strings';

/** iOS and Android take the language from each text's content; only the web page needs telling. */
export function useDocumentLanguage(_language: Language) {}
