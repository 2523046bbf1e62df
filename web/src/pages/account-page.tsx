import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { type Person, useSession } from '../api/session.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { SuccessNotice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { signInPath } from '../next-path.ts';
import { useArrivalMessages, type Verification } from './account/arrival-messages.ts';
import { DetailsSection } from './account/details-section.tsx';
import { IdentitySection } from './account/identity-section.tsx';
import { MembershipsSection } from './account/memberships-section.tsx';
import { PasskeySection } from './account/passkeys-section.tsx';
import { SignOutSection } from './account/sign-out-section.tsx';
import type { Farewell, Welcome } from './sign-in-page.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [farewell, setFarewell] = useState<Farewell | null>(null);
  const messages = useArrivalMessages();
  usePageTitle(t('account.title'));

  // Signed out, as far as a finished answer says (stale "signed out" data may be being refreshed).
  if (session.data && !session.data.signedIn && !session.isFetching) {
    // After signing out here: the sign-in page says so. Otherwise: sign in first, then come back.
    return farewell ? (
      <Navigate to="/sign-in" replace state={{ farewell }} />
    ) : (
      <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />
    );
  }

  return (
    <div className="max-w-3xl">
      <PageHeading>{t('account.title')}</PageHeading>
      {(session.isPending || (session.data && !session.data.signedIn)) && <p role="status">{t('account.loading')}</p>}
      {session.isError && !session.data && (
        <ErrorNotice title={t('account.loadError')} error={session.error} onRetry={() => void session.refetch()} />
      )}
      {session.data?.signedIn && (
        <AccountDetails person={session.data.person} {...messages} onSignedOut={setFarewell} />
      )}
    </div>
  );
}

function AccountDetails({
  person,
  welcome,
  verification,
  onSignedOut,
}: {
  person: Person;
  welcome: Welcome | null;
  verification: Verification | null;
  onSignedOut: (farewell: Farewell) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="mt-6 flex flex-col gap-10 md:mt-8 md:gap-12">
      {welcome && (
        <SuccessNotice>{welcome.created ? t('account.welcomeCreated') : t('account.welcomeBack')}</SuccessNotice>
      )}
      <DetailsSection person={person} />
      <PasskeySection person={person} />
      <IdentitySection person={person} verification={verification} />
      <MembershipsSection />
      <SignOutSection onSignedOut={onSignedOut} />
    </div>
  );
}
