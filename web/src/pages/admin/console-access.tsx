import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { type ConsoleMembership, isConsoleMembership } from '../../api/admin-console.ts';
import { useSession } from '../../api/session.ts';
import { type Membership, useMemberships } from '../../api/staff.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { signInPath } from '../../next-path.ts';

type Access =
  | { state: 'signed-out' }
  | { state: 'loading' }
  | { state: 'failed'; error: unknown; retry: () => void }
  | { state: 'ready'; console: ConsoleMembership[]; all: Membership[] };

/** Who is signed in, and which tenants' consoles they may open. */
export function useConsoleAccess(): Access {
  const session = useSession();
  const memberships = useMemberships();
  // Signed out, as far as a finished answer says (stale "signed out" data may be being refreshed).
  if (session.data && !session.data.signedIn && !session.isFetching) return { state: 'signed-out' };
  if (session.isError && !session.data) return { state: 'failed', error: session.error, retry: session.refetch };
  if (memberships.isError && !memberships.data)
    return { state: 'failed', error: memberships.error, retry: memberships.refetch };
  if (!session.data?.signedIn || !memberships.data) return { state: 'loading' };
  return { state: 'ready', console: memberships.data.filter(isConsoleMembership), all: memberships.data };
}

/** The states before the console itself: signing in first, waiting, failing, or no staff role at all. */
export function AccessGate({ access }: { access: Exclude<Access, { state: 'ready' }> }) {
  const { t } = useTranslation();
  const location = useLocation();
  usePageTitle(t('admin.title'));
  if (access.state === 'signed-out') {
    return <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />;
  }
  return (
    <div className="max-w-3xl">
      <PageHeading>{t('admin.title')}</PageHeading>
      {access.state === 'loading' ? (
        <p role="status">{t('admin.loading')}</p>
      ) : (
        <ErrorNotice title={t('admin.loadError')} error={access.error} onRetry={() => void access.retry()} />
      )}
    </div>
  );
}

/** For a signed-in person without a municipal staff role: what the console is, and what to do instead. */
export function NoStaffRole({ memberships }: { memberships: Membership[] }) {
  const { t } = useTranslation();
  usePageTitle(t('admin.noRole.title'));
  const partner = memberships.some((m) => m.role === 'partner');
  const national = memberships.some((m) => m.tenant === 'national');
  return (
    <div className="max-w-prose">
      <PageHeading>{t('admin.noRole.title')}</PageHeading>
      <p className="mb-4">{t('admin.noRole.text')}</p>
      {partner && <p className="mb-4">{t('admin.noRole.partner')}</p>}
      {national && <p className="mb-4">{t('admin.noRole.national')}</p>}
      {national && (
        <p className="mb-4">
          <Link to="/national" className="inline-flex min-h-11 items-center">
            {t('national.nav.dashboard')}
          </Link>
        </p>
      )}
      <p className="mb-6">{t('admin.noRole.howToJoin')}</p>
      <ul className="flex flex-col gap-2">
        <li>
          <Link to="/account" className="inline-flex min-h-11 items-center">
            {t('admin.noRole.account')}
          </Link>
        </li>
        <li>
          <Link to="/" className="inline-flex min-h-11 items-center">
            {t('notFound.home')}
          </Link>
        </li>
      </ul>
    </div>
  );
}
