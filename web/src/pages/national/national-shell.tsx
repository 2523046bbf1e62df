import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { AccessGate, useConsoleAccess } from '../admin/console-access.tsx';

/** `/national/…`: national administrators only; everyone else is told where their own area is. */
export function NationalShell() {
  const { t } = useTranslation();
  const access = useConsoleAccess();
  if (access.state !== 'ready') return <AccessGate access={access} />;
  if (!access.all.some((m) => m.tenant === 'national' && m.role === 'admin')) return <NotNational />;
  const sections = [
    { to: '/national', label: t('national.nav.dashboard'), end: true },
    { to: '/national/participants', label: t('national.nav.participants'), end: false },
    { to: '/national/model-project', label: t('national.nav.modelProject'), end: false },
  ];
  return (
    <div>
      <div className="mb-6 border-b border-solid-gray-420 md:mb-8 print:hidden">
        <p className="mb-2 text-dns-16B-130 text-solid-gray-800">{t('national.area')}</p>
        <nav aria-label={t('national.nav.label')}>
          <ul className="-mb-px flex flex-wrap gap-x-1">
            {sections.map((section) => (
              <li key={section.to}>
                <NavLink
                  to={section.to}
                  end={section.end}
                  className="inline-flex min-h-11 items-center border-b-4 border-transparent px-3 text-dns-16N-130 text-solid-gray-800 no-underline hover:underline aria-[current=page]:border-blue-900 aria-[current=page]:font-bold aria-[current=page]:text-blue-1000"
                >
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <Outlet />
    </div>
  );
}

function NotNational() {
  const { t } = useTranslation();
  usePageTitle(t('national.notNational.title'));
  return (
    <div className="max-w-prose">
      <PageHeading>{t('national.notNational.title')}</PageHeading>
      <p className="mb-6">{t('national.notNational.text')}</p>
      <Link to="/admin" className="inline-flex min-h-11 items-center">
        {t('national.notNational.console')}
      </Link>
    </div>
  );
}
