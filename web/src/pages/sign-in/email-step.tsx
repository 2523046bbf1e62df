import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startEmailSignIn } from '../../api/session.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { FieldError } from '../../components/notice.tsx';

// What the API will accept, roughly; it checks the address itself.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The first e-mail step: the address the code is sent to. */
export function EmailStep({
  initialEmail,
  focusOnMount,
  onSent,
}: {
  initialEmail: string;
  focusOnMount: boolean;
  onSent: (email: string) => void;
}) {
  const { t } = useTranslation();
  const ids = { email: useId(), hint: useId(), error: useId() };
  const field = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState(initialEmail);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);

  // Back from the code step ("use a different address"): straight into the address to correct it.
  useEffect(() => {
    if (focusOnMount) field.current?.select();
  }, [focusOnMount]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // Full-width characters typed with a Japanese IME (ｆｏｏ＠example.jp) are the same address.
    const address = email.normalize('NFKC').trim();
    const problem = address === '' ? t('signIn.emailRequired') : EMAIL.test(address) ? null : t('signIn.emailInvalid');
    setFieldError(problem);
    if (problem) {
      field.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await startEmailSignIn(address);
      onSent(address);
    } catch (error) {
      setFailure((previous) => ({ error, attempt: (previous?.attempt ?? 0) + 1 }));
      setBusy(false);
    }
  };

  return (
    <>
      <p className="mb-6">{t('signIn.lead')}</p>
      {failure && (
        <div className="mb-6">
          {/* A new key per attempt: the same error twice is announced twice. */}
          <ErrorNotice key={failure.attempt} title={t('signIn.sendError')} error={failure.error} headingLevel={3} />
        </div>
      )}
      <form noValidate onSubmit={onSubmit} className="flex flex-col items-start gap-6">
        <div className="w-full">
          <label htmlFor={ids.email} className="block text-std-16B-170 text-solid-gray-900">
            {t('signIn.emailLabel')}
          </label>
          <p id={ids.hint} className="mb-2 text-dns-14N-130 text-solid-gray-700">
            {t('signIn.emailHint')}
          </p>
          {fieldError && <FieldError id={ids.error}>{fieldError}</FieldError>}
          <input
            ref={field}
            id={ids.email}
            type="email"
            name="email"
            value={email}
            autoComplete="email"
            autoCapitalize="none"
            spellCheck={false}
            enterKeyHint="send"
            maxLength={254}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${ids.error} ${ids.hint}` : ids.hint}
            className="field aria-invalid:border-error-1"
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <button type="submit" className="button-primary min-w-40" aria-disabled={busy}>
          {busy ? t('signIn.sending') : t('signIn.send')}
        </button>
      </form>
    </>
  );
}
