import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useNewsletters } from '../../../api/newsletters.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { Pagination } from '../../../components/pagination.tsx';
import { formatDateTime } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useConsole } from '../console-context.ts';

/** `/admin/:tenant/newsletters`: what was sent, what is being sent, and drafts. */
export function NewslettersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  usePageTitle(t('adminNewsletters.list.title'));
  const [params, setParams] = useSearchParams();
  const pageNumber = Number(params.get('page'));
  const page = Number.isInteger(pageNumber) && pageNumber > 1 ? pageNumber : 1;
  const list = useNewsletters(admin.tenant, page);

  return (
    <div>
      <PageHeading>{t('adminNewsletters.list.title')}</PageHeading>
      <p className="mb-6 max-w-3xl">{t('adminNewsletters.list.lead')}</p>
      {admin.can('newsletter.send') && (
        <p className="mb-6">
          <Link to={admin.path('newsletters/new')} className="button-primary">
            {t('adminNewsletters.list.create')}
          </Link>
        </p>
      )}
      {list.isPending && <p role="status">{t('admin.loading')}</p>}
      {list.isError && (
        <ErrorNotice
          title={t('adminNewsletters.list.loadError')}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      {list.data && list.data.items.length === 0 && <p>{t('adminNewsletters.list.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="flex max-w-4xl flex-col gap-4">
          {list.data.items.map((n) => (
            <li key={n.id} className="rounded-8 border border-solid-gray-420 p-4">
              <h2 className="text-std-18B-160">
                <Link to={admin.path(`newsletters/${n.id}`)}>{n.subject}</Link>
              </h2>
              <p className="text-dns-16N-130 text-solid-gray-700">
                <span className="font-bold">{t(`adminNewsletters.status.${n.status}`)}</span>
                {t('app.listSeparator')}
                {n.channels.map((c) => t(`adminNewsletters.channel.${c}`)).join(t('app.listSeparator'))}
                {n.recipientCount !== null && (
                  <>
                    {t('app.listSeparator')}
                    {t('adminNewsletters.list.recipients', { count: n.recipientCount })}
                  </>
                )}
                {t('app.listSeparator')}
                {n.completedAt
                  ? t('adminNewsletters.list.completedAt', { at: formatDateTime(n.completedAt, language) })
                  : t('adminNewsletters.list.createdAt', { at: formatDateTime(n.createdAt, language) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {list.data && list.data.total > list.data.pageSize && (
        <Pagination
          page={page}
          pages={Math.ceil(list.data.total / list.data.pageSize)}
          onPage={(next) => setParams(next > 1 ? { page: String(next) } : {})}
        />
      )}
    </div>
  );
}
