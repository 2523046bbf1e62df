import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { type ConsoleMembership, rememberedTenant } from '../../api/admin-console.ts';
import { useMunicipality } from '../../api/municipalities.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { AccessGate, NoStaffRole, useConsoleAccess } from './console-access.tsx';

/**
 * `/admin`: straight into the tenant worked in last time (or the only one); otherwise a choice.
 * `?choose=1` always shows the choice (the shell's "switch" link).
 */
export function AdminIndexPage() {
  const access = useConsoleAccess();
  const [params] = useSearchParams();
  if (access.state !== 'ready') return <AccessGate access={access} />;
  if (access.console.length === 0) return <NoStaffRole memberships={access.all} />;
  if (params.get('choose') !== '1') {
    const remembered = rememberedTenant();
    const target =
      access.console.length === 1 ? access.console[0] : access.console.find((m) => m.tenant === remembered);
    if (target) return <Navigate to={`/admin/${target.tenant}`} replace />;
  }
  return <TenantChoice memberships={access.console} />;
}

function TenantChoice({ memberships }: { memberships: ConsoleMembership[] }) {
  const { t } = useTranslation();
  usePageTitle(t('admin.choose.title'));
  return (
    <div className="max-w-3xl">
      <PageHeading>{t('admin.choose.title')}</PageHeading>
      <p className="mb-6">{t('admin.choose.lead')}</p>
      <ul className="flex flex-col gap-3">
        {memberships.map((membership) => (
          <TenantChoiceItem key={membership.tenant} membership={membership} />
        ))}
      </ul>
    </div>
  );
}

function TenantChoiceItem({ membership }: { membership: ConsoleMembership }) {
  const { t } = useTranslation();
  const municipality = useMunicipality(membership.tenant);
  return (
    <li>
      <Link
        to={`/admin/${membership.tenant}`}
        className="flex min-h-11 flex-wrap items-baseline justify-between gap-x-4 gap-y-1 rounded-8 border border-solid-gray-420 p-4 hover:bg-blue-50"
      >
        <span lang="ja" className="text-std-18B-160">
          {municipality.data?.fullName ?? membership.tenant}
        </span>
        <span className="text-dns-16N-130 text-solid-gray-800">
          {t('admin.choose.roleAndCode', { role: t(`role.${membership.role}`), code: membership.tenant })}
        </span>
      </Link>
    </li>
  );
}
