import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from '../api/session.ts';
import { signInPath } from '../next-path.ts';

/** The header's way in: 「ログイン」 when signed out, the account page (with the address) when signed in. */
export function AccountLink() {
  const { t } = useTranslation();
  const { data } = useSession();
  const location = useLocation();
  const onAccount = location.pathname === '/account';

  // Unknown yet: keep the place, so that the header does not jump when the answer comes.
  // An invisible sign-in button holds exactly its room (most first visits are signed out).
  if (!data) {
    return (
      <span aria-hidden="true" className="button-secondary invisible min-h-10 px-3 py-1.5">
        <PersonIcon />
        {t('nav.signIn')}
      </span>
    );
  }

  if (!data.signedIn) {
    // From a page other than home, signing in comes back to it.
    const here = `${location.pathname}${location.search}`;
    return (
      <Link
        to={location.pathname.startsWith('/sign-in') ? `/sign-in${location.search}` : signInPath(here)}
        className="button-secondary min-h-10 px-3 py-1.5"
        aria-current={location.pathname === '/sign-in' ? 'page' : undefined}
      >
        <PersonIcon />
        {t('nav.signIn')}
      </Link>
    );
  }

  const label = data.person.email ?? data.person.displayName;
  return (
    <Link
      to="/account"
      aria-current={onAccount ? 'page' : undefined}
      className="inline-flex min-h-10 min-w-0 max-w-[13rem] items-center gap-1.5 text-dns-16N-130 sm:max-w-64 lg:max-w-80 aria-[current=page]:font-bold"
    >
      <PersonIcon />
      {/* The visible address (or, registered with a passkey only, the display name) is cut to fit; the link's
          name is the whole of it, after 「アカウント」. */}
      {label ? (
        <>
          <span className="sr-only">{t('nav.account')}: </span>
          <span className="truncate">{label}</span>
        </>
      ) : (
        t('nav.account')
      )}
    </Link>
  );
}

function PersonIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7" />
    </svg>
  );
}
