import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { type Registration, useMyRegistrations, usePremiumProgress } from '../../../api/registrations.ts';
import {
  APPLICATION_PAGE_SIZE,
  applicationsKey,
  cancelApplication,
  type MyApplication,
  useMyActivities,
  useMyApplications,
} from '../../../api/resident-activities.ts';
import { useSession } from '../../../api/session.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { Pagination } from '../../../components/pagination.tsx';
import { formatDate, formatDateTime, formatInstantDate } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { signInPath } from '../../../next-path.ts';
import { formatSession } from './session-time.ts';

const CANCELLABLE = new Set<MyApplication['status']>(['applied', 'accepted']);

/** `/activities/mine`: my applications (status, messages, cancel), my activity record and what counts for premium. */
export function MyActivitiesPage() {
  const { t } = useTranslation();
  const session = useSession();
  usePageTitle(t('residentActivities.mine.title'));
  if (session.data && !session.data.signedIn) return <Navigate to={signInPath('/activities/mine')} replace />;
  const signedIn = session.data?.signedIn === true;
  return (
    <div className="flex max-w-3xl flex-col gap-10">
      <div>
        <PageHeading>{t('residentActivities.mine.title')}</PageHeading>
        <p>{t('residentActivities.mine.lead')}</p>
        <Link to="/activities" className="button-secondary mt-4">
          {t('residentActivities.mine.browse')}
        </Link>
      </div>
      {session.isPending && <p role="status">{t('resident.loading')}</p>}
      {signedIn && (
        <>
          <Applications />
          <History />
        </>
      )}
    </div>
  );
}

function Applications() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const applications = useMyApplications(page);
  const data = applications.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / APPLICATION_PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby="mine-applications">
      <h2 id="mine-applications" className="mb-4 text-std-24B-150 text-solid-gray-900">
        {t('residentActivities.mine.applicationsHeading')}
      </h2>
      {cancelled && (
        <div className="mb-4">
          <SuccessNotice>{t('residentActivities.mine.cancelled', { title: cancelled })}</SuccessNotice>
        </div>
      )}
      {applications.isPending && <p role="status">{t('resident.loading')}</p>}
      {applications.isError && (
        <ErrorNotice
          headingLevel={3}
          title={t('residentActivities.mine.applicationsError')}
          error={applications.error}
          onRetry={() => void applications.refetch()}
        />
      )}
      {data &&
        (data.items.length === 0 ? (
          <p>{t('residentActivities.mine.applicationsEmpty')}</p>
        ) : (
          <>
            <p className="mb-3 text-dns-14N-130 text-solid-gray-700">
              {t('residentActivities.mine.range', {
                total: data.total,
                from: (page - 1) * APPLICATION_PAGE_SIZE + 1,
                to: (page - 1) * APPLICATION_PAGE_SIZE + data.items.length,
              })}
            </p>
            <ul className="flex flex-col gap-4">
              {data.items.map((application) => (
                <ApplicationItem key={application.id} application={application} onCancelled={setCancelled} />
              ))}
            </ul>
            {pages > 1 && <Pagination page={page} pages={pages} onPage={setPage} />}
          </>
        ))}
    </section>
  );
}

