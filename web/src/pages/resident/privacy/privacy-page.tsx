import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useApplySession, useSession } from '../../../api/session.ts';
import { LanguageSwitch } from '../../../components/language-switch.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { signInPath } from '../../../next-path.ts';
import { Section } from '../../account/section.tsx';
import { ConsentsSection } from './consents-section.tsx';
import { DeleteAccountSection } from './delete-account-section.tsx';
import { ExportSection } from './export-section.tsx';

/** `/privacy`: consents per municipality, withdrawing, language, my data as a file, and deleting the account. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const session = useSession();
  const apply = useApplySession();
  const [deleted, setDeleted] = useState(false);
  usePageTitle(deleted ? t('residentPrivacy.deletedTitle') : t('residentPrivacy.title'));

  if (deleted) {
    return (
      <div className="flex max-w-3xl flex-col items-start gap-6">
        <PageHeading>{t('residentPrivacy.deletedTitle')}</PageHeading>
        <SuccessNotice>{t('residentPrivacy.deletedText')}</SuccessNotice>
        <Link to="/" className="button-primary">
          {t('residentPrivacy.toTop')}
        </Link>
      </div>
    );
  }
  if (session.data && !session.data.signedIn && !session.isFetching) {
    return <Navigate to={signInPath('/privacy')} replace />;
  }
  return (
    <div className="max-w-3xl">
      <PageHeading>{t('residentPrivacy.title')}</PageHeading>
      <p className="max-w-prose">{t('residentPrivacy.lead')}</p>
      {!session.data?.signedIn && <p role="status">{t('residentPrivacy.loading')}</p>}
      {session.data?.signedIn && (
        <div className="mt-8 flex flex-col gap-10 md:gap-12">
          <ConsentsSection />
          <Section title={t('residentPrivacy.notificationsHeading')}>
            <p className="mb-3 max-w-prose">{t('residentPrivacy.notificationsText')}</p>
            <Link to="/settings/notifications" className="button-secondary">
              {t('residentPrivacy.notificationsLink')}
            </Link>
          </Section>
          <Section title={t('residentPrivacy.accountHeading')}>
            <p className="mb-3 max-w-prose">{t('residentPrivacy.accountText')}</p>
            <Link to="/account" className="button-secondary">
              {t('residentPrivacy.accountLink')}
            </Link>
          </Section>
          <Section title={t('residentPrivacy.languageHeading')}>
            <p className="mb-3">{t('residentPrivacy.languageText')}</p>
            <LanguageSwitch />
          </Section>
          <ExportSection />
          <DeleteAccountSection
            onDeleted={async () => {
              // The done view first: the signed-out session would otherwise send the page to sign-in.
              setDeleted(true);
              await apply.signedOut();
            }}
          />
        </div>
      )}
    </div>
  );
}
