import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteAccount } from '../../../api/privacy.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { FieldError } from '../../../components/notice.tsx';
import { Section } from '../../account/section.tsx';

/**
 * Deleting the account takes two deliberate steps: ticking that it cannot be undone, then confirming in a dialog
 * whose first focus is on "cancel".
 */
export function DeleteAccountSection({ onDeleted }: { onDeleted: () => Promise<void> }) {
  const { t } = useTranslation();
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const understood = useRef<HTMLInputElement>(null);
  const [checked, setChecked] = useState(false);
  const [needsCheck, setNeedsCheck] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);

  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await deleteAccount();
      await onDeleted();
    } catch (error) {
      setBusy(false);
      setConfirming(false);
      setFailure((previous) => ({ error, attempt: (previous?.attempt ?? 0) + 1 }));
    }
  };

  return (
    <Section title={t('residentPrivacy.deleteHeading')}>
      <p className="mb-4 max-w-prose">{t('residentPrivacy.deleteText')}</p>
      {needsCheck && !checked && (
        <FieldError id={`${id}-error`}>{t('residentPrivacy.deleteUnderstandRequired')}</FieldError>
      )}
      <label className="flex min-h-11 cursor-pointer items-center gap-3">
        <input
          ref={understood}
          type="checkbox"
          checked={checked}
          aria-describedby={needsCheck && !checked ? `${id}-error` : undefined}
          className="size-6 shrink-0 accent-blue-900"
          onChange={(event) => setChecked(event.target.checked)}
        />
        <span>{t('residentPrivacy.deleteUnderstand')}</span>
      </label>
      {failure && (
        <div className="mt-4">
          <ErrorNotice
            key={failure.attempt}
            headingLevel={3}
            title={t('residentPrivacy.deleteError')}
            error={failure.error}
          />
        </div>
      )}
      <button
        ref={button}
        type="button"
        className="button-primary mt-4 bg-error-1 hover:bg-red-1000 active:bg-red-1100"
        aria-haspopup="dialog"
        onClick={() => {
          if (!checked) {
            setNeedsCheck(true);
            understood.current?.focus();
            return;
          }
          setConfirming(true);
        }}
      >
        {t('residentPrivacy.deleteButton')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('residentPrivacy.deleteTitle')}
        confirmLabel={t('residentPrivacy.deleteConfirm')}
        busyLabel={t('residentPrivacy.deleting')}
        cancelLabel={t('residentPrivacy.cancel')}
        busy={busy}
        onConfirm={() => void remove()}
        onClose={() => setConfirming(false)}
        returnFocus={button}
      >
        <p>{t('residentPrivacy.deleteConfirmText')}</p>
      </ConfirmDialog>
    </Section>
  );
}
