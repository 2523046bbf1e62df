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

/** Messages loaded with the pages that use them (`page` in app.tsx). */
export type MessagePart = 'admin' | 'resident';
type Part = 'base' | MessagePart;

// Japanese base messages are bundled (the default language, and the fallback); everything else is loaded when
// first needed: every kilobyte of the start page counts on a phone, and residents never need the console's.
const loaders: Record<Language, Record<Part, (() => Promise<object>) | null>> = {
  ja: {
    base: null,
    admin: async () => (await import('./admin-messages.ja.ts')).adminMessagesJa,
    resident: async () => (await import('./resident-messages.ja.ts')).residentMessagesJa,
  },
  en: {
    base: async () => (await import('./en.ts')).en,
    admin: async () => (await import('./admin-messages.en.ts')).adminMessagesEn,
    resident: async () => (await import('./resident-messages.en.ts')).residentMessagesEn,
  },
};
const wanted = new Set<Part>(['base']);
const loaded = new Set<string>();

async function load(language: Language): Promise<void> {
  for (const part of wanted) {
    const loader = loaders[language][part];
    if (!loader || loaded.has(`${language}/${part}`)) continue;
    i18next.addResourceBundle(language, 'translation', await loader(), true, true);
    loaded.add(`${language}/${part}`);
  }
}

/** Switches the UI language, loading its messages first. */
export async function changeLanguage(language: Language): Promise<void> {
  await load(language);
  await i18next.changeLanguage(language);
}

/** A group of pages' messages, in the current language and in Japanese (the fallback); kept for later switches. */
export async function loadMessages(part: MessagePart): Promise<void> {
  wanted.add(part);
  await Promise.all([load('ja'), load(currentLanguage())]);
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
