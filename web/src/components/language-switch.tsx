import { useTranslation } from 'react-i18next';
import { changeLanguage, useLanguage } from '../i18n/index.ts';

/** One button to the other language, named in that language (and marked up as such for screen readers). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const other = useLanguage() === 'ja' ? 'en' : 'ja';
  return (
    <button
      type="button"
      lang={other}
      className="button-secondary min-h-10 px-3 py-1.5"
      onClick={() => void changeLanguage(other)}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3Z" />
      </svg>
      {t('language.switchTo')}
    </button>
  );
}
