import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passkeysSupported, signInWithPasskey } from '../../api/passkeys.ts';
import type { SignedIn } from '../../api/session.ts';
import { PasskeyFailure } from '../../components/passkey-failure.tsx';
import { KeyIcon } from './key-icon.tsx';

/** The passkey way in, first: sign in with a passkey on this device, or sign up with one. */
export function PasskeySection({
  focusSignUpOnMount,
  onSignUp,
  onSignedIn,
}: {
  focusSignUpOnMount: boolean;
  onSignUp: () => void;
  onSignedIn: (signedIn: SignedIn) => Promise<void>;
}) {
  const { t } = useTranslation();
  const signUpButton = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);
  const [supported] = useState(passkeysSupported);

  // Back from the display-name step: where the person left.
  useEffect(() => {
    if (focusSignUpOnMount) signUpButton.current?.focus();
  }, [focusSignUpOnMount]);

  const onSignIn = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await onSignedIn(await signInWithPasskey());
    } catch (error) {
      setFailure((previous) => ({ error, attempt: (previous?.attempt ?? 0) + 1 }));
      setBusy(false);
    }
  };

  return (
    <div>
      <h2 className="mb-3 text-std-20B-150 text-solid-gray-900 md:text-std-24B-150">{t('signIn.passkeyHeading')}</h2>
      {supported ? (
        <>
          <p className="mb-4">{t('signIn.passkeyLead')}</p>
          {failure && (
            <div className="mb-4">
              <PasskeyFailure
                key={failure.attempt}
                error={failure.error}
                title={t('signIn.passkeyError')}
                cancelled={t('signIn.passkeyCancelled')}
                headingLevel={3}
              />
            </div>
          )}
          <button type="button" className="button-primary min-w-40" aria-disabled={busy} onClick={onSignIn}>
            <KeyIcon />
            {busy ? t('signIn.passkeyWaiting') : t('signIn.passkeySignIn')}
          </button>
          <p className="mt-6 mb-3">{t('signIn.passkeyNew')}</p>
          <button
            ref={signUpButton}
            type="button"
            className="button-secondary"
            onClick={() => {
              if (!busy) onSignUp();
            }}
          >
            {t('signIn.passkeySignUp')}
          </button>
        </>
      ) : (
        <p>{t('signIn.passkeyUnsupported')}</p>
      )}
    </div>
  );
}
