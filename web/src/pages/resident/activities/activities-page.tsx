import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePrefectures } from '../../../api/municipalities.ts';
import { useMyRegistrations } from '../../../api/registrations.ts';
import {
  ACTIVITY_KINDS,
  OPPORTUNITY_PAGE_SIZE,
  type Opportunity,
  type OpportunityFilters,
  useOpportunities,
} from '../../../api/resident-activities.ts';
import { useSignedInPerson } from '../../../api/session.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { Pagination } from '../../../components/pagination.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { prefectureLabel } from '../../../i18n/prefecture-names.ts';
import { formatSession, nextSession } from './session-time.ts';

const FILTER_NAMES = ['municipality', 'prefecture', 'kind', 'online', 'from'] as const;

/** The filters live in the address (?kind=&online=…), so that a search can be shared and Back returns to it. */
function filtersOf(params: URLSearchParams): OpportunityFilters & { page: number } {
  const page = Number(params.get('page'));
  return {
    municipality: params.get('municipality') ?? '',
    prefecture: params.get('prefecture') ?? '',
    kind: params.get('kind') ?? '',
    online: params.get('online') ?? '',
    from: params.get('from') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** `/activities`: open helper opportunities of every municipality, filtered by kind, place, date and online. */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { page, ...filters } = filtersOf(params);
  const opportunities = useOpportunities(filters, page);
  const data = opportunities.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / OPPORTUNITY_PAGE_SIZE)) : 1;
  const signedIn = useSignedInPerson() !== null;
  usePageTitle(t('residentActivities.browse.title'));

  const search = (next: OpportunityFilters, nextPage = 1) => {
    const query = new URLSearchParams();
    for (const name of FILTER_NAMES) if (next[name]) query.set(name, next[name]);
    if (nextPage > 1) query.set('page', String(nextPage));
    setParams(query);
  };

  return (
    <div className="flex flex-col gap-8">
      <div>
        <PageHeading>{t('residentActivities.browse.title')}</PageHeading>
        <p className="max-w-prose">{t('residentActivities.browse.lead')}</p>
        {signedIn && (
          <Link to="/activities/mine" className="button-secondary mt-4">
            {t('residentActivities.browse.mine')}
          </Link>
        )}
      </div>
      <Filters key={params.toString()} filters={filters} signedIn={signedIn} onSearch={search} />
      <section aria-labelledby="activities-results" className="flex flex-col gap-4">
        <h2 id="activities-results" className="sr-only">
          {t('residentActivities.browse.resultsHeading')}
        </h2>
        {opportunities.isPending && <p role="status">{t('resident.loading')}</p>}
        {opportunities.isError && (
          <ErrorNotice
            headingLevel={3}
            title={t('residentActivities.browse.loadError')}
            error={opportunities.error}
            onRetry={() => void opportunities.refetch()}
          />
        )}
        {data && (
          <>
            <p aria-live="polite" className="text-dns-16N-130 text-solid-gray-700">
              {data.total === 0
                ? t('residentActivities.browse.empty')
                : t('residentActivities.browse.range', {
                    total: data.total,
                    from: (page - 1) * OPPORTUNITY_PAGE_SIZE + 1,
                    to: (page - 1) * OPPORTUNITY_PAGE_SIZE + data.items.length,
                  })}
            </p>
            <ul className="flex flex-col gap-4">
              {data.items.map((opportunity) => (
                <OpportunityItem key={opportunity.id} opportunity={opportunity} />
              ))}
            </ul>
            {pages > 1 && <Pagination page={page} pages={pages} onPage={(next) => search(filters, next)} />}
          </>
        )}
      </section>
    </div>
  );
}

