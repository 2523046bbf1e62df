import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDevMailAvailable } from '../../api/dev-mail.ts';
import { type SignedIn, startEmailSignIn, verifyEmailCode } from '../../api/session.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { FieldError, SuccessNotice } from '../../components/notice.tsx';
import type { Pending } from './pending.ts';

/** Seconds before another code may be asked for: long enough for the first e-mail to arrive. */
export const RESEND_AFTER_SECONDS = 30;

function useSecondsUntil(deadline: number): number {
  const [now, setNow] = useState(Date.now);
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));
  useEffect(() => {
    if (left === 0) return;
    // Wake up when the shown number changes, not on a drifting one-second beat.
    const timer = setTimeout(() => setNow(Date.now()), ((deadline - Date.now()) % 1000 || 1000) + 5);
    return () => clearTimeout(timer);
  }, [deadline, left]);
  return left;
}

/** The second e-mail step: the 6-digit code, with a resend and a way back to the address. */
export function CodeStep({
  pending,
  onResent,
  onChangeEmail,
  onSignedIn,
}: {
  pending: Pending;
  onResent: (sentAt: number) => void;
  onChangeEmail: () => void;
  onSignedIn: (signedIn: SignedIn) => Promise<void>;
}) {
  const { t } = useTranslation();
  const ids = { code: useId(), sent: useId(), error: useId(), wait: useId() };
  const field = useRef<HTMLInputElement>(null);
  const devMail = useDevMailAvailable();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ title: string; error: unknown; attempt: number } | null>(null);
  const [resent, setResent] = useState(0);
  const [busy, setBusy] = useState<'verify' | 'resend' | null>(null);
  const wait = useSecondsUntil(pending.sentAt + RESEND_AFTER_SECONDS * 1000);

  const fail = (title: string, error: unknown) =>
    setFailure((previous) => ({ title, error, attempt: (previous?.attempt ?? 0) + 1 }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // Full-width digits and the spaces or hyphens of a pasted "123 456" are fine.
    const digits = code.normalize('NFKC').replace(/[\s-]/g, '');
    const problem = digits === '' ? t('signIn.codeRequired') : /^\d{6}$/.test(digits) ? null : t('signIn.codeInvalid');
    setFieldError(problem);
    if (problem) {
      field.current?.focus();
      return;
    }
    setBusy('verify');
    setFailure(null);
    try {
      await onSignedIn(await verifyEmailCode(pending.email, digits));
    } catch (error) {
      fail(t('signIn.verifyError'), error);
      setBusy(null);
    }
  };

  const onResend = async () => {
    if (busy || wait > 0) return;
    setBusy('resend');
    setFailure(null);
    try {
      await startEmailSignIn(pending.email);
      setResent((n) => n + 1);
      setCode('');
      onResent(Date.now());
    } catch (error) {
      fail(t('signIn.sendError'), error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div id={ids.sent} className="mb-6">
        <p className="font-bold text-solid-gray-900 wrap-anywhere">{t('signIn.sentTo', { email: pending.email })}</p>
        <p>{t('signIn.sentHelp')}</p>
      </div>
      {resent > 0 && !failure && (
        <div className="mb-6">
          <SuccessNotice key={resent}>{t('signIn.resent')}</SuccessNotice>
        </div>
      )}
      {failure && (
        <div className="mb-6">
          <ErrorNotice key={failure.attempt} title={failure.title} error={failure.error} />
        </div>
      )}
      <form noValidate onSubmit={onSubmit} className="flex flex-col items-start gap-6">
        <div>
          <label htmlFor={ids.code} className="mb-2 block text-std-16B-170 text-solid-gray-900">
            {t('signIn.codeLabel')}
          </label>
          {fieldError && <FieldError id={ids.error}>{fieldError}</FieldError>}
          <input
            ref={field}
            id={ids.code}
            type="text"
            name="code"
            value={code}
            inputMode="numeric"
            autoComplete="one-time-code"
            enterKeyHint="done"
            maxLength={12}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${ids.error} ${ids.sent}` : ids.sent}
            className="field w-48 font-mono text-std-20B-150 tracking-[0.3em] aria-invalid:border-error-1"
            onChange={(event) => setCode(event.target.value)}
          />
        </div>
        <button type="submit" className="button-primary min-w-40" aria-disabled={busy !== null}>
          {busy === 'verify' ? t('signIn.verifying') : t('signIn.verify')}
        </button>
      </form>

      <div className="mt-8 flex flex-col items-start gap-3 border-t border-solid-gray-200 pt-6">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          {/* aria-disabled, not disabled: the button keeps focus while it waits after a resend. */}
          <button
            type="button"
            className="link-button"
            aria-disabled={wait > 0 || busy !== null}
            aria-describedby={wait > 0 ? ids.wait : undefined}
            onClick={onResend}
          >
            {busy === 'resend' ? t('signIn.sending') : t('signIn.resend')}
          </button>
          {wait > 0 && (
            <span id={ids.wait} className="text-dns-14N-130 text-solid-gray-700 tabular-nums">
              {t('signIn.resendWait', { count: wait })}
            </span>
          )}
        </div>
        <button type="button" className="link-button" onClick={onChangeEmail}>
          {t('signIn.changeEmail')}
        </button>
        <p className="text-dns-14N-130 text-solid-gray-700">{t('signIn.notArrived')}</p>
        {devMail && (
          <p className="text-dns-14N-130 text-solid-gray-700">
            {t('signIn.devMailNote')} <Link to="/dev/mail">{t('signIn.devMailLink')}</Link>
          </p>
        )}
      </div>
    </>
  );
}
