import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useMyRegistrations } from '../../../api/registrations.ts';
import {
  type Benefit,
  CARD_KINDS,
  type SubsidyApplication,
  useMyBenefits,
  useMySubsidyApplications,
} from '../../../api/resident-benefits.ts';
import { useSession } from '../../../api/session.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { formatDate, formatInstantDate } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { signInPath } from '../../../next-path.ts';

/** `/benefits`: the support measures of my municipalities — what I may use and how, what not and why, my subsidies. */
export function BenefitsPage() {
  const { t } = useTranslation();
  const session = useSession();
  usePageTitle(t('residentBenefits.list.title'));
  if (session.data && !session.data.signedIn) return <Navigate to={signInPath('/benefits')} replace />;
  return (
    <div className="flex max-w-3xl flex-col gap-10">
      <div>
        <PageHeading>{t('residentBenefits.list.title')}</PageHeading>
        <p>{t('residentBenefits.list.lead')}</p>
      </div>
      {session.isPending && <p role="status">{t('resident.loading')}</p>}
      {session.data?.signedIn && <Benefits />}
    </div>
  );
}

function Benefits() {
  const { t } = useTranslation();
  const benefits = useMyBenefits();
  const registrations = useMyRegistrations();
  const applications = useMySubsidyApplications();
  if (benefits.isPending || registrations.isPending) return <p role="status">{t('resident.loading')}</p>;
  if (benefits.isError || registrations.isError) {
    return (
      <ErrorNotice
        title={t('residentBenefits.list.loadError')}
        error={benefits.error ?? registrations.error}
        onRetry={() => {
          void benefits.refetch();
          void registrations.refetch();
        }}
      />
    );
  }
  if (registrations.data.length === 0) {
    return (
      <div className="flex flex-col items-start gap-4">
        <p>{t('residentBenefits.list.noRegistrations')}</p>
        <Link to="/municipalities" className="button-primary">
          {t('residentBenefits.list.findMunicipality')}
        </Link>
      </div>
    );
  }
  const eligible = benefits.data.filter((benefit) => benefit.eligible);
  const other = benefits.data.filter((benefit) => !benefit.eligible);
  const appliedFor = (measureId: string) =>
    applications.data?.find((application) => application.measureId === measureId && application.status !== 'rejected');
  return (
    <>
      <section aria-labelledby="benefits-eligible">
        <h2 id="benefits-eligible" className="mb-4 text-std-24B-150 text-solid-gray-900">
          {t('residentBenefits.list.eligibleHeading')}
        </h2>
        {benefits.data.length === 0 ? (
          <p>{t('residentBenefits.list.empty')}</p>
        ) : eligible.length === 0 ? (
          <p>{t('residentBenefits.list.eligibleEmpty')}</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {eligible.map((benefit) => (
              <BenefitItem key={benefit.measure.id} benefit={benefit} applied={appliedFor(benefit.measure.id)} />
            ))}
          </ul>
        )}
      </section>
      {other.length > 0 && (
        <section aria-labelledby="benefits-other">
          <h2 id="benefits-other" className="mb-2 text-std-24B-150 text-solid-gray-900">
            {t('residentBenefits.list.otherHeading')}
          </h2>
          <p className="mb-4">{t('residentBenefits.list.otherLead')}</p>
          <ul className="flex flex-col gap-4">
            {other.map((benefit) => (
              <BenefitItem key={benefit.measure.id} benefit={benefit} applied={appliedFor(benefit.measure.id)} />
            ))}
          </ul>
        </section>
      )}
      <SubsidyApplications applications={applications} />
    </>
  );
}

function Validity({ from, until }: { from: string | null; until: string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!from && !until) return null;
  const text =
    from && until
      ? t('residentBenefits.list.validRange', { from: formatDate(from, language), until: formatDate(until, language) })
      : from
        ? t('residentBenefits.list.validFrom', { from: formatDate(from, language) })
        : t('residentBenefits.list.validUntil', { until: formatDate(until ?? '', language) });
  return (
    <>
      <dt className="font-bold">{t('residentBenefits.list.validity')}</dt>
      <dd>{text}</dd>
    </>
  );
}

