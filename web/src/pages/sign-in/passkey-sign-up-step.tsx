import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signUpWithPasskey } from '../../api/passkeys.ts';
import type { SignedIn } from '../../api/session.ts';
import { FieldError } from '../../components/notice.tsx';
import { PasskeyFailure, useNewPasskeyName } from '../../components/passkey-failure.tsx';
import { KeyIcon } from './key-icon.tsx';

/** The API's limit for a display name (after trimming). */
export const DISPLAY_NAME_MAX = 50;

/** Sign-up with a passkey: a display name, then the browser's own prompt; nothing else is asked. */
export function PasskeySignUpStep({
  onBack,
  onSignedIn,
}: {
  onBack: () => void;
  onSignedIn: (signedIn: SignedIn) => Promise<void>;
}) {
  const { t } = useTranslation();
  const ids = { name: useId(), hint: useId(), error: useId(), prompt: useId() };
  const field = useRef<HTMLInputElement>(null);
  const passkeyName = useNewPasskeyName();
  const [displayName, setDisplayName] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const name = displayName.trim();
    const problem =
      name === ''
        ? t('passkeySignUp.nameRequired')
        : name.length > DISPLAY_NAME_MAX
          ? t('passkeySignUp.nameTooLong', { max: DISPLAY_NAME_MAX })
          : null;
    setFieldError(problem);
    if (problem) {
      field.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await onSignedIn(await signUpWithPasskey(name, passkeyName()));
    } catch (error) {
      setFailure((previous) => ({ error, attempt: (previous?.attempt ?? 0) + 1 }));
      setBusy(false);
    }
  };

  return (
    <>
      <p className="mb-6">{t('passkeySignUp.lead')}</p>
      {failure && (
        <div className="mb-6">
          <PasskeyFailure
            key={failure.attempt}
            error={failure.error}
            title={t('passkeySignUp.error')}
            cancelled={t('passkeySignUp.cancelled')}
          />
        </div>
      )}
      <form noValidate onSubmit={onSubmit} className="flex flex-col items-start gap-6">
        <div className="w-full">
          <label htmlFor={ids.name} className="block text-std-16B-170 text-solid-gray-900">
            {t('passkeySignUp.nameLabel')}
          </label>
          <p id={ids.hint} className="mb-2 text-dns-14N-130 text-solid-gray-700">
            {t('passkeySignUp.nameHint', { max: DISPLAY_NAME_MAX })}
          </p>
          {fieldError && <FieldError id={ids.error}>{fieldError}</FieldError>}
          <input
            ref={field}
            id={ids.name}
            type="text"
            name="nickname"
            value={displayName}
            autoComplete="nickname"
            enterKeyHint="go"
            maxLength={DISPLAY_NAME_MAX}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${ids.error} ${ids.hint}` : ids.hint}
            className="field aria-invalid:border-error-1"
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </div>
        <div>
          <p id={ids.prompt} className="mb-3 text-dns-16N-130 text-solid-gray-700">
            {t('passkeySignUp.promptNote')}
          </p>
          <button type="submit" className="button-primary min-w-40" aria-disabled={busy} aria-describedby={ids.prompt}>
            <KeyIcon />
            {busy ? t('passkeySignUp.creating') : t('passkeySignUp.submit')}
          </button>
        </div>
      </form>
      <div className="mt-8 border-t border-solid-gray-200 pt-6">
        <button type="button" className="link-button" onClick={onBack}>
          {t('passkeySignUp.back')}
        </button>
      </div>
    </>
  );
}
