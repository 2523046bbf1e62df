import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { type SignedIn, useApplySession, useSession } from '../api/session.ts';
import { SuccessNotice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { safeNextPath } from '../next-path.ts';
import { CodeStep } from './sign-in/code-step.tsx';
import { EmailStep } from './sign-in/email-step.tsx';
import { PasskeySection } from './sign-in/passkey-section.tsx';
import { PasskeySignUpStep } from './sign-in/passkey-sign-up-step.tsx';
import { type Pending, restorePending, savePending } from './sign-in/pending.ts';

/** What the sign-out flows leave for this page to say (React Router location state). */
export type Farewell = { kind: 'signedOut' } | { kind: 'signedOutEverywhere'; endedSessions: number };
/** What /account is told after signing in. */
export type Welcome = { created: boolean };

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
          <PasskeySection
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
