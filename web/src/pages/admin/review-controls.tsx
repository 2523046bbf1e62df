import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Decision } from '../../api/admin-reviews.ts';
import { useErrorMessage } from '../../components/error-notice.tsx';
import { FieldError } from '../../components/notice.tsx';

const REASON_MAX = 500;

/**
 * Approve at once, or reject with a reason (required: the resident reads it). `decide` returns the
 * request; its error is shown as the API sent it, beside the buttons.
 */
export function ReviewControls({
  subject,
  decide,
}: {
  /** What is being decided, for the buttons' accessible names: 「ボランティア（2026年10月13日）」. */
  subject: string;
  decide: (decision: Decision) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const ids = { reason: useId(), hint: useId(), error: useId() };
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [busy, setBusy] = useState<Decision['decision'] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const rejectButton = useRef<HTMLButtonElement>(null);

  const run = async (decision: Decision) => {
    if (busy) return;
    setBusy(decision.decision);
    setFailure(null);
    try {
      await decide(decision);
    } catch (error) {
      setFailure(error);
      setBusy(null);
    }
    // On success the item leaves the queue (and this component with it).
  };

  const submitReject = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) {
      setReasonMissing(true);
      reasonField.current?.focus();
      return;
    }
    void run({ decision: 'reject', reason: trimmed });
  };

  return (
    <div className="mt-4">
      {failure !== null && (
        <div role="alert" className="mb-3 rounded-8 border-2 border-error-1 bg-red-50 p-3 text-solid-gray-900">
          <p className="font-bold text-error-2">{t('admin.reviews.decideError')}</p>
          <p>{errorMessage(failure)}</p>
        </div>
      )}
      {!rejecting ? (
        <div className="flex flex-col gap-3 sm:flex-row">
          <button
            type="button"
            className="button-primary"
            aria-disabled={busy !== null}
            onClick={() => void run({ decision: 'approve' })}
          >
            {busy === 'approve' ? t('admin.reviews.approving') : t('admin.reviews.approve')}
            <span className="sr-only">{t('admin.reviews.about', { subject })}</span>
          </button>
          <button
            ref={rejectButton}
            type="button"
            className="button-secondary"
            aria-disabled={busy !== null}
            onClick={() => {
              if (busy) return;
              setRejecting(true);
              // The reason field appears in place of the buttons; typing starts there.
              requestAnimationFrame(() => reasonField.current?.focus());
            }}
          >
            {t('admin.reviews.reject')}
            <span className="sr-only">{t('admin.reviews.about', { subject })}</span>
          </button>
        </div>
      ) : (
        <form noValidate onSubmit={submitReject} className="rounded-8 border border-solid-gray-420 p-4">
          <label htmlFor={ids.reason} className="block text-std-16B-170 text-solid-gray-900">
            {t('admin.reviews.reasonLabel')}
          </label>
          <p id={ids.hint} className="mb-2 text-dns-14N-130 text-solid-gray-700">
            {t('admin.reviews.reasonHint', { max: REASON_MAX })}
          </p>
          {reasonMissing && <FieldError id={ids.error}>{t('admin.reviews.reasonRequired')}</FieldError>}
          <textarea
            ref={reasonField}
            id={ids.reason}
            value={reason}
            maxLength={REASON_MAX}
            rows={3}
            aria-required="true"
            aria-invalid={reasonMissing}
            aria-describedby={reasonMissing ? `${ids.error} ${ids.hint}` : ids.hint}
            className="field"
            onChange={(event) => {
              setReason(event.target.value);
              if (event.target.value.trim()) setReasonMissing(false);
            }}
          />
          <div className="mt-3 flex flex-col gap-3 sm:flex-row">
            <button type="submit" className="button-primary" aria-disabled={busy !== null}>
              {busy === 'reject' ? t('admin.reviews.rejecting') : t('admin.reviews.confirmReject')}
            </button>
            <button
              type="button"
              className="button-secondary"
              aria-disabled={busy !== null}
              onClick={() => {
                if (busy) return;
                setRejecting(false);
                setReasonMissing(false);
                requestAnimationFrame(() => rejectButton.current?.focus());
              }}
            >
              {t('admin.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
