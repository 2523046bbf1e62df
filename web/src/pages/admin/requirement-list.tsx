import { useTranslation } from 'react-i18next';
import type { Requirement } from '../../api/admin-reviews.ts';
import { useLanguage } from '../../i18n/index.ts';

/** The rules engine's explanation, one line per requirement, met or not (said in words, not by colour alone). */
export function RequirementList({ requirements }: { requirements: Requirement[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <ul className="flex flex-col gap-1">
      {requirements.map((requirement) => (
        <li key={requirement.id} className="flex items-start gap-2">
          {requirement.met ? (
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              className="mt-1 size-5 shrink-0 text-success-2"
              fill="none"
              stroke="currentColor"
              strokeWidth="3"
            >
              <path d="m5 12.5 4.5 4.5L19 7.5" />
            </svg>
          ) : (
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              className="mt-1 size-5 shrink-0 text-error-1"
              fill="none"
              stroke="currentColor"
              strokeWidth="3"
            >
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
          )}
          <span>
            <span className="sr-only">{requirement.met ? t('admin.reviews.met') : t('admin.reviews.notMet')}</span>
            {requirement.message[language]}
          </span>
        </li>
      ))}
    </ul>
  );
}
