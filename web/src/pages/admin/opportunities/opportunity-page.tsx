import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  type StaffApplication,
  type StaffOpportunity,
  useApplications,
  useDecide,
  useOpportunity,
  useSendMessage,
  useStaffCheckIn,
} from '../../../api/admin-opportunities.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { MemberCardReader } from '../../../components/qr-scanner/member-card-reader.tsx';
import { formatDateTime } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { Section } from '../../account/section.tsx';
import { useConsole } from '../console-context.ts';
import { useLabels } from '../labels.ts';
import { shortId } from '../short-id.ts';
import { TextField } from './fields.tsx';

/** `/admin/:tenant/opportunities/:id`: the opportunity, its sessions' check-in codes, and its applicants. */
export function OpportunityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const admin = useConsole();
  const opportunity = useOpportunity(admin.tenant, id);
  usePageTitle(opportunity.data?.title ?? t('adminOpp.detail.title'));

  return (
    <div>
      <p className="mb-4">
        <Link to={admin.path('opportunities')}>{t('adminOpp.detail.back')}</Link>
      </p>
      <PageHeading>{opportunity.data?.title ?? t('adminOpp.detail.title')}</PageHeading>
      {opportunity.isPending && <p role="status">{t('admin.loading')}</p>}
      {opportunity.isError && (
        <ErrorNotice
          title={t('adminOpp.detail.loadError')}
          error={opportunity.error}
          onRetry={() => void opportunity.refetch()}
        />
      )}
      {opportunity.data && (
        <div className="flex max-w-4xl flex-col gap-10">
          <Summary opportunity={opportunity.data} />
          {admin.can('application.manage') && <StaffCheckIn opportunity={opportunity.data} />}
          {admin.can('application.read') && <Applicants opportunityId={opportunity.data.id} />}
        </div>
      )}
    </div>
  );
}

