import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useMyRegistrations } from '../../../api/registrations.ts';
import {
  applicationsKey,
  applyForOpportunity,
  type MyApplication,
  type Opportunity,
  useMyRecentApplications,
  useOpportunity,
} from '../../../api/resident-activities.ts';
import { useSignedInPerson } from '../../../api/session.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { FieldError, InfoNotice, SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { formatInstantDate } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { signInPath } from '../../../next-path.ts';
import { useAttemptKey } from './attempt-key.ts';
import { formatSession } from './session-time.ts';

/** `/activities/:id`: one opportunity, who may apply, and the application form with its questions. */
export function OpportunityPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const opportunity = useOpportunity(id);
  usePageTitle(opportunity.data?.title ?? t('residentActivities.detail.titleFallback'));
  return (
    <div className="flex max-w-3xl flex-col gap-8">
      <Link to="/activities" className="inline-flex min-h-11 items-center self-start">
        {t('residentActivities.detail.back')}
      </Link>
      {opportunity.isPending && (
        <>
          <PageHeading>{t('residentActivities.detail.titleFallback')}</PageHeading>
          <p role="status">{t('resident.loading')}</p>
        </>
      )}
      {opportunity.isError && (
        <>
          <PageHeading>{t('residentActivities.detail.titleFallback')}</PageHeading>
          <ErrorNotice
            title={t('residentActivities.detail.loadError')}
            error={opportunity.error}
            onRetry={() => void opportunity.refetch()}
          />
        </>
      )}
      {opportunity.data && <OpportunityDetails opportunity={opportunity.data} />}
    </div>
  );
}

