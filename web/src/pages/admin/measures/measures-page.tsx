import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Measure, useMeasures, useSaveMeasure } from '../../../api/admin-measures.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { formatDate } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useConsole } from '../console-context.ts';
import { PagedList, usePageParam } from '../paged-list.tsx';
import { MeasuresNav } from './measures-nav.tsx';

/** `/admin/:tenant/measures`: the municipality's support measures (サポート施策), drafts included. */
export function MeasuresPage() {
  const { t } = useTranslation();
  const admin = useConsole();
  usePageTitle(t('adminMeasures.list.title'));
  const [page, goToPage] = usePageParam();
  const list = useMeasures(admin.tenant, page);
  return (
    <div>
      <PageHeading>{t('adminMeasures.list.title')}</PageHeading>
      <MeasuresNav />
      <p className="mb-6 max-w-3xl">{t('adminMeasures.list.lead')}</p>
      {admin.can('measure.manage') && (
        <p className="mb-6">
          <Link to={admin.path('measures/new')} className="button-primary">
            {t('adminMeasures.list.create')}
          </Link>
        </p>
      )}
      <PagedList
        query={list}
        page={page}
        onPage={goToPage}
        loadError={t('adminMeasures.list.loadError')}
        empty={t('adminMeasures.list.empty')}
      >
        {(items) => (
          <ul className="flex flex-col gap-4">
            {items.map((measure) => (
              <MeasureItem key={measure.id} measure={measure} />
            ))}
          </ul>
        )}
      </PagedList>
    </div>
  );
}

function MeasureItem({ measure }: { measure: Measure }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  const save = useSaveMeasure(admin.tenant, measure.id);
  const period = [measure.validFrom, measure.validUntil].some(Boolean)
    ? t('adminMeasures.list.period', {
        from: measure.validFrom ? formatDate(measure.validFrom, language) : '',
        until: measure.validUntil ? formatDate(measure.validUntil, language) : '',
      })
    : null;
  return (
    <li className="rounded-8 border border-solid-gray-420 p-4">
      <h2 className="text-std-18B-160">
        <Link to={admin.path(`measures/${measure.id}`)}>{measure.title}</Link>
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-700">
        {measure.published ? t('adminMeasures.list.published') : t('adminMeasures.list.draft')}
        {t('app.listSeparator')}
        {t(`adminMeasures.kind.${measure.kind}`)}
        {t('app.listSeparator')}
        {t(`adminMeasures.usage.${measure.usage}`)}
        {period && (
          <>
            {t('app.listSeparator')}
            {period}
          </>
        )}
      </p>
      {measure.partners.length > 0 && (
        <p className="text-dns-16N-130">
          {t('adminMeasures.list.partners', {
            names: measure.partners.map((p) => p.name).join(t('app.listSeparator')),
          })}
        </p>
      )}
      {admin.can('measure.manage') && (
        <div className="mt-2">
          <button
            type="button"
            className="button-secondary"
            aria-disabled={save.isPending}
            onClick={() => {
              if (!save.isPending) save.mutate({ published: !measure.published });
            }}
          >
            {measure.published ? t('adminMeasures.list.close') : t('adminMeasures.list.publish')}
            <span className="sr-only">{t('adminMeasures.list.of', { title: measure.title })}</span>
          </button>
        </div>
      )}
      {save.isError && <ErrorNotice title={t('adminMeasures.list.saveError')} error={save.error} headingLevel={3} />}
    </li>
  );
}
