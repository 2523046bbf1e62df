import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signOut, signOutEverywhere, useApplySession } from '../../api/session.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import type { Farewell } from '../sign-in-page.tsx';
import { Section } from './section.tsx';

/** Sign out here, or everywhere after a confirmation. */
export function SignOutSection({ onSignedOut }: { onSignedOut: (farewell: Farewell) => void }) {
  const { t } = useTranslation();
  const apply = useApplySession();
  const everywhereButton = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'here' | 'everywhere' | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);

  const run = async (kind: 'here' | 'everywhere') => {
    if (busy) return;
    setBusy(kind);
    setFailure(null);
    try {
      let farewell: Farewell;
      if (kind === 'here') {
        await signOut();
        farewell = { kind: 'signedOut' };
      } else {
        farewell = { kind: 'signedOutEverywhere', endedSessions: (await signOutEverywhere()).endedSessions };
      }
      // The page leaves for the sign-in page as soon as the session is gone: say what to show there first.
      onSignedOut(farewell);
      await apply.signedOut();
    } catch (error) {
      setBusy(null);
      setConfirming(false);
      setFailure((previous) => ({ error, attempt: (previous?.attempt ?? 0) + 1 }));
    }
  };

  return (
    <Section title={t('account.signOutHeading')}>
      {failure && (
        <div className="mb-4">
          <ErrorNotice key={failure.attempt} title={t('account.signOutError')} error={failure.error} headingLevel={3} />
        </div>
      )}
      <div className="flex flex-col gap-6">
        <div>
          <p className="mb-3">{t('account.signOutText')}</p>
          <button type="button" className="button-secondary" aria-disabled={busy !== null} onClick={() => run('here')}>
            {busy === 'here' ? t('account.signingOut') : t('account.signOut')}
          </button>
        </div>
        <div>
          <p className="mb-3 max-w-prose">{t('account.signOutEverywhereText')}</p>
          <button
            ref={everywhereButton}
            type="button"
            className="button-secondary"
            aria-disabled={busy !== null}
            aria-haspopup="dialog"
            onClick={() => {
              if (!busy) setConfirming(true);
            }}
          >
            {t('account.signOutEverywhere')}
          </button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('account.confirmTitle')}
        confirmLabel={t('account.confirm')}
        busyLabel={t('account.signingOut')}
        cancelLabel={t('account.cancel')}
        busy={busy === 'everywhere'}
        onConfirm={() => void run('everywhere')}
        onClose={() => setConfirming(false)}
        returnFocus={everywhereButton}
      >
        <p>{t('account.confirmText')}</p>
      </ConfirmDialog>
    </Section>
  );
}
