import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type ApplicationStatus,
  type SubsidyApplication,
  useDecideApplication,
  useMeasure,
  useSubsidyApplications,
} from '../../../api/admin-measures.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { formatDateTime } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useConsole } from '../console-context.ts';
import { useLabels, usePrefectureNames } from '../labels.ts';
import { TextField } from '../opportunities/fields.tsx';
import { PagedList, usePageParam } from '../paged-list.tsx';
import { MeasuresNav } from './measures-nav.tsx';

const STATUSES = ['submitted', 'approved', 'rejected'] as const satisfies readonly ApplicationStatus[];

function statusFrom(value: string | null): ApplicationStatus {
  return (STATUSES as readonly string[]).includes(value ?? '') ? (value as ApplicationStatus) : 'submitted';
}

/**
 * `/admin/:tenant/measures/applications`: subsidy applications to decide. Only what each applicant confirmed
 * on sending is shown; the server logs every listing.
 */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const admin = useConsole();
  usePageTitle(t('adminMeasures.applications.title'));
  const [params, setParams] = useSearchParams();
  const status = statusFrom(params.get('status'));
  const [page, goToPage] = usePageParam();
  const list = useSubsidyApplications(admin.tenant, { status, page });
  const filterId = useId();
  return (
    <div>
      <PageHeading>{t('adminMeasures.applications.title')}</PageHeading>
      <MeasuresNav />
      <p className="mb-4 max-w-3xl">{t('adminMeasures.applications.lead')}</p>
      <div className="mb-6">
        <label htmlFor={filterId} className="block text-std-16B-170">
          {t('adminMeasures.applications.status')}
        </label>
        <select
          id={filterId}
          className="field appearance-auto md:w-60"
          value={status}
          onChange={(event) => setParams({ status: event.target.value })}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`adminMeasures.applicationStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <PagedList
        query={list}
        page={page}
        onPage={goToPage}
        loadError={t('adminMeasures.applications.loadError')}
        empty={t('adminMeasures.applications.empty')}
      >
        {(items) => (
          <ul className="flex flex-col gap-4">
            {items.map((application) => (
              <ApplicationItem key={application.id} application={application} />
            ))}
          </ul>
        )}
      </PagedList>
    </div>
  );
}

function answerText(
  value: unknown,
  t: (key: 'adminMeasures.applications.yes' | 'adminMeasures.applications.no') => string,
) {
  if (value === true) return t('adminMeasures.applications.yes');
  if (value === false) return t('adminMeasures.applications.no');
  return value === undefined || value === null ? '' : String(value);
}

function ApplicationItem({ application }: { application: SubsidyApplication }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  const prefectures = usePrefectureNames();
  const admin = useConsole();
  const decide = useDecideApplication(admin.tenant);
  // Answers are stored under the question's id; the measure's form gives the words the applicant saw.
  const measure = useMeasure(admin.tenant, application.measureId);
  const questionOf = (id: string) => measure.data?.formFields.find((f) => f.id === id)?.label ?? id;
  const [reason, setReason] = useState('');
  const { applicant } = application;
  const name = applicant.displayName;

  const onDecide = (decision: 'approve' | 'reject') => (event?: FormEvent) => {
    event?.preventDefault();
    if (decide.isPending) return;
    decide.mutate({ id: application.id, decision, reason: reason.trim() || undefined });
  };

  return (
    <li className="rounded-8 border border-solid-gray-420 p-4">
      <h2 className="text-std-18B-160">
        {t('adminMeasures.applications.heading', { name, title: application.measureTitle })}
      </h2>
      <p className="mb-2 text-dns-16N-130 text-solid-gray-700">
        {t(`adminMeasures.applicationStatus.${application.status}`)}
        {t('app.listSeparator')}
        {t('adminMeasures.applications.submittedAt', { at: formatDateTime(application.submittedAt, language) })}
      </p>
      <dl className="mb-3 grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">{t('adminMeasures.applications.email')}</dt>
        <dd>{applicant.email}</dd>
        <dt className="font-bold">{t('adminMeasures.applications.residence')}</dt>
        <dd>
          {applicant.residencePrefecture
            ? labels.prefecture(applicant.residencePrefecture, prefectures)
            : t('adminMeasures.applications.notGiven')}
        </dd>
        <dt className="font-bold">{t('adminMeasures.applications.relationTypes')}</dt>
        <dd>
          {applicant.relationTypes
            ? applicant.relationTypes.map((type) => labels.relationType(type)).join(t('app.listSeparator'))
            : t('adminMeasures.applications.notGiven')}
        </dd>
        <dt className="font-bold">{t('adminMeasures.applications.memberId')}</dt>
        <dd className="break-all">{applicant.memberId}</dd>
        {Object.entries(application.answers).map(([question, value]) => (
          <div key={question} className="contents">
            <dt className="font-bold">{questionOf(question)}</dt>
            <dd className="whitespace-pre-wrap">{answerText(value, t)}</dd>
          </div>
        ))}
      </dl>
      {application.reason && (
        <p className="mb-3">{t('adminMeasures.applications.reasonShown', { reason: application.reason })}</p>
      )}
      {application.status === 'submitted' && admin.can('subsidy.review') && (
        <form noValidate onSubmit={onDecide('reject')} className="flex flex-col gap-3">
          <TextField
            label={t('adminMeasures.applications.reason', { name })}
            hint={t('adminMeasures.applications.reasonHint')}
            value={reason}
            multiline
            rows={2}
            maxLength={500}
            onChange={setReason}
          />
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              className="button-primary"
              aria-disabled={decide.isPending}
              onClick={() => onDecide('approve')()}
            >
              {t('adminMeasures.applications.approve')}
              <span className="sr-only">{t('adminMeasures.applications.of', { name })}</span>
            </button>
            <button type="submit" className="button-secondary" aria-disabled={decide.isPending}>
              {t('adminMeasures.applications.reject')}
              <span className="sr-only">{t('adminMeasures.applications.of', { name })}</span>
            </button>
          </div>
        </form>
      )}
      {decide.isError && (
        <ErrorNotice title={t('adminMeasures.applications.decideError')} error={decide.error} headingLevel={3} />
      )}
    </li>
  );
}