function Summary({ opportunity }: { opportunity: StaffOpportunity }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  const admin = useConsole();
  return (
    <Section title={t('adminOpp.detail.summary')}>
      <dl className="mb-4 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">{t('adminOpp.form.status')}</dt>
        <dd>{t(`adminOpp.status.${opportunity.status}`)}</dd>
        <dt className="font-bold">{t('adminOpp.form.kind')}</dt>
        <dd>{labels.activityKind(opportunity.kind)}</dd>
        <dt className="font-bold">{t('adminOpp.form.place')}</dt>
        <dd>
          {opportunity.place}
          {opportunity.online && ` ${t('adminOpp.detail.onlineToo')}`}
        </dd>
        <dt className="font-bold">{t('adminOpp.form.capacity')}</dt>
        <dd>{t('adminOpp.detail.seats', { capacity: opportunity.capacity, left: opportunity.seatsLeft })}</dd>
      </dl>
      <p className="mb-4 whitespace-pre-wrap">{opportunity.description}</p>
      <h3 className="mb-2 text-std-18B-160">{t('adminOpp.form.sessions')}</h3>
      <ul className="mb-4 flex flex-col gap-2">
        {opportunity.sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center gap-x-4">
            <span>
              {t('adminOpp.detail.sessionRange', {
                start: formatDateTime(session.startsAt, language),
                end: formatDateTime(session.endsAt, language),
              })}
            </span>
            {admin.can('application.manage') && (
              <Link
                to={`${admin.path(`opportunities/${opportunity.id}/check-in`)}?session=${session.id}`}
                className="inline-flex min-h-11 items-center"
              >
                {t('adminOpp.detail.showQr', { start: formatDateTime(session.startsAt, language) })}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {admin.can('opportunity.manage') && (
        <Link to={admin.path(`opportunities/${opportunity.id}/edit`)} className="button-secondary">
          {t('adminOpp.detail.edit')}
        </Link>
      )}
    </Section>
  );
}

/** Attendance from the member card: the member id (the card's QR) checks in an accepted applicant today. */
export function StaffCheckIn({ opportunity }: { opportunity: StaffOpportunity }) {
  const { t } = useTranslation();
  const admin = useConsole();
  const checkIn = useStaffCheckIn(admin.tenant, opportunity.id);
  const [memberId, setMemberId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const run = (id: string) => {
    if (checkIn.isPending) return;
    setDone(null);
    checkIn.mutate(
      { memberId: id },
      {
        onSuccess: (result) => {
          setDone(t('adminOpp.checkIn.done', { memberId: id, day: result.occurredOn }));
          setMemberId('');
        },
      },
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    run(memberId.trim());
  };
  return (
    <Section title={t('adminOpp.checkIn.heading')}>
      <MemberCardReader municipality={admin.tenant} onMember={run} />
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <TextField
          label={t('adminOpp.checkIn.memberId')}
          hint={t('adminOpp.checkIn.memberIdHint')}
          value={memberId}
          required
          onChange={setMemberId}
        />
        {done && <SuccessNotice>{done}</SuccessNotice>}
        {checkIn.isError && <ErrorNotice title={t('adminOpp.checkIn.error')} error={checkIn.error} headingLevel={3} />}
        <div>
          <button type="submit" className="button-primary" aria-disabled={checkIn.isPending}>
            {checkIn.isPending ? t('adminOpp.checkIn.running') : t('adminOpp.checkIn.submit')}
          </button>
        </div>
      </form>
    </Section>
  );
}

function Applicants({ opportunityId }: { opportunityId: string }) {
  const { t } = useTranslation();
  const admin = useConsole();
  const list = useApplications(admin.tenant, opportunityId, { page: 1 });
  return (
    <Section title={t('adminOpp.applicants.heading')}>
      {list.isPending && <p role="status">{t('admin.loading')}</p>}
      {list.isError && (
        <ErrorNotice
          title={t('adminOpp.applicants.loadError')}
          error={list.error}
          onRetry={() => void list.refetch()}
          headingLevel={3}
        />
      )}
      {list.data && list.data.items.length === 0 && <p>{t('adminOpp.applicants.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <>
          <p className="mb-4">{t('adminOpp.applicants.count', { count: list.data.total })}</p>
          <ul className="flex flex-col gap-4">
            {list.data.items.map((application) => (
              <ApplicantItem key={application.id} application={application} />
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function ApplicantItem({ application }: { application: StaffApplication }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  const decide = useDecide(admin.tenant);
  const message = useSendMessage(admin.tenant);
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  // Someone who did not share their name is told apart by their member id, on screen and in button names.
  const { displayName, memberId } = application.applicant;
  const name =
    displayName ??
    (memberId ? t('adminOpp.applicants.unnamed', { id: shortId(memberId) }) : t('adminOpp.applicants.withdrawn'));
  const manage = admin.can('application.manage');
  const decisions = (
    {
      applied: ['accept', 'decline'],
      accepted: ['no_show', 'decline'],
      declined: ['accept'],
      attended: [],
      no_show: [],
      cancelled: [],
    } as const
  )[application.status];

  const onSend = (event: FormEvent) => {
    event.preventDefault();
    if (message.isPending || text.trim() === '') return;
    setSent(false);
    message.mutate(
      { applicationId: application.id, body: text.trim() },
      {
        onSuccess: () => {
          setSent(true);
          setText('');
        },
      },
    );
  };

  return (
    <li className="rounded-8 border border-solid-gray-420 p-4">
      <h3 className="text-std-18B-160">{name}</h3>
      <p className="mb-2">
        <span className="font-bold">{t(`adminOpp.applicationStatus.${application.status}`)}</span>
        {t('app.listSeparator')}
        {t('adminOpp.applicants.appliedAt', { at: formatDateTime(application.appliedAt, language) })}
      </p>
      <dl className="mb-2 grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">{t('adminOpp.applicants.memberId')}</dt>
        <dd className="break-all">
          {application.applicant.memberId ? (
            <Link to={admin.path(`members/${application.applicant.memberId}`)}>{application.applicant.memberId}</Link>
          ) : (
            t('adminOpp.applicants.withdrawn')
          )}
        </dd>
        <dt className="font-bold">{t('adminOpp.applicants.email')}</dt>
        <dd>{application.applicant.email ?? t('adminOpp.applicants.private')}</dd>
        {application.answers.map((a) => (
          <div key={a.question} className="contents">
            <dt className="font-bold">{a.question}</dt>
            <dd className="whitespace-pre-wrap">{a.answer}</dd>
          </div>
        ))}
      </dl>
      {manage && decisions.length > 0 && (
        <div className="mb-4 flex flex-wrap gap-3">
          {decisions.map((decision) => (
            <button
              key={decision}
              type="button"
              className={decision === 'accept' ? 'button-primary' : 'button-secondary'}
              aria-disabled={decide.isPending}
              onClick={() => {
                if (!decide.isPending) decide.mutate({ applicationId: application.id, decision });
              }}
            >
              {t(`adminOpp.decision.${decision}`)}
              <span className="sr-only">{t('adminOpp.applicants.of', { name })}</span>
            </button>
          ))}
        </div>
      )}
      {decide.isError && (
        <ErrorNotice title={t('adminOpp.applicants.decideError')} error={decide.error} headingLevel={3} />
      )}
      {application.messages.length > 0 && (
        <details className="mb-3">
          <summary className="min-h-11 cursor-pointer">
            {t('adminOpp.applicants.messages', { count: application.messages.length })}
          </summary>
          <ul className="mt-2 flex flex-col gap-2">
            {application.messages.map((m) => (
              <li key={m.id} className="whitespace-pre-wrap rounded-8 bg-solid-gray-50 p-3">
                <span className="block text-dns-14N-130 text-solid-gray-700">{formatDateTime(m.sentAt, language)}</span>
                {m.body}
              </li>
            ))}
          </ul>
        </details>
      )}
      {manage && (
        <form noValidate onSubmit={onSend} className="flex flex-col gap-3">
          <TextField
            label={t('adminOpp.applicants.messageTo', { name })}
            value={text}
            multiline
            rows={2}
            maxLength={2000}
            onChange={setText}
          />
          {sent && <SuccessNotice>{t('adminOpp.applicants.sent')}</SuccessNotice>}
          {message.isError && (
            <ErrorNotice title={t('adminOpp.applicants.sendError')} error={message.error} headingLevel={3} />
          )}
          <div>
            <button type="submit" className="button-secondary" aria-disabled={message.isPending}>
              {message.isPending ? t('adminOpp.applicants.sending') : t('adminOpp.applicants.send')}
              <span className="sr-only">{t('adminOpp.applicants.of', { name })}</span>
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
