import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { isConsoleMembership } from '../api/admin-console.ts';
import { useDevMailAvailable } from '../api/dev-mail.ts';
import { useMemberships } from '../api/staff.ts';
import { AccountLink } from './account-link.tsx';
import { LanguageSwitch } from './language-switch.tsx';

export function Layout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);
  const devMail = useDevMailAvailable();
  // Staff of a municipality or prefecture get a way to their console; residents and partners do not see it.
  const isStaff = useMemberships().data?.some(isConsoleMembership) ?? false;

  // After a client-side navigation, move focus to the new page's heading so that screen reader and
  // keyboard users start at the top of the new content, as they would after a full page load. A page
  // that was just loaded keeps the browser's own start, so that the first Tab reaches the skip link.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus();
  }, [pathname]);

  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="skip-link button-primary">
        {t('app.skipToContent')}
      </a>
      <header className="border-b border-solid-gray-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 md:px-6">
          <Link to="/" className="flex items-center gap-2 text-solid-gray-900 no-underline hover:underline">
            <img src="/favicon.svg" alt="" width="32" height="32" className="size-8" />
            <span className="text-std-20B-150">{t('app.name')}</span>
          </Link>
          {/* On a phone: name and language on the first row, the menu and the account below; side by side from md up. */}
          <nav
            aria-label={t('app.primaryNav')}
            className="order-last flex w-full flex-wrap items-center justify-between gap-x-6 gap-y-1 md:order-none md:ml-auto md:w-auto"
          >
            <ul className="flex min-w-0 flex-wrap gap-x-4 gap-y-1">
              <li>
                <NavLink
                  to="/municipalities"
                  end
                  className="whitespace-nowrap text-dns-16N-130 aria-[current=page]:font-bold"
                >
                  {t('nav.municipalities')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/activities" className="whitespace-nowrap text-dns-16N-130 aria-[current=page]:font-bold">
                  {t('nav.activities')}
                </NavLink>
              </li>
              {isStaff && (
                <li>
                  <NavLink to="/admin" className="whitespace-nowrap text-dns-16N-130 aria-[current=page]:font-bold">
                    {t('nav.adminConsole')}
                  </NavLink>
                </li>
              )}
            </ul>
            <AccountLink />
          </nav>
          <LanguageSwitch />
        </div>
      </header>
      <main
        id="main"
        ref={main}
        tabIndex={-1}
        // At least a screen high: the footer starts below the fold, so content arriving after load (a page's data)
        // does not push a visible footer down (a layout shift).
        className="mx-auto min-h-dvh w-full max-w-5xl flex-1 px-4 pt-6 pb-12 focus:outline-none md:px-6 md:pt-10"
      >
        <Outlet />
      </main>
      <footer className="border-t border-solid-gray-200 bg-solid-gray-50">
        <div className="mx-auto flex max-w-5xl flex-col gap-3 px-4 py-6 md:px-6">
          <nav aria-label={t('app.footerNav')}>
            <ul className="flex flex-wrap gap-x-6 gap-y-2 text-dns-16N-130">
              <li>
                <Link to="/">{t('nav.home')}</Link>
              </li>
              <li>
                <Link to="/municipalities">{t('nav.municipalities')}</Link>
              </li>
              <li>
                <Link to="/activities">{t('nav.activities')}</Link>
              </li>
              <li>
                <Link to="/benefits">{t('nav.benefits')}</Link>
              </li>
              <li>
                <Link to="/privacy">{t('nav.privacy')}</Link>
              </li>
              <li>
                <Link to="/stats">{t('nav.openStatistics')}</Link>
              </li>
              <li>
                {/* The API documentation is served by the API, outside this app's router. */}
                <a href="/api/docs">{t('app.apiDocs')}</a>
              </li>
              {/* Only where mail is kept instead of sent (no SMTP server, not production). */}
              {devMail && (
                <li>
                  <Link to="/dev/mail">{t('nav.devMail')}</Link>
                </li>
              )}
            </ul>
          </nav>
          <p className="text-dns-14N-130 text-solid-gray-700">{t('app.footerNote')}</p>
        </div>
      </footer>
      <ScrollRestoration />
    </div>
  );
}
