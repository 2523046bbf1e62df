import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePrefectures } from '../../api/municipalities.ts';
import {
  PARTICIPANT_PAGE_SIZE,
  type ParticipantFilters,
  participantExportPath,
  useParticipants,
} from '../../api/national.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { Pagination } from '../../components/pagination.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { Checkbox } from '../admin/form-parts.tsx';

const FEE_STATUSES = ['exempt', 'pending_decision', 'charged'] as const;
const EMPTY: ParticipantFilters = { prefecture: '', feeStatus: '', modelOnly: false, q: '', page: 1 };

/** `/national/participants`: who participates since when, what they pay, whom to contact; filter and export. */
export function ParticipantsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  usePageTitle(t('national.participants.title'));
  const [filters, setFilters] = useState<ParticipantFilters>(EMPTY);
  const [draft, setDraft] = useState<ParticipantFilters>(EMPTY);
  const participants = useParticipants(filters);
  const prefectures = usePrefectures();
  const ids = { q: useId(), prefecture: useId(), fee: useId() };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...draft, page: 1 });
  };
  const data = participants.data;

  return (
    <div>
      <PageHeading>{t('national.participants.title')}</PageHeading>
      <p className="mb-4">
        <Link to="/national/participants/new" className="button-primary inline-flex min-h-11 items-center">
          {t('national.onboard.title')}
        </Link>
      </p>
      <form onSubmit={onSubmit} className="mb-6 rounded-16 border border-solid-gray-420 p-4 md:p-6">
        <div className="grid gap-4 md:grid-cols-3">
          <div>
            <label htmlFor={ids.q} className="mb-2 block text-std-16B-170">
              {t('national.participants.q')}
            </label>
            <input
              id={ids.q}
              type="search"
              className="field"
              value={draft.q}
              maxLength={50}
              onChange={(event) => setDraft({ ...draft, q: event.target.value })}
            />
          </div>
          <div>
            <label htmlFor={ids.prefecture} className="mb-2 block text-std-16B-170">
              {t('national.participants.prefecture')}
            </label>
            <select
              id={ids.prefecture}
              className="field appearance-auto"
              value={draft.prefecture}
              onChange={(event) => setDraft({ ...draft, prefecture: event.target.value })}
            >
              <option value="">{t('national.participants.any')}</option>
              {prefectures.data?.map((p) => (
                <option key={p.code} value={p.prefectureCode}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.fee} className="mb-2 block text-std-16B-170">
              {t('national.participants.fee')}
            </label>
            <select
              id={ids.fee}
              className="field appearance-auto"
              value={draft.feeStatus}
              onChange={(event) => setDraft({ ...draft, feeStatus: event.target.value })}
            >
              <option value="">{t('national.participants.any')}</option>
              {FEE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`fee.${status}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Checkbox
          label={t('national.participants.modelOnly')}
          checked={draft.modelOnly}
          onChange={(modelOnly) => setDraft({ ...draft, modelOnly })}
        />
        <button type="submit" className="button-primary mt-2">
          {t('national.participants.search')}
        </button>
      </form>
      {participants.isError && (
        <ErrorNotice
          title={t('national.loadError')}
          error={participants.error}
          onRetry={() => void participants.refetch()}
        />
      )}
      {data && (
        <>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <p role="status">{t('national.participants.count', { n: data.total })}</p>
            <a
              href={participantExportPath(filters)}
              className="button-secondary inline-flex min-h-11 items-center"
              download
            >
              {t('national.participants.csv')}
            </a>
          </div>
          <div className="overflow-x-auto">
            <table className="w-full text-left">
              <caption className="sr-only">{t('national.participants.title')}</caption>
              <thead>
                <tr className="border-b border-solid-gray-420">
                  <th scope="col" className="py-2 pr-4">
                    {t('national.participants.name')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('national.participants.joinedAt')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('national.participants.fee')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('national.model.type')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('national.participants.contacts')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <tr key={p.code} className="border-b border-solid-gray-420 align-top">
                    <td className="py-2 pr-4">
                      {p.fullName}
                      <span className="block text-dns-14N-130 text-solid-gray-700">{p.code}</span>
                    </td>
                    <td className="py-2 pr-4">{p.joinedAt}</td>
                    <td className="py-2 pr-4">
                      {t(`fee.${p.feeStatus}`)}
                      {p.exemptUntil && (
                        <span className="block text-dns-14N-130">
                          {t('national.participants.until', { date: p.exemptUntil })}
                        </span>
                      )}
                      {p.annualFeeYen !== null && (
                        <span className="block text-dns-14N-130">
                          {t('national.participants.yen', { amount: p.annualFeeYen.toLocaleString(language) })}
                        </span>
                      )}
                    </td>
                    <td className="py-2 pr-4">{p.modelType ? t(`national.model.types.${p.modelType}`) : '—'}</td>
                    <td className="py-2 pr-4">
                      {p.contacts.map((c) => (
                        <span key={c.email} className="block">
                          {c.department} {c.name} ({c.email})
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={filters.page}
            pages={Math.max(1, Math.ceil(data.total / PARTICIPANT_PAGE_SIZE))}
            onPage={(page) => setFilters({ ...filters, page })}
          />
        </>
      )}
    </div>
  );
}
