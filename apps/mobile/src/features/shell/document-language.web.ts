import { useEffect } from 'react';
import type { Language } from '@/i18n/strings';

// Korean wraps between words, never inside one ("떨/렸어"); a word longer than the line still wraps.
const lineBreaking = 'html { word-break: keep-all; overflow-wrap: break-word; }';

/** The page's `lang` follows the app's language (for screen readers, fonts and line breaking). */
export function useDocumentLanguage(language: Language) {
  useEffect(() => {
    document.documentElement.lang = language;
    if (document.getElementById('haru-line-breaking')) return;
    const style = document.createElement('style');
    style.id = 'haru-line-breaking';
    style.textContent = lineBreaking;
    document.head.appendChild(style);
  }, [language]);
}
