import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { type SignedIn, useApplySession, verifyEmailLinkOnce } from '../api/session.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { usePageTitle } from '../components/page-title.ts';
import type { Welcome } from './sign-in-page.tsx';

type State = { kind: 'verifying' } | { kind: 'signedIn'; welcome: Welcome } | { kind: 'failed'; error: unknown };

/** The e-mailed link `/sign-in/email?token=…`: signs in on arrival (one POST per token), then to /account. */
export function EmailLinkPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const apply = useApplySession();
  const [state, setState] = useState<State>(token ? { kind: 'verifying' } : { kind: 'failed', error: null });
  const failed = state.kind === 'failed';
  usePageTitle(failed ? t('emailLink.errorTitle') : t('emailLink.title'));

  // StrictMode runs this twice in development and the page can mount again: verifyEmailLinkOnce shares one
  // request per token, and only the live effect acts on its answer.
  useEffect(() => {
    if (!token) return;
    let live = true;
    verifyEmailLinkOnce(token).then(
      async (signedIn: SignedIn) => {
        if (!live) return;
        await apply.signedIn(signedIn);
        setState({ kind: 'signedIn', welcome: { created: signedIn.createdAccount } });
      },
      (error: unknown) => {
        if (live) setState({ kind: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
  }, [token, apply.signedIn]);

  if (state.kind === 'signedIn') return <Navigate to="/account" replace state={{ welcome: state.welcome }} />;

  return (
    <div className="max-w-xl">
      <PageHeading>{t('emailLink.title')}</PageHeading>
      {state.kind === 'verifying' && (
        <p role="status" className="flex items-center gap-3">
          <span
            aria-hidden="true"
            className="inline-block size-5 animate-spin rounded-full border-2 border-blue-900 border-t-transparent"
          />
          {t('emailLink.verifying')}
        </p>
      )}
      {failed && (
        <>
          {state.error ? (
            <ErrorNotice title={t('emailLink.errorTitle')} error={state.error} />
          ) : (
            <p role="alert">{t('emailLink.missingToken')}</p>
          )}
          <p className="mt-6">
            <Link to="/sign-in" className="button-primary">
              {t('emailLink.backToSignIn')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