function OpportunityDetails({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { eligibility } = opportunity;
  const conditions = [
    eligibility.minTier === 'premium' && t('residentActivities.detail.premiumOnly'),
    eligibility.identityRequired && t('residentActivities.detail.identityRequired'),
    eligibility.relationTypes.length > 0 &&
      t('residentActivities.detail.relationTypes', {
        types: eligibility.relationTypes
          .map((type) => t(`resident.relation.${String(type) as '1'}`))
          .join(t('app.listSeparator')),
      }),
  ].filter((condition): condition is string => Boolean(condition));
  return (
    <>
      <div>
        <p className="mb-1 text-dns-16B-130 text-solid-gray-700">
          <span lang="ja">{opportunity.municipalityName}</span> · {t(`residentActivities.kind.${opportunity.kind}`)}
        </p>
        <PageHeading>{opportunity.title}</PageHeading>
      </div>
      <dl className="grid gap-x-6 gap-y-2 md:grid-cols-[auto_minmax(0,1fr)]">
        <dt className="font-bold">{t('residentActivities.detail.municipality')}</dt>
        <dd>
          <Link to={`/m/${opportunity.municipalityCode}`} className="inline-flex min-h-11 items-center">
            {t('residentActivities.detail.municipalityPage', { name: opportunity.municipalityName })}
          </Link>
        </dd>
        {opportunity.coHosts.length > 0 && (
          <>
            <dt className="font-bold">{t('residentActivities.detail.coHosts')}</dt>
            <dd>
              <p>{t('residentActivities.detail.coHostsNote')}</p>
              <ul>
                {opportunity.coHosts.map((host) => (
                  <li key={host.code}>
                    <Link to={`/m/${host.code}`} className="inline-flex min-h-11 items-center">
                      {host.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt className="font-bold">{t('residentActivities.detail.sessions')}</dt>
        <dd>
          <ul>
            {opportunity.sessions.map((session) => (
              <li key={session.id}>{formatSession(session.startsAt, session.endsAt, language)}</li>
            ))}
          </ul>
        </dd>
        <dt className="font-bold">{t('residentActivities.detail.place')}</dt>
        <dd className="wrap-anywhere">
          {opportunity.place}
          {opportunity.online && <span className="block">{t('residentActivities.detail.online')}</span>}
        </dd>
        <dt className="font-bold">{t('residentActivities.detail.capacity')}</dt>
        <dd>
          {t('residentActivities.detail.capacityValue', {
            capacity: opportunity.capacity,
            seatsLeft: opportunity.seatsLeft,
          })}
        </dd>
        <dt className="font-bold">{t('residentActivities.detail.eligibility')}</dt>
        <dd>
          {conditions.length === 0 ? (
            t('residentActivities.detail.anyone')
          ) : (
            <ul className="list-disc pl-5">
              {conditions.map((condition) => (
                <li key={condition}>{condition}</li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <section aria-labelledby="opportunity-description">
        <h2 id="opportunity-description" className="mb-2 text-std-20B-150 text-solid-gray-900">
          {t('residentActivities.detail.description')}
        </h2>
        <p className="max-w-prose whitespace-pre-line wrap-anywhere">{opportunity.description}</p>
      </section>
      <ApplySection opportunity={opportunity} />
    </>
  );
}

function ApplySection({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const location = useLocation();
  const person = useSignedInPerson();
  const signedIn = person !== null;
  const registrations = useMyRegistrations(signedIn);
  const applications = useMyRecentApplications(signedIn);
  const [applied, setApplied] = useState<MyApplication | null>(null);
  const name = opportunity.municipalityName;
  const existing =
    applied ?? applications.data?.find((a) => a.opportunity.id === opportunity.id && a.status !== 'cancelled') ?? null;
  // A joint opportunity (広域型) also takes the co-hosts' furusato residents.
  const hosts = [opportunity.municipalityCode, ...opportunity.coHosts.map((host) => host.code)];
  const registered = registrations.data?.some((r) => hosts.includes(r.municipalityCode));

  let body: ReactNode;
  if (!signedIn) {
    body = (
      <div className="flex flex-col items-start gap-4">
        <p>{t('residentActivities.detail.signInToApply')}</p>
        <Link to={signInPath(location.pathname)} className="button-primary">
          {t('residentActivities.detail.signIn')}
        </Link>
      </div>
    );
  } else if (registrations.isPending || applications.isPending) {
    body = <p role="status">{t('resident.loading')}</p>;
  } else if (existing) {
    body = <AppliedNotice application={existing} fresh={existing === applied} />;
  } else if (!opportunity.acceptingApplications) {
    body = <InfoNotice>{t('residentActivities.detail.closed')}</InfoNotice>;
  } else if (!registered) {
    body = (
      <div className="flex flex-col items-start gap-4">
        <p>{t('residentActivities.detail.notRegistered', { name })}</p>
        <Link to={`/join/${opportunity.municipalityCode}`} className="button-primary">
          {t('residentActivities.detail.register', { name })}
        </Link>
      </div>
    );
  } else {
    body = <ApplyForm opportunity={opportunity} onApplied={setApplied} />;
  }
  return (
    <section aria-labelledby="opportunity-apply" className="border-t border-solid-gray-200 pt-6">
      <h2 id="opportunity-apply" className="mb-4 text-std-24B-150 text-solid-gray-900">
        {t('residentActivities.detail.applyHeading')}
      </h2>
      {body}
    </section>
  );
}

function AppliedNotice({ application, fresh }: { application: MyApplication; fresh: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="flex flex-col items-start gap-4">
      {fresh ? (
        <SuccessNotice>{t('residentActivities.detail.applied')}</SuccessNotice>
      ) : (
        <InfoNotice>
          {t('residentActivities.mine.appliedAt')}: {formatInstantDate(application.appliedAt, language)} ·{' '}
          {t('residentActivities.mine.status')}: {t(`residentActivities.status.${application.status}`)}
        </InfoNotice>
      )}
      <Link to="/activities/mine" className="button-secondary">
        {t('residentActivities.detail.toMine')}
      </Link>
    </div>
  );
}

function ApplyForm({
  opportunity,
  onApplied,
}: {
  opportunity: Opportunity;
  onApplied: (application: MyApplication) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const attempt = useAttemptKey();
  const fields = useRef<(HTMLTextAreaElement | null)[]>([]);
  const [answers, setAnswers] = useState<string[]>(() => opportunity.questions.map(() => ''));
  const [missing, setMissing] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const empty = answers.flatMap((answer, index) => (answer.trim() ? [] : [index]));
    setMissing(empty);
    if (empty.length > 0) {
      fields.current[empty[0] as number]?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const body = answers.map((answer) => answer.trim());
    try {
      const application = await applyForOpportunity(opportunity.id, body, attempt.keyFor(body));
      attempt.reset();
      void queryClient.invalidateQueries({ queryKey: applicationsKey });
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
      onApplied(application);
    } catch (error) {
      setFailure((previous) => ({ error, attempt: (previous?.attempt ?? 0) + 1 }));
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-6">
      {opportunity.questions.length > 0 && <p>{t('residentActivities.detail.answersHint')}</p>}
      {opportunity.questions.map((question, index) => {
        const fieldId = `${id}-${index}`;
        const errorId = `${fieldId}-error`;
        const invalid = missing.includes(index);
        return (
          <div key={question}>
            <label htmlFor={fieldId} className="mb-2 block text-std-16B-170 text-solid-gray-900">
              {question}
            </label>
            {invalid && <FieldError id={errorId}>{t('residentActivities.detail.answerRequired')}</FieldError>}
            <textarea
              id={fieldId}
              ref={(element) => {
                fields.current[index] = element;
              }}
              rows={3}
              maxLength={2000}
              required
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? errorId : undefined}
              value={answers[index] ?? ''}
              className="field"
              onChange={(event) => {
                const value = event.target.value;
                setAnswers((previous) => previous.map((answer, i) => (i === index ? value : answer)));
              }}
            />
          </div>
        );
      })}
      {failure && (
        <ErrorNotice
          key={failure.attempt}
          headingLevel={3}
          title={t('residentActivities.detail.submitError')}
          error={failure.error}
        />
      )}
      <button type="submit" className="button-primary min-w-40 self-start" aria-disabled={busy}>
        {busy ? t('residentActivities.detail.submitting') : t('residentActivities.detail.submit')}
      </button>
    </form>
  );
}