function BenefitItem({ benefit, applied }: { benefit: Benefit; applied: SubsidyApplication | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { measure } = benefit;
  const notes = [
    measure.maxAmountYen !== null &&
      t('residentBenefits.list.maxAmount', { amount: measure.maxAmountYen.toLocaleString(language) }),
    measure.usage === 'once' && t('residentBenefits.list.once'),
    measure.minTier === 'premium' && t('resident.public.premiumOnly'),
  ].filter((note): note is string => Boolean(note));
  return (
    <li className="rounded-16 border border-solid-gray-420 p-5">
      <p className="text-dns-14N-130 text-solid-gray-700">
        <span lang="ja">{measure.municipalityName}</span> · {t(`residentBenefits.kind.${measure.kind}`)}
      </p>
      <h3 className="mt-1 text-std-18B-160 text-solid-gray-900">{measure.title}</h3>
      {measure.summary && <p className="font-bold">{measure.summary}</p>}
      {measure.description && <p className="mt-1 whitespace-pre-line wrap-anywhere">{measure.description}</p>}
      {notes.length > 0 && <p className="mt-2 text-dns-16N-130">{notes.join(' · ')}</p>}
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
        <Validity from={measure.validFrom} until={measure.validUntil} />
        {measure.partners.length > 0 && (
          <>
            <dt className="font-bold">{t('residentBenefits.list.partners')}</dt>
            <dd>{measure.partners.map((partner) => partner.name).join(t('app.listSeparator'))}</dd>
          </>
        )}
      </dl>
      {benefit.timesUsed > 0 && (
        <p className="mt-1">{t('residentBenefits.list.timesUsed', { count: benefit.timesUsed })}</p>
      )}
      {benefit.eligible ? (
        <HowToUse benefit={benefit} applied={applied} />
      ) : (
        <div className="mt-3 rounded-8 bg-solid-gray-50 p-4">
          <h4 className="text-std-16B-170 text-solid-gray-900">{t('residentBenefits.list.why')}</h4>
          <ul className="list-disc pl-5">
            {benefit.reasons.map((reason) => (
              <li key={reason.code}>{reason.message[language]}</li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

function HowToUse({ benefit, applied }: { benefit: Benefit; applied: SubsidyApplication | undefined }) {
  const { t } = useTranslation();
  const { measure } = benefit;
  if (CARD_KINDS.includes(measure.kind)) {
    return (
      <div className="mt-3 flex flex-col items-start gap-3">
        <p>{t('residentBenefits.list.howToUseCard')}</p>
        <Link to={`/card/${measure.municipalityCode}`} className="button-primary">
          {t('residentBenefits.list.showCard', { name: measure.municipalityName })}
        </Link>
      </div>
    );
  }
  if (measure.kind === 'subsidy') {
    if (applied) {
      return (
        <p className="mt-3 font-bold">
          {t('residentBenefits.list.applied', { status: t(`residentBenefits.applicationStatus.${applied.status}`) })}
        </p>
      );
    }
    return (
      <div className="mt-3 flex flex-col items-start gap-3">
        <p>{t('residentBenefits.list.howToApply')}</p>
        <Link
          to={`/benefits/${measure.id}/apply`}
          className="button-primary"
          aria-label={t('residentBenefits.list.applyFor', { title: measure.title })}
        >
          {t('residentBenefits.list.apply')}
        </Link>
      </div>
    );
  }
  return <p className="mt-3">{t('residentBenefits.list.information')}</p>;
}

function SubsidyApplications({ applications }: { applications: ReturnType<typeof useMySubsidyApplications> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section aria-labelledby="benefits-applications">
      <h2 id="benefits-applications" className="mb-4 text-std-24B-150 text-solid-gray-900">
        {t('residentBenefits.list.applicationsHeading')}
      </h2>
      {applications.isPending && <p role="status">{t('resident.loading')}</p>}
      {applications.isError && (
        <ErrorNotice
          headingLevel={3}
          title={t('residentBenefits.list.applicationsError')}
          error={applications.error}
          onRetry={() => void applications.refetch()}
        />
      )}
      {applications.data &&
        (applications.data.length === 0 ? (
          <p>{t('residentBenefits.list.applicationsEmpty')}</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {applications.data.map((application) => (
              <li key={application.id} className="rounded-16 border border-solid-gray-420 p-5">
                <p className="text-dns-14N-130 text-solid-gray-700" lang="ja">
                  {application.municipalityName}
                </p>
                <h3 className="text-std-18B-160 text-solid-gray-900">{application.measureTitle}</h3>
                <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
                  <dt className="font-bold">{t('residentActivities.mine.status')}</dt>
                  <dd data-testid="subsidy-status">{t(`residentBenefits.applicationStatus.${application.status}`)}</dd>
                  <dt className="font-bold">{t('residentBenefits.list.submittedAt')}</dt>
                  <dd>{formatInstantDate(application.submittedAt, language)}</dd>
                  {application.decidedAt && (
                    <>
                      <dt className="font-bold">{t('residentBenefits.list.decidedAt')}</dt>
                      <dd>{formatInstantDate(application.decidedAt, language)}</dd>
                    </>
                  )}
                  {application.reason && (
                    <>
                      <dt className="font-bold">{t('residentBenefits.list.reason')}</dt>
                      <dd className="whitespace-pre-line wrap-anywhere">{application.reason}</dd>
                    </>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
