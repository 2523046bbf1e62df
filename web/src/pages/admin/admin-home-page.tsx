import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useListTotal } from '../../api/admin-console.ts';
import { useErrorMessage } from '../../components/error-notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useConsole } from './console-context.ts';
import { DashboardSection } from './dashboard/dashboard-section.tsx';
import { PrefectureComparison } from './dashboard/prefecture-comparison.tsx';

/** `/admin/:tenant`: the municipality, today's counts and the way to each task, then its dashboard. */
export function AdminHomePage() {
  const { t } = useTranslation();
  const admin = useConsole();
  usePageTitle(t('admin.home.title', { tenant: admin.tenantName }));
  const canReview = admin.can('activity.review');
  const registrants = useListTotal(admin.tenant, 'registrants', admin.can('registrant.read'));
  const proofs = useListTotal(admin.tenant, 'proofs', canReview);
  const applications = useListTotal(admin.tenant, 'applications', admin.can('premium.review'));
  const isMunicipality = admin.municipality?.kind !== 'prefecture';

  return (
    <div>
      <PageHeading>
        <span lang="ja">{admin.tenantName}</span>
      </PageHeading>
      <p className="mb-8 max-w-prose">{t('admin.home.lead')}</p>
      <ul className="grid gap-4 md:grid-cols-2">
        {admin.can('registrant.read') && (
          <CountCard
            title={t('admin.home.registrants')}
            result={registrants}
            unit={(count) => t('admin.home.people', { count })}
            link={{ to: admin.path('members'), label: t('admin.home.toMembers') }}
          />
        )}
        {canReview && (
          <CountCard
            title={t('admin.home.pendingProofs')}
            result={proofs}
            unit={(count) => t('admin.home.items', { count })}
            link={{ to: admin.path('reviews'), label: t('admin.home.toProofs') }}
          />
        )}
        {canReview && isMunicipality && (
          <CountCard
            title={t('admin.home.pendingApplications')}
            result={applications}
            unit={(count) => t('admin.home.items', { count })}
            link={{ to: admin.path('reviews'), label: t('admin.home.toApplications') }}
          />
        )}
        {admin.can('premium_rule.read') && isMunicipality && (
          <li className="flex flex-col rounded-8 border border-solid-gray-420 p-4 md:p-6">
            <h2 className="mb-2 text-std-18B-160 text-solid-gray-900">{t('admin.home.premiumRule')}</h2>
            <p className="mb-4 flex-1">
              {admin.can('premium_rule.manage') ? t('admin.home.premiumRuleEdit') : t('admin.home.premiumRuleView')}
            </p>
            <Link to={admin.path('premium')} className="inline-flex min-h-11 items-center self-start">
              {t('admin.home.toPremium')}
            </Link>
          </li>
        )}
      </ul>
      {admin.can('dashboard.read') && <DashboardSection tenant={admin.tenant} />}
      {admin.can('dashboard.read') && !isMunicipality && <PrefectureComparison tenant={admin.tenant} />}
    </div>
  );
}

function CountCard({
  title,
  result,
  unit,
  link,
}: {
  title: string;
  result: UseQueryResult<number>;
  unit: (count: number) => string;
  link: { to: string; label: string };
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorMessage = useErrorMessage();
  return (
    <li className="flex flex-col rounded-8 border border-solid-gray-420 p-4 md:p-6">
      <h2 className="mb-2 text-std-18B-160 text-solid-gray-900">{title}</h2>
      <p className="mb-4 flex-1">
        {result.data !== undefined ? (
          <>
            <span className="text-std-32B-150 tabular-nums text-solid-gray-900">
              {result.data.toLocaleString(language)}
            </span>
            <span className="ml-1">{unit(result.data)}</span>
          </>
        ) : result.isError ? (
          <span className="text-error-1">{errorMessage(result.error)}</span>
        ) : (
          <span>{t('admin.loading')}</span>
        )}
      </p>
      <Link to={link.to} className="inline-flex min-h-11 items-center self-start">
        {link.label}
      </Link>
    </li>
  );
}
