import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { type ConsoleMembership, rememberTenant } from '../../api/admin-console.ts';
import { useMunicipality } from '../../api/municipalities.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { AccessGate, NoStaffRole, useConsoleAccess } from './console-access.tsx';
import { type ConsoleContext, consoleContext } from './console-context.ts';

/** `/admin/:tenant/…`: the tenant bar and the console's menu above each section. */
export function AdminShell() {
  const { tenant = '' } = useParams();
  const access = useConsoleAccess();
  if (access.state !== 'ready') return <AccessGate access={access} />;
  if (access.console.length === 0) return <NoStaffRole memberships={access.all} />;
  const membership = access.console.find((m) => m.tenant === tenant);
  if (!membership) return <NotStaffHere tenant={tenant} />;
  return <Shell membership={membership} memberships={access.console} />;
}

function Shell({ membership, memberships }: { membership: ConsoleMembership; memberships: ConsoleMembership[] }) {
  const { t } = useTranslation();
  const municipality = useMunicipality(membership.tenant);
  const context: ConsoleContext = useMemo(
    () => consoleContext(membership, municipality.data, memberships),
    [membership, municipality.data, memberships],
  );

  useEffect(() => {
    rememberTenant(membership.tenant);
  }, [membership.tenant]);

  const sections = [
    { to: context.path(), label: t('admin.nav.home'), end: true, shown: true },
    { to: context.path('reviews'), label: t('admin.nav.reviews'), end: false, shown: context.can('activity.review') },
    { to: context.path('members'), label: t('admin.nav.members'), end: false, shown: context.can('registrant.read') },
    {
      to: context.path('premium'),
      label: t('admin.nav.premium'),
      end: false,
      shown: context.can('premium_rule.read'),
    },
    { to: context.path('posts'), label: t('adminContent.nav.posts'), end: false, shown: context.can('content.read') },
    {
      to: context.path('profile'),
      label: t('adminContent.nav.profile'),
      end: false,
      shown: context.can('content.read'),
    },
    {
      to: context.path('opportunities'),
      label: t('adminOpp.nav'),
      end: false,
      shown: context.can('opportunity.read'),
    },
    {
      to: context.path('measures'),
      label: t('adminMeasures.shellNav'),
      end: false,
      shown: context.can('measure.read'),
    },
    {
      to: context.path('partners'),
      label: t('adminPartners.nav'),
      end: false,
      shown: context.can('partner.read'),
    },
    {
      to: context.path('model-plan'),
      label: t('national.nav.plan'),
      end: false,
      shown: context.can('model_plan.read') && Boolean(context.municipality?.modelType),
    },
    {
      to: context.path('newsletters'),
      label: t('adminNewsletters.nav'),
      end: false,
      shown: context.can('newsletter.read'),
    },
  ].filter((section) => section.shown);

  return (
    <div>
      <div className="mb-6 border-b border-solid-gray-420 md:mb-8">
        <div className="mb-2 flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <p className="text-dns-16B-130 text-solid-gray-800">
            {t('admin.title')}
            <span className="mx-2" aria-hidden="true">
              |
            </span>
            <span lang="ja">{context.tenantName}</span>
            <span className="ml-2 font-normal text-solid-gray-700">
              {t('admin.roleInTenant', { role: t(`role.${membership.role}`) })}
            </span>
          </p>
          {memberships.length > 1 && (
            <Link to="/admin?choose=1" className="inline-flex min-h-11 items-center text-dns-16N-130">
              {t('admin.switchTenant')}
            </Link>
          )}
        </div>
        <nav aria-label={t('admin.nav.label')}>
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
      <Outlet context={context} />
    </div>
  );
}

/** A tenant in the address that is not one of the person's: say so, and offer theirs. */
function NotStaffHere({ tenant }: { tenant: string }) {
  const { t } = useTranslation();
  usePageTitle(t('admin.notHere.title'));
  return (
    <div className="max-w-prose">
      <PageHeading>{t('admin.notHere.title')}</PageHeading>
      <p className="mb-6">{t('admin.notHere.text', { tenant })}</p>
      <Link to="/admin?choose=1" className="inline-flex min-h-11 items-center">
        {t('admin.notHere.choose')}
      </Link>
    </div>
  );
}
