import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { loadProof, type PendingProof, proofPath, useReview } from '../../api/admin-reviews.ts';
import { useErrorMessage } from '../../components/error-notice.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useConsole } from './console-context.ts';
import { useLabels } from './labels.ts';
import { ReviewControls } from './review-controls.tsx';
import { shortId } from './short-id.ts';

/** A resident's proof of a helper activity: what, when, the file, and the decision. */
export function ProofItem({ proof, onDecided }: { proof: PendingProof; onDecided: (message: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  const admin = useConsole();
  const review = useReview(admin.tenant, 'proofs');
  const subject = t('admin.reviews.proofSubject', {
    kind: labels.activityKind(proof.kind),
    date: formatDate(proof.occurredOn, language),
  });

  return (
    <li className="rounded-8 border border-solid-gray-420 p-4 md:p-6">
      <h3 className="mb-3 text-std-18B-160 text-solid-gray-900">{subject}</h3>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">{t('admin.reviews.note')}</dt>
        <dd>{proof.note ?? t('admin.reviews.noNote')}</dd>
        <dt className="font-bold">{t('admin.reviews.submittedAt')}</dt>
        <dd>{formatDateTime(proof.createdAt, language)}</dd>
        {proof.memberId && (
          <>
            <dt className="font-bold">{t('admin.reviews.member')}</dt>
            <dd>
              <Link to={admin.path(`members/${proof.memberId}`)}>
                {t('admin.reviews.memberLink', { id: shortId(proof.memberId) })}
              </Link>
            </dd>
          </>
        )}
      </dl>
      {proof.hasProof && <ProofViewer activityId={proof.id} subject={subject} />}
      <ReviewControls
        subject={subject}
        decide={async (decision) => {
          await review.mutateAsync({ id: proof.id, ...decision });
          onDecided(
            decision.decision === 'approve'
              ? t('admin.reviews.proofApproved', { subject })
              : t('admin.reviews.proofRejected', { subject }),
          );
        }}
      />
    </li>
  );
}

/** The file on the page when it is an image; a PDF opens in its own tab (the browser's viewer). */
function ProofViewer({ activityId, subject }: { activityId: string; subject: string }) {
  const { t } = useTranslation();
  const admin = useConsole();
  const errorMessage = useErrorMessage();
  const file = useMutation({ mutationFn: () => loadProof(admin.tenant, activityId) });

  return (
    <div className="mt-3">
      <div className="flex flex-col gap-x-6 gap-y-1 sm:flex-row sm:items-center">
        {!file.data && (
          <button
            type="button"
            className="button-secondary self-start"
            aria-disabled={file.isPending}
            onClick={() => {
              if (!file.isPending) file.mutate();
            }}
          >
            {file.isPending ? t('admin.reviews.proofLoading') : t('admin.reviews.showProof')}
          </button>
        )}
        <a
          href={proofPath(admin.tenant, activityId)}
          target="_blank"
          rel="noopener noreferrer"
          className="inline-flex min-h-11 items-center"
        >
          {t('admin.reviews.openProof')}
        </a>
      </div>
      {file.isError && (
        <p role="alert" className="mt-2 text-error-1">
          {errorMessage(file.error)}
        </p>
      )}
      {file.data?.kind === 'image' && (
        <img
          src={file.data.dataUrl}
          alt={t('admin.reviews.proofAlt', { subject })}
          className="mt-3 max-h-96 max-w-full rounded-8 border border-solid-gray-420 object-contain"
        />
      )}
      {file.data?.kind === 'other' && <p className="mt-2">{t('admin.reviews.proofNotImage')}</p>}
    </div>
  );
}
