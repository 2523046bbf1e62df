import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { OPPORTUNITY_STATUSES, type OpportunityStatus, useOpportunities } from '../../../api/admin-opportunities.ts';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { formatDateTime } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useConsole } from '../console-context.ts';
import { useLabels } from '../labels.ts';
import { PagedList, usePageParam } from '../paged-list.tsx';

function statusFrom(value: string | null): OpportunityStatus | undefined {
  return (OPPORTUNITY_STATUSES as readonly string[]).includes(value ?? '') ? (value as OpportunityStatus) : undefined;
}

/** `/admin/:tenant/opportunities`: helper recruitment, newest first, filtered by status in the address. */
export function OpportunitiesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  const admin = useConsole();
  usePageTitle(t('adminOpp.list.title'));
  const [params, setParams] = useSearchParams();
  const status = statusFrom(params.get('status'));
  const [page, goToPage] = usePageParam();
  const list = useOpportunities(admin.tenant, { status, page });
  const filterId = useId();

  return (
    <div>
      <PageHeading>{t('adminOpp.list.title')}</PageHeading>
      <p className="mb-6 max-w-3xl">{t('adminOpp.list.lead')}</p>
      <div className="mb-6 flex flex-wrap items-end gap-4">
        {admin.can('opportunity.manage') && (
          <Link to={admin.path('opportunities/new')} className="button-primary">
            {t('adminOpp.list.create')}
          </Link>
        )}
        <div>
          <label htmlFor={filterId} className="block text-std-16B-170">
            {t('adminOpp.list.statusFilter')}
          </label>
          <select
            id={filterId}
            className="field appearance-auto md:w-60"
            value={status ?? ''}
            onChange={(event) => setParams(event.target.value ? { status: event.target.value } : {})}
          >
            <option value="">{t('adminOpp.list.allStatuses')}</option>
            {OPPORTUNITY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`adminOpp.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <PagedList
        query={list}
        page={page}
        onPage={goToPage}
        loadError={t('adminOpp.list.loadError')}
        empty={t('adminOpp.list.empty')}
      >
        {(items) => (
          <ul className="flex flex-col gap-4">
            {items.map((item) => (
              <li key={item.id} className="rounded-8 border border-solid-gray-420 p-4">
                <h2 className="text-std-18B-160">
                  <Link to={admin.path(`opportunities/${item.id}`)}>{item.title}</Link>
                </h2>
                <p className="text-dns-16N-130 text-solid-gray-700">
                  {t(`adminOpp.status.${item.status}`)}
                  {t('app.listSeparator')}
                  {labels.activityKind(item.kind)}
                  {item.sessions[0] && (
                    <>
                      {t('app.listSeparator')}
                      {formatDateTime(item.sessions[0].startsAt, language)}
                    </>
                  )}
                </p>
                <p className="text-dns-16N-130">
                  {t('adminOpp.list.counts', {
                    applied: item.applications.applied ?? 0,
                    accepted: item.applications.accepted ?? 0,
                    capacity: item.capacity,
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </div>
  );
}
