import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNewsletters } from '../../../api/newsletters.ts';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { formatDateTime } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useConsole } from '../console-context.ts';
import { PagedList, usePageParam } from '../paged-list.tsx';

/** `/admin/:tenant/newsletters`: what was sent, what is being sent, and drafts. */
export function NewslettersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  usePageTitle(t('adminNewsletters.list.title'));
  const [page, goToPage] = usePageParam();
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
      <PagedList
        query={list}
        page={page}
        onPage={goToPage}
        loadError={t('adminNewsletters.list.loadError')}
        empty={t('adminNewsletters.list.empty')}
      >
        {(items) => (
          <ul className="flex max-w-4xl flex-col gap-4">
            {items.map((n) => (
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
      </PagedList>
    </div>
  );
}