function Filters({
  filters,
  signedIn,
  onSearch,
}: {
  filters: OpportunityFilters;
  signedIn: boolean;
  onSearch: (filters: OpportunityFilters) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const registrations = useMyRegistrations(signedIn);
  const prefectures = usePrefectures();
  const mine = (registrations.data ?? []).filter((registration) => registration.kind !== 'prefecture');
  const unknownMunicipality =
    filters.municipality && !mine.some((registration) => registration.municipalityCode === filters.municipality);

  // Controlled: the lists of municipalities and prefectures arrive after the form, and must not reset a choice.
  const [draft, setDraft] = useState(filters);
  const set = (name: keyof OpportunityFilters) => (event: { target: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [name]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };

  const label = 'mb-2 block text-std-16B-170 text-solid-gray-900';
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-16 bg-solid-gray-50 p-4 md:p-6">
      <h2 id={`${id}-heading`} className="mb-4 text-std-20B-150 text-solid-gray-900">
        {t('residentActivities.browse.filtersHeading')}
      </h2>
      <form onSubmit={onSubmit} className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={`${id}-municipality`} className={label}>
            {t('residentActivities.browse.municipality')}
          </label>
          <select
            id={`${id}-municipality`}
            name="municipality"
            value={draft.municipality}
            onChange={set('municipality')}
            className="field appearance-auto"
          >
            <option value="">{t('residentActivities.browse.anyMunicipality')}</option>
            {mine.length > 0 && (
              <optgroup label={t('residentActivities.browse.myMunicipalities')}>
                {mine.map((registration) => (
                  <option key={registration.municipalityCode} value={registration.municipalityCode}>
                    {registration.municipalityName}
                  </option>
                ))}
              </optgroup>
            )}
            {unknownMunicipality && <option value={filters.municipality}>{filters.municipality}</option>}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-prefecture`} className={label}>
            {t('residentActivities.browse.prefecture')}
          </label>
          <select
            id={`${id}-prefecture`}
            name="prefecture"
            value={draft.prefecture}
            onChange={set('prefecture')}
            className="field appearance-auto"
          >
            <option value="">{t('residentActivities.browse.anyPrefecture')}</option>
            {prefectures.data?.map((prefecture) => (
              <option key={prefecture.prefectureCode} value={prefecture.prefectureCode}>
                {prefectureLabel(prefecture.prefectureCode, prefecture.name, language)}
              </option>
            ))}
            {filters.prefecture && !prefectures.data && (
              <option value={filters.prefecture}>{filters.prefecture}</option>
            )}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-kind`} className={label}>
            {t('residentActivities.browse.kind')}
          </label>
          <select
            id={`${id}-kind`}
            name="kind"
            value={draft.kind}
            onChange={set('kind')}
            className="field appearance-auto"
          >
            <option value="">{t('residentActivities.browse.anyKind')}</option>
            {ACTIVITY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`residentActivities.kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-from`} className={label}>
            {t('residentActivities.browse.from')}
          </label>
          <input
            id={`${id}-from`}
            name="from"
            type="date"
            value={draft.from}
            onChange={set('from')}
            className="field"
          />
        </div>
        <fieldset className="md:col-span-2">
          <legend className={label}>{t('residentActivities.browse.participation')}</legend>
          <div className="flex flex-wrap gap-x-6">
            {(
              [
                ['', 'anyParticipation'],
                ['true', 'onlineOnly'],
                ['false', 'onSiteOnly'],
              ] as const
            ).map(([value, key]) => (
              <label key={key} className="flex min-h-11 cursor-pointer items-center gap-3">
                <input
                  type="radio"
                  name="online"
                  value={value}
                  checked={draft.online === value}
                  onChange={set('online')}
                  className="size-6 shrink-0 accent-blue-900"
                />
                <span>{t(`residentActivities.browse.${key}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap gap-4 md:col-span-2">
          <button type="submit" className="button-primary min-w-40">
            {t('residentActivities.browse.search')}
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => onSearch({ municipality: '', prefecture: '', kind: '', online: '', from: '' })}
          >
            {t('residentActivities.browse.clear')}
          </button>
        </div>
      </form>
    </section>
  );
}

function OpportunityItem({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const next = nextSession(opportunity.sessions);
  return (
    <li className="rounded-16 border border-solid-gray-420 p-5">
      <p className="text-dns-14N-130 text-solid-gray-700">
        <span lang="ja">{opportunity.municipalityName}</span> · {t(`residentActivities.kind.${opportunity.kind}`)}
      </p>
      <h3 className="mt-1 text-std-18B-160 text-solid-gray-900">
        <Link to={`/activities/${opportunity.id}`} className="inline-flex min-h-11 items-center">
          {opportunity.title}
        </Link>
      </h3>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
        {next && (
          <>
            <dt className="font-bold">{t('residentActivities.browse.nextSession')}</dt>
            <dd>
              {formatSession(next.startsAt, next.endsAt, language)}
              {opportunity.sessions.length > 1 && (
                <> ({t('residentActivities.browse.sessionCount', { count: opportunity.sessions.length })})</>
              )}
            </dd>
          </>
        )}
        <dt className="font-bold">{t('residentActivities.browse.place')}</dt>
        <dd className="wrap-anywhere">{opportunity.place}</dd>
      </dl>
      <p className="mt-2 flex flex-wrap gap-2">
        {opportunity.online && (
          <span className="rounded-4 bg-blue-50 px-2 text-dns-14B-120 text-blue-1000">
            {t('residentActivities.browse.online')}
          </span>
        )}
        <span className="rounded-4 bg-solid-gray-50 px-2 text-dns-14B-120 text-solid-gray-900">
          {opportunity.seatsLeft > 0
            ? t('residentActivities.browse.seatsLeft', { count: opportunity.seatsLeft })
            : t('residentActivities.browse.full')}
        </span>
      </p>
    </li>
  );
}
