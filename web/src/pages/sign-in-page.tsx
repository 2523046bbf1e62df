import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { useDevMailAvailable } from '../api/dev-mail.ts';
import { passkeysSupported, signInWithPasskey, signUpWithPasskey } from '../api/passkeys.ts';
import { type SignedIn, startEmailSignIn, useApplySession, useSession, verifyEmailCode } from '../api/session.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { FieldError, SuccessNotice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { PasskeyFailure, useNewPasskeyName } from '../components/passkey-failure.tsx';
import { safeNextPath } from '../next-path.ts';

/** Seconds before another code may be asked for: long enough for the first e-mail to arrive. */
export const RESEND_AFTER_SECONDS = 30;
const CODE_LIFETIME_MS = 15 * 60 * 1000;
const PENDING_KEY = 'furusato.signIn.pending';
// What the API will accept, roughly; it checks the address itself.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The API's limit for a display name (after trimming). */
export const DISPLAY_NAME_MAX = 50;

interface Pending {
  email: string;
  sentAt: number;
}

/** What the sign-out flows leave for this page to say (React Router location state). */
export type Farewell = { kind: 'signedOut' } | { kind: 'signedOutEverywhere'; endedSessions: number };
/** What /account is told after signing in. */
export type Welcome = { created: boolean };

// The code step survives a reload of this tab (a phone browser may drop the page while the person reads
// the e-mail in another app): kept in sessionStorage, which is per tab, until it is used or expires.
function restorePending(): Pending | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as Pending | null;
    if (saved && typeof saved.email === 'string' && Date.now() - saved.sentAt < CODE_LIFETIME_MS) return saved;
  } catch {
    // Unreadable or blocked storage: start from the e-mail step.
  }
  return null;
}

function savePending(pending: Pending | null): void {
  try {
    if (pending) sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    else sessionStorage.removeItem(PENDING_KEY);
  } catch {
    // Not kept across a reload; the flow still works.
  }
}

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const apply = useApplySession();
  const [params] = useSearchParams();
  const location = useLocation();
  const farewell = (location.state as { farewell?: Farewell } | null)?.farewell;
  const next = safeNextPath(params.get('next'), window.location.origin) ?? '/account';

  const [pending, setPending] = useState<Pending | null>(restorePending);
  const [lastEmail, setLastEmail] = useState(pending?.email ?? '');
  // The passkey sign-up step (display name); `back` says what to focus on the first step afterwards.
  const [signingUp, setSigningUp] = useState(false);
  const [back, setBack] = useState<'email' | 'passkeySignUp' | null>(lastEmail === '' ? null : 'email');
  const [welcome, setWelcome] = useState<Welcome | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const movedOn = useRef(false);
  const title = pending ? t('signIn.codeTitle') : signingUp ? t('passkeySignUp.title') : t('signIn.title');

  usePageTitle(title);

  // Entering the code or display-name step is a new page for the person: focus goes to its heading, as
  // after a navigation.
  useEffect(() => {
    if ((pending || signingUp) && movedOn.current) {
      movedOn.current = false;
      heading.current?.focus();
    }
  }, [pending, signingUp]);

  if (session.data?.signedIn) {
    return <Navigate to={next} replace state={welcome ? { welcome } : undefined} />;
  }

  const onSent = (email: string) => {
    const sent = { email, sentAt: Date.now() };
    savePending(sent);
    setLastEmail(email);
    movedOn.current = true;
    setPending(sent);
  };

  const onSignedIn = async (signedIn: SignedIn) => {
    savePending(null);
    // Set before the session changes, so that the redirect above carries it.
    setWelcome({ created: signedIn.createdAccount });
    await apply.signedIn(signedIn);
  };

  return (
    <div className="max-w-xl">
      <PageHeading ref={heading}>{title}</PageHeading>
      {pending ? (
        <CodeStep
          key={pending.email}
          pending={pending}
          onResent={(sentAt) => {
            const resent = { email: pending.email, sentAt };
            savePending(resent);
            setPending(resent);
          }}
          onChangeEmail={() => {
            savePending(null);
            setBack('email');
            setPending(null);
          }}
          onSignedIn={onSignedIn}
        />
      ) : signingUp ? (
        <PasskeySignUpStep
          onBack={() => {
            setBack('passkeySignUp');
            setSigningUp(false);
          }}
          onSignedIn={onSignedIn}
        />
      ) : (
        <div className="flex flex-col gap-10">
          {farewell && (
            <SuccessNotice>
              {farewell.kind === 'signedOut'
                ? t('signIn.signedOut')
                : t('signIn.signedOutEverywhere', { count: farewell.endedSessions })}
            </SuccessNotice>
          )}
          <PasskeyStart
            focusSignUpOnMount={back === 'passkeySignUp'}
            onSignUp={() => {
              movedOn.current = true;
              setSigningUp(true);
            }}
            onSignedIn={onSignedIn}
          />
          <div className="border-t border-solid-gray-200 pt-8">
            <h2 className="mb-3 text-std-20B-150 text-solid-gray-900 md:text-std-24B-150">
              {t('signIn.emailHeading')}
            </h2>
            <EmailStep initialEmail={lastEmail} focusOnMount={back === 'email'} onSent={onSent} />
          </div>
        </div>
      )}
    </div>
  );
}

function KeyIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-6 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    >
      <circle cx="7.5" cy="12" r="4.5" />
      <path d="M12 12h10M18 12v3.5M21 12v2.5" />
    </svg>
  );
}

/** The passkey way in, first: sign in with a passkey on this device, or sign up with one. */
function PasskeyStart({
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

/** Sign-up with a passkey: a display name, then the browser's own prompt; nothing else is asked. */
function PasskeySignUpStep({
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

function EmailStep({
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

function CodeStep({
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
