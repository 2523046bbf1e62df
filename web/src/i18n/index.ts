import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { ja, type Messages } from './ja.ts';

export type Language = 'ja' | 'en';
export const languages: readonly Language[] = ['ja', 'en'];
const STORAGE_KEY = 'furusato.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Messages };
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'ja';
  } catch {
    // Storage can be blocked (private modes, policies); Japanese is the default then.
    return 'ja';
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'ja';
}

/** The UI language, re-rendering the caller when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'ja';
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered; the choice still holds for this page.
  }
});

/**
 * English is loaded only by those who read it: Japanese is the default, and every kilobyte of the start page
 * counts on a phone.
 */
async function loadLanguage(language: Language): Promise<void> {
  if (language === 'ja' || i18next.hasResourceBundle(language, 'translation')) return;
  const { en } = await import('./en.ts');
  i18next.addResourceBundle('en', 'translation', en);
}

/** Switches the UI language, loading its messages first. */
export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

const initialLanguage = storedLanguage();
await i18next.use(initReactI18next).init({
  resources: { ja: { translation: ja } },
  partialBundledLanguages: true,
  lng: 'ja',
  fallbackLng: 'ja',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
});
if (initialLanguage !== 'ja') await changeLanguage(initialLanguage);
document.documentElement.lang = currentLanguage();

export { i18next };
