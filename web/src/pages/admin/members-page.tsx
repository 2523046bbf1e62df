import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import {
  filterFrom,
  filterParams,
  MEMBERS_PAGE_SIZE,
  type MemberFilter,
  type MemberSort,
  type Registrant,
  sortFrom,
  useRegistrants,
} from '../../api/admin-members.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { Pagination } from '../../components/pagination.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { useConsole } from './console-context.ts';
import { CsvExport } from './csv-export.tsx';
import { useLabels, usePrefectureNames } from './labels.ts';
import { MemberFilters } from './member-filters.tsx';
import type { FromList } from './member-page.tsx';
import { shortId } from './short-id.ts';

/** 「2026/11/27」 / "Nov 27, 2026": the Japanese day of an instant, short enough for a table column. */
function shortDate(iso: string, language: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'Asia/Tokyo' }).format(instant);
}

/** `/admin/:tenant/members`: registrants (consented fields only), filtered and paged by the address. */
export function MembersPage() {
  const { t } = useTranslation();
  const admin = useConsole();
  usePageTitle(t('admin.members.title'));
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const sort = sortFrom(params);
  const pageNumber = Number(params.get('page'));
  const page = Number.isInteger(pageNumber) && pageNumber > 1 ? pageNumber : 1;

  // A new filter or order starts at the first page; only the page buttons keep both and move the page.
  const show = (next: MemberFilter, nextSort: MemberSort) => {
    const updated = filterParams(next);
    if (nextSort !== 'registeredAt') updated.set('sort', nextSort);
    setParams(updated);
  };
  const goToPage = (next: number) =>
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      if (next > 1) updated.set('page', String(next));
      else updated.delete('page');
      return updated;
    });

  return (
    <div>
      <PageHeading>{t('admin.members.title')}</PageHeading>
      <p className="mb-6 max-w-prose">{t('admin.members.lead')}</p>
      <MemberFilters filter={filter} onApply={(next) => show(next, sort)} />
      {admin.can('registrant.export') && <CsvExport filter={filter} />}
      <MemberResults filter={filter} sort={sort} page={page} onPage={goToPage} onSort={(next) => show(filter, next)} />
    </div>
  );
}

function MemberResults({
  filter,
  sort,
  page,
  onPage,
  onSort,
}: {
  filter: MemberFilter;
  sort: MemberSort;
  page: number;
  onPage: (page: number) => void;
  onSort: (sort: MemberSort) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  const headingId = useId();
  const sortId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const result = useRegistrants(admin.tenant, filter, sort, page);
  const { data } = result;
  const busy = result.isPending || (result.isFetching && result.isPlaceholderData);
  const pages = data ? Math.max(1, Math.ceil(data.total / MEMBERS_PAGE_SIZE)) : 1;

  let status = '';
  if (busy) status = t('admin.loading');
  else if (data) status = t('admin.members.found', { count: data.total, total: data.total.toLocaleString(language) });

  return (
    <section aria-labelledby={headingId} aria-busy={busy}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} ref={heading} className="scroll-mt-4 text-std-24B-150 text-solid-gray-900">
          {t('admin.members.resultsHeading')}
        </h2>
        <p role="status" aria-live="polite" aria-atomic="true" className="text-std-16B-170">
          {status}
        </p>
      </div>
      <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1">
        <label htmlFor={sortId} className="text-std-16B-170">
          {t('admin.members.sort')}
        </label>
        <select
          id={sortId}
          value={sort}
          className="field w-auto appearance-auto"
          onChange={(event) => onSort(event.target.value === 'activities' ? 'activities' : 'registeredAt')}
        >
          <option value="registeredAt">{t('admin.members.sortNewest')}</option>
          <option value="activities">{t('admin.members.sortActivities')}</option>
        </select>
      </div>
      {result.isError && !busy ? (
        <ErrorNotice
          title={t('admin.members.loadError')}
          error={result.error}
          onRetry={() => void result.refetch()}
          headingLevel={3}
        />
      ) : data && data.items.length === 0 ? (
        <p className="rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4">{t('admin.members.empty')}</p>
      ) : data ? (
        <>
          <p className="mb-3 text-dns-16N-130 text-solid-gray-700">
            {t('admin.members.range', {
              total: data.total.toLocaleString(language),
              from: ((data.page - 1) * data.pageSize + 1).toLocaleString(language),
              to: ((data.page - 1) * data.pageSize + data.items.length).toLocaleString(language),
            })}
          </p>
          <MemberTable items={data.items} />
          <Pagination
            page={page}
            pages={pages}
            onPage={(next) => {
              onPage(next);
              heading.current?.scrollIntoView({ block: 'start' });
            }}
          />
        </>
      ) : null}
    </section>
  );
}

function MemberTable({ items }: { items: Registrant[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  const admin = useConsole();
  const prefectureNames = usePrefectureNames();
  const location = useLocation();
  const fromList: FromList = { listSearch: location.search };
  const captionId = useId();
  const hidden = <span className="text-solid-gray-700">{t('admin.members.private')}</span>;

  return (
    // Wider than a phone: the table scrolls inside its own region, which the keyboard can reach.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard.
    <section aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-[60rem] border-collapse text-left text-dns-16N-130 [&_td]:whitespace-nowrap">
        <caption id={captionId} className="sr-only">
          {t('admin.members.tableCaption')}
        </caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="py-2 pr-4">
              {t('admin.members.name')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('admin.members.email')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('admin.members.ageBandHeading')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('admin.members.residence')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('admin.members.relationTypes')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('admin.members.tier')}
            </th>
            <th scope="col" className="py-2 pr-4 text-right">
              {t('admin.members.activityCount')}
            </th>
            <th scope="col" className="py-2">
              {t('admin.members.registeredAt')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((member) => (
            <tr key={member.memberId} className="border-b border-solid-gray-200 align-top">
              <th scope="row" className="py-2 pr-4 font-normal">
                <Link
                  to={admin.path(`members/${member.memberId}`)}
                  state={fromList}
                  className="inline-flex min-h-11 flex-col justify-center"
                >
                  <span lang={member.displayName ? 'ja' : undefined}>
                    {member.displayName ?? t('admin.members.private')}
                  </span>
                  <span className="text-dns-14N-130">
                    {t('admin.members.memberNumber', { id: shortId(member.memberId) })}
                  </span>
                </Link>
              </th>
              <td className="py-2 pr-4">{member.email ?? hidden}</td>
              <td className="py-2 pr-4">{member.ageBand ? labels.ageBand(member.ageBand) : hidden}</td>
              <td className="py-2 pr-4">
                {member.residencePrefecture ? labels.prefecture(member.residencePrefecture, prefectureNames) : hidden}
              </td>
              <td className="py-2 pr-4">
                {member.relationTypes
                  ? member.relationTypes.map(labels.relationMark).join(t('app.listSeparator'))
                  : hidden}
              </td>
              <td className="py-2 pr-4">{labels.tier(member.tier)}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{member.activityCount.toLocaleString(language)}</td>
              <td className="py-2 tabular-nums">{shortDate(member.registeredAt, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
