import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { evaluationOf, type PremiumApplication, useReview } from '../../api/admin-reviews.ts';
import { formatDateTime } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useConsole } from './console-context.ts';
import { RequirementList } from './requirement-list.tsx';
import { ReviewControls } from './review-controls.tsx';
import { shortId } from './short-id.ts';

/** A premium application waiting for staff: who, when, the engine's explanation, and the decision. */
export function ApplicationItem({
  application,
  onDecided,
}: {
  application: PremiumApplication;
  onDecided: (message: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  const review = useReview(admin.tenant, 'applications');
  const evaluation = evaluationOf(application);
  const kind = application.kind === 'renewal' ? t('admin.reviews.renewal') : t('admin.reviews.new');
  const submitted = formatDateTime(application.submittedAt, language);
  const subject = t('admin.reviews.applicationSubject', { kind, date: submitted });

  return (
    <li className="rounded-8 border border-solid-gray-420 p-4 md:p-6">
      <h3 className="mb-3 text-std-18B-160 text-solid-gray-900">{subject}</h3>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">{t('admin.reviews.applicationKind')}</dt>
        <dd>{kind}</dd>
        <dt className="font-bold">{t('admin.reviews.submittedAt')}</dt>
        <dd>{submitted}</dd>
        {application.memberId && (
          <>
            <dt className="font-bold">{t('admin.reviews.member')}</dt>
            <dd>
              <Link to={admin.path(`members/${application.memberId}`)}>
                {t('admin.reviews.memberLink', { id: shortId(application.memberId) })}
              </Link>
            </dd>
          </>
        )}
        {evaluation && (
          <>
            <dt className="font-bold">{t('admin.reviews.activitiesCounted')}</dt>
            <dd>
              {t('admin.reviews.activitiesCountedValue', {
                count: evaluation.countedActivities,
                pending: evaluation.pendingActivities,
              })}
            </dd>
          </>
        )}
      </dl>
      <h4 className="mt-4 mb-2 text-std-16B-170 text-solid-gray-900">{t('admin.reviews.requirementsHeading')}</h4>
      {evaluation ? (
        <RequirementList requirements={evaluation.requirements} />
      ) : (
        <p>{t('admin.reviews.noEvaluation')}</p>
      )}
      <ReviewControls
        subject={subject}
        decide={async (decision) => {
          await review.mutateAsync({ id: application.id, ...decision });
          onDecided(
            decision.decision === 'approve'
              ? t('admin.reviews.applicationApproved', { subject })
              : t('admin.reviews.applicationRejected', { subject }),
          );
        }}
      />
    </li>
  );
}