function ApplicationItem({
  application,
  onCancelled,
}: {
  application: MyApplication;
  onCancelled: (title: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const cancelButton = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);
  const { opportunity } = application;

  const cancel = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await cancelApplication(application.id);
      onCancelled(opportunity.title);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: applicationsKey });
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
    } catch (error) {
      setConfirming(false);
      setFailure((previous) => ({ error, attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

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
        <dt className="font-bold">{t('residentActivities.mine.status')}</dt>
        <dd data-testid="application-status">{t(`residentActivities.status.${application.status}`)}</dd>
        <dt className="font-bold">{t('residentActivities.mine.appliedAt')}</dt>
        <dd>{formatInstantDate(application.appliedAt, language)}</dd>
        <dt className="font-bold">{t('residentActivities.mine.sessions')}</dt>
        <dd>
          <ul>
            {opportunity.sessions.map((session) => (
              <li key={session.id}>{formatSession(session.startsAt, session.endsAt, language)}</li>
            ))}
          </ul>
        </dd>
      </dl>
      {application.answers.length > 0 && (
        <details className="mt-3">
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-bold">
            {t('residentActivities.mine.answersHeading')}
          </summary>
          <dl className="mt-1 flex flex-col gap-1">
            {application.answers.map(({ question, answer }) => (
              <div key={question}>
                <dt className="font-bold">{question}</dt>
                <dd className="whitespace-pre-line wrap-anywhere">{answer}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {application.messages.length > 0 && (
        <div className="mt-3 rounded-8 bg-solid-gray-50 p-4">
          <h4 className="text-std-16B-170 text-solid-gray-900">{t('residentActivities.mine.messagesHeading')}</h4>
          <ul className="mt-1 flex flex-col gap-2">
            {application.messages.map((message) => (
              <li key={message.id}>
                <p className="text-dns-14N-130 text-solid-gray-700">{formatDateTime(message.sentAt, language)}</p>
                <p className="whitespace-pre-line wrap-anywhere">{message.body}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure && (
        <div className="mt-3">
          <ErrorNotice
            key={failure.attempt}
            headingLevel={3}
            title={t('residentActivities.mine.cancelError')}
            error={failure.error}
          />
        </div>
      )}
      {CANCELLABLE.has(application.status) && (
        <button
          ref={cancelButton}
          type="button"
          className="button-secondary mt-4"
          aria-haspopup="dialog"
          onClick={() => setConfirming(true)}
        >
          {t('residentActivities.mine.cancel')}
          <span className="sr-only">: {opportunity.title}</span>
        </button>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('residentActivities.mine.cancelTitle')}
        confirmLabel={t('residentActivities.mine.cancelConfirm')}
        busyLabel={t('residentActivities.mine.cancelling')}
        cancelLabel={t('residentActivities.mine.keep')}
        busy={busy}
        onConfirm={() => void cancel()}
        onClose={() => setConfirming(false)}
        returnFocus={cancelButton}
      >
        <p>{t('residentActivities.mine.cancelText', { title: opportunity.title })}</p>
      </ConfirmDialog>
    </li>
  );
}

function History() {
  const { t } = useTranslation();
  const language = useLanguage();
  const activities = useMyActivities();
  const registrations = useMyRegistrations();
  const nameOf = (code: string) =>
    registrations.data?.find((registration) => registration.municipalityCode === code)?.municipalityName ?? code;
  const municipalities = (registrations.data ?? []).filter((registration) => registration.kind !== 'prefecture');
  return (
    <section aria-labelledby="mine-history" className="flex flex-col gap-4">
      <h2 id="mine-history" className="text-std-24B-150 text-solid-gray-900">
        {t('residentActivities.mine.historyHeading')}
      </h2>
      <p className="max-w-prose">{t('residentActivities.mine.historyLead')}</p>
      {activities.isPending && <p role="status">{t('resident.loading')}</p>}
      {activities.isError && (
        <ErrorNotice
          headingLevel={3}
          title={t('residentActivities.mine.historyError')}
          error={activities.error}
          onRetry={() => void activities.refetch()}
        />
      )}
      {activities.data &&
        (activities.data.length === 0 ? (
          <p>{t('residentActivities.mine.historyEmpty')}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {activities.data.map((activity) => (
              <li key={activity.id} className="border-b border-solid-gray-200 pb-3">
                <p className="font-bold">
                  {formatDate(activity.occurredOn, language)} ·{' '}
                  <span lang="ja">{nameOf(activity.municipalityCode)}</span>
                </p>
                <p>
                  {t(`residentActivities.kind.${activity.kind as 'volunteer'}`, { defaultValue: activity.kind })} ·{' '}
                  {t(`residentActivities.mine.source.${activity.source}`)} ·{' '}
                  {t(`residentActivities.mine.recordStatus.${activity.status}`)}
                </p>
                {activity.reviewReason && (
                  <p className="text-dns-14N-130">
                    {t('residentActivities.mine.reviewReason', { reason: activity.reviewReason })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        ))}
      {municipalities.length > 0 && (
        <div className="rounded-8 bg-solid-gray-50 p-4">
          <h3 className="mb-2 text-std-18B-160 text-solid-gray-900">{t('residentActivities.mine.premiumHeading')}</h3>
          <ul className="flex flex-col gap-1">
            {municipalities.map((registration) => (
              <PremiumCount key={registration.municipalityCode} registration={registration} />
            ))}
          </ul>
          <p className="mt-2">
            {t('residentActivities.mine.premiumMore')}{' '}
            <Link to="/home" className="inline-flex min-h-11 items-center">
              {t('residentActivities.mine.toHome')}
            </Link>
          </p>
        </div>
      )}
    </section>
  );
}

function PremiumCount({ registration }: { registration: Registration }) {
  const { t } = useTranslation();
  const progress = usePremiumProgress(registration.municipalityCode, true);
  const name = registration.municipalityName;
  if (progress.isPending) return <li>{t('resident.loading')}</li>;
  if (progress.isError) return <li>{t('residentActivities.mine.premiumError', { name })}</li>;
  return (
    <li>
      {t('residentActivities.mine.premiumCount', {
        name,
        counted: progress.data.countedActivities,
        pending: progress.data.pendingActivities,
      })}
    </li>
  );
}
