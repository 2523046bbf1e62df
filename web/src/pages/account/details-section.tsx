import { useTranslation } from 'react-i18next';
import type { Person } from '../../api/session.ts';
import { Section } from './section.tsx';

/** Who is signed in: the display name (when there is one) and the e-mail address. */
export function DetailsSection({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <Section title={t('account.detailsHeading')}>
      <dl className="grid grid-cols-1 border-t border-solid-gray-200 sm:grid-cols-[12rem_minmax(0,1fr)]">
        {/* Set at a passkey sign-up, where it is the only name the account has. */}
        {person.displayName && (
          <>
            <dt className="pt-3 font-bold text-solid-gray-900 sm:border-b sm:border-solid-gray-200 sm:py-3">
              {t('account.displayName')}
            </dt>
            <dd className="border-b border-solid-gray-200 pb-3 wrap-anywhere sm:pt-3">{person.displayName}</dd>
          </>
        )}
        <dt className="pt-3 font-bold text-solid-gray-900 sm:border-b sm:border-solid-gray-200 sm:py-3">
          {t('account.email')}
        </dt>
        <dd className="border-b border-solid-gray-200 pb-3 wrap-anywhere sm:pt-3">
          {person.email ?? t('account.noEmail')}
        </dd>
      </dl>
    </Section>
  );
}
