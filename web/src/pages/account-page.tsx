import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, type Ref, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isIdentityErrorCode, useVerificationStatus } from '../api/identity.ts';
import { useMunicipality } from '../api/municipalities.ts';
import { addPasskey, type Passkey, passkeysKey, removePasskey, usePasskeys } from '../api/passkeys.ts';
import { type Person, signOut, signOutEverywhere, useApplySession, useSession } from '../api/session.ts';
import { type Membership, useMemberships } from '../api/staff.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { AlertNotice, SuccessNotice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { PasskeyFailure, useNewPasskeyName } from '../components/passkey-failure.tsx';
import { formatInstantDate } from '../format.ts';
import { useLanguage } from '../i18n/index.ts';
import { signInPath } from '../next-path.ts';
import type { Farewell, Welcome } from './sign-in-page.tsx';

/** A top-level navigation: the API redirects to the My Number Card identity provider and back to /account. */
const IDENTITY_VERIFICATION_START = '/api/v1/identity/verification/start';
const ERROR_CODE = /^[A-Z0-9_]{1,64}$/;

type Verification = { kind: 'done' } | { kind: 'failed'; code: string | null };

/**
 * What this visit was told, once: the welcome after signing in (location state) and the outcome of identity
 * verification (`?verification=done` or `?verification=failed&code=…`). Taken out of the address afterwards,
 * so that a reload or a bookmark does not repeat them.
 */
function useArrivalMessages(): { welcome: Welcome | null; verification: Verification | null } {
  const location = useLocation();
  const navigate = useNavigate();
  const [messages] = useState(() => {
    const params = new URLSearchParams(location.search);
    const outcome = params.get('verification');
    const code = params.get('code');
    const verification: Verification | null =
      outcome === 'done'
        ? { kind: 'done' }
        : outcome === 'failed'
          ? { kind: 'failed', code: code && ERROR_CODE.test(code) ? code : null }
          : null;
    const welcome = (location.state as { welcome?: Welcome } | null)?.welcome ?? null;
    return { welcome, verification };
  });
  const hasArrivalData = location.search !== '' || location.state !== null;
  useEffect(() => {
    if (hasArrivalData) void navigate(location.pathname, { replace: true, state: null });
  }, [hasArrivalData, location.pathname, navigate]);
  return messages;
}

export function AccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [farewell, setFarewell] = useState<Farewell | null>(null);
  const messages = useArrivalMessages();
  usePageTitle(t('account.title'));

  // Signed out, as far as a finished answer says (stale "signed out" data may be being refreshed).
  if (session.data && !session.data.signedIn && !session.isFetching) {
    // After signing out here: the sign-in page says so. Otherwise: sign in first, then come back.
    return farewell ? (
      <Navigate to="/sign-in" replace state={{ farewell }} />
    ) : (
      <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />
    );
  }

  return (
    <div className="max-w-3xl">
      <PageHeading>{t('account.title')}</PageHeading>
      {(session.isPending || (session.data && !session.data.signedIn)) && <p role="status">{t('account.loading')}</p>}
      {session.isError && !session.data && (
        <ErrorNotice title={t('account.loadError')} error={session.error} onRetry={() => void session.refetch()} />
      )}
      {session.data?.signedIn && (
        <AccountDetails person={session.data.person} {...messages} onSignedOut={setFarewell} />
      )}
    </div>
  );
}

function AccountDetails({
  person,
  welcome,
  verification,
  onSignedOut,
}: {
  person: Person;
  welcome: Welcome | null;
  verification: Verification | null;
  onSignedOut: (farewell: Farewell) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="mt-6 flex flex-col gap-10 md:mt-8 md:gap-12">
      {welcome && (
        <SuccessNotice>{welcome.created ? t('account.welcomeCreated') : t('account.welcomeBack')}</SuccessNotice>
      )}
      <Section title={t('account.detailsHeading')}>
        <dl className="grid grid-cols-1 border-t border-solid-gray-200 sm:grid-cols-[12rem_minmax(0,1fr)]">
          {/* Set at a passkey sign-up, where it is the only name the account has. */}
          {person.displayName && (
            <>
              <dt className="pt-3 font-bold text-solid-gray-900 sm:border-b sm:border-solid-gray-200 sm:py-3">
                {t('account.displayName')}
              </dt>
              <dd className="border-b border-solid-gray-200 pb-3 wrap-anywhere sm:pt-3">{person.displayName}</dd>
            </>
          )}
          <dt className="pt-3 font-bold text-solid-gray-900 sm:border-b sm:border-solid-gray-200 sm:py-3">
            {t('account.email')}
          </dt>
          <dd className="border-b border-solid-gray-200 pb-3 wrap-anywhere sm:pt-3">
            {person.email ?? t('account.noEmail')}
          </dd>
        </dl>
      </Section>
      <PasskeySection person={person} />
      <IdentitySection person={person} verification={verification} />
      <StaffSection />
      <SignOutSection onSignedOut={onSignedOut} />
    </div>
  );
}

function Section({
  title,
  children,
  headingRef,
}: {
  title: string;
  children: ReactNode;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2
        id={id}
        ref={headingRef}
        tabIndex={headingRef ? -1 : undefined}
        className="mb-4 text-std-20B-150 text-solid-gray-900 focus:outline-none md:text-std-24B-150"
      >
        {title}
      </h2>
      {children}
    </section>
  );
}

type PasskeyNotice =
  | { kind: 'added' }
  | { kind: 'removed'; name: string }
  | { kind: 'addFailed'; error: unknown }
  | { kind: 'removeFailed'; error: unknown };

function PasskeySection({ person }: { person: Person }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const passkeys = usePasskeys();
  const newPasskeyName = useNewPasskeyName();
  const heading = useRef<HTMLHeadingElement>(null);
  // Where focus goes when the confirmation closes: the remove button, or the heading once that button is gone.
  const focusAfterDialog = useRef<HTMLElement | null>(null);
  const removeButtons = useRef(new Map<string, HTMLButtonElement>());
  const [busy, setBusy] = useState<'add' | 'remove' | null>(null);
  const [confirming, setConfirming] = useState<Passkey | null>(null);
  const [notice, setNotice] = useState<{ notice: PasskeyNotice; attempt: number } | null>(null);
  const items = passkeys.data ?? [];

  const say = (next: PasskeyNotice | null) =>
    setNotice((previous) => (next ? { notice: next, attempt: (previous?.attempt ?? 0) + 1 } : null));
  const refresh = () => queryClient.invalidateQueries({ queryKey: passkeysKey });

  const onAdd = async () => {
    if (busy) return;
    setBusy('add');
    say(null);
    try {
      await addPasskey(newPasskeyName());
      await refresh();
      say({ kind: 'added' });
    } catch (error) {
      say({ kind: 'addFailed', error });
    } finally {
      setBusy(null);
    }
  };

  const onRemove = async (passkey: Passkey) => {
    if (busy) return;
    setBusy('remove');
    say(null);
    try {
      await removePasskey(passkey.id);
      await refresh();
      focusAfterDialog.current = heading.current;
      say({ kind: 'removed', name: passkey.name });
    } catch (error) {
      say({ kind: 'removeFailed', error });
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  };

  const shown = notice?.notice;
  return (
    <Section title={t('passkeys.heading')} headingRef={heading}>
      <p className="mb-4 max-w-prose">{t('passkeys.lead')}</p>
      {shown && (
        <div className="mb-4">
          {shown.kind === 'added' ? (
            <SuccessNotice key={notice.attempt}>{t('passkeys.added')}</SuccessNotice>
          ) : shown.kind === 'removed' ? (
            <SuccessNotice key={notice.attempt}>{t('passkeys.removed', { name: shown.name })}</SuccessNotice>
          ) : shown.kind === 'addFailed' ? (
            <PasskeyFailure
              key={notice.attempt}
              error={shown.error}
              title={t('passkeys.addError')}
              cancelled={t('passkeys.addCancelled')}
              headingLevel={3}
            />
          ) : (
            <ErrorNotice key={notice.attempt} title={t('passkeys.removeError')} error={shown.error} headingLevel={3} />
          )}
        </div>
      )}
      {passkeys.isPending ? (
        <p role="status">{t('passkeys.loading')}</p>
      ) : passkeys.isError ? (
        <ErrorNotice
          title={t('passkeys.loadError')}
          error={passkeys.error}
          headingLevel={3}
          onRetry={() => void passkeys.refetch()}
        />
      ) : items.length === 0 ? (
        <p className="mb-4 font-bold text-solid-gray-900">{t('passkeys.empty')}</p>
      ) : (
        <ul className="mb-4 border-t border-solid-gray-200">
          {items.map((passkey) => (
            <PasskeyItem
              key={passkey.id}
              passkey={passkey}
              language={language}
              removeRef={(button) => {
                if (button) removeButtons.current.set(passkey.id, button);
                else removeButtons.current.delete(passkey.id);
              }}
              onRemove={() => {
                if (busy) return;
                focusAfterDialog.current = removeButtons.current.get(passkey.id) ?? null;
                setConfirming(passkey);
              }}
            />
          ))}
        </ul>
      )}
      {!person.email && items.length === 1 && (
        <p className="mb-4 max-w-prose">{items[0]?.backedUp ? t('passkeys.onlyWaySynced') : t('passkeys.onlyWay')}</p>
      )}
      <button
        type="button"
        className={items.length === 0 && passkeys.isSuccess ? 'button-primary' : 'button-secondary'}
        aria-disabled={busy !== null}
        onClick={onAdd}
      >
        {busy === 'add' ? t('passkeys.adding') : t('passkeys.add')}
      </button>
      <ConfirmDialog
        open={confirming !== null}
        title={t('passkeys.confirmTitle', { name: confirming?.name ?? '' })}
        confirmLabel={t('passkeys.confirm')}
        busyLabel={t('passkeys.removing')}
        cancelLabel={t('account.cancel')}
        busy={busy === 'remove'}
        onConfirm={() => {
          if (confirming) void onRemove(confirming);
        }}
        onClose={() => setConfirming(null)}
        returnFocus={focusAfterDialog}
      >
        <p>{t('passkeys.confirmText')}</p>
      </ConfirmDialog>
    </Section>
  );
}

function PasskeyItem({
  passkey,
  language,
  removeRef,
  onRemove,
}: {
  passkey: Passkey;
  language: string;
  removeRef: (button: HTMLButtonElement | null) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li className="flex flex-col gap-3 border-b border-solid-gray-200 py-4 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
      <div className="min-w-0">
        <p className="mb-1 font-bold text-solid-gray-900 wrap-anywhere">{passkey.name}</p>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-dns-16N-130">
          <dt className="text-solid-gray-700">{t('passkeys.created')}</dt>
          <dd>{formatInstantDate(passkey.createdAt, language)}</dd>
          <dt className="text-solid-gray-700">{t('passkeys.lastUsed')}</dt>
          <dd>{passkey.lastUsedAt ? formatInstantDate(passkey.lastUsedAt, language) : t('passkeys.neverUsed')}</dd>
          <dt className="text-solid-gray-700">{t('passkeys.storage')}</dt>
          <dd>{passkey.backedUp ? t('passkeys.synced') : t('passkeys.thisDeviceOnly')}</dd>
        </dl>
      </div>
      <button
        ref={removeRef}
        type="button"
        className="button-secondary shrink-0 self-start"
        aria-haspopup="dialog"
        // Which passkey, for a list of buttons read out of context; it starts with the visible label.
        aria-label={t('passkeys.removeLabel', { name: passkey.name })}
        onClick={onRemove}
      >
        {t('passkeys.remove')}
      </button>
    </li>
  );
}

function IdentitySection({ person, verification }: { person: Person; verification: Verification | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = useVerificationStatus();
  const verifiedAt = person.identityVerifiedAt ?? status.data?.verifiedAt ?? null;
  // Not offered by this deployment (no provider configured): no button that would end on an error.
  const unavailable = status.data?.available === false;
  return (
    <Section title={t('account.identityHeading')}>
      {verification?.kind === 'done' && (
        <div className="mb-4">
          <SuccessNotice>{t('account.identityDone')}</SuccessNotice>
        </div>
      )}
      {verification?.kind === 'failed' && (
        <div className="mb-4">
          <AlertNotice title={t('account.identityFailedTitle')}>
            <p>
              {isIdentityErrorCode(verification.code)
                ? t(`identityErrors.${verification.code}`)
                : t('account.identityFailed')}
            </p>
            {verification.code && (
              <p className="mt-1 text-dns-14N-130 text-solid-gray-700">
                {t('account.identityFailedCode', { code: verification.code })}
              </p>
            )}
          </AlertNotice>
        </div>
      )}
      {verifiedAt ? (
        <>
          <p className="flex items-center gap-2 font-bold text-success-2">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 shrink-0" fill="currentColor">
              <path d="M12 2 4 5v6c0 5 3.4 9.6 8 11 4.6-1.4 8-6 8-11V5l-8-3Zm-1.2 14.2-3.5-3.5 1.4-1.4 2.1 2.1 4.9-4.9 1.4 1.4-6.3 6.3Z" />
            </svg>
            {t('account.identityVerified', { date: formatInstantDate(verifiedAt, language) })}
          </p>
          {status.data?.registeredMunicipalityCode && (
            <RegisteredMunicipality code={status.data.registeredMunicipalityCode} />
          )}
        </>
      ) : (
        <>
          <p className="mb-2 font-bold text-solid-gray-900">{t('account.identityNotVerified')}</p>
          {status.isPending ? null : unavailable ? (
            <p className="max-w-prose">{t('account.identityUnavailable')}</p>
          ) : (
            <>
              <p className="mb-4 max-w-prose">{t('account.identityExplain')}</p>
              {/* A button, not a form: the CSP's form-action would stop the redirect to the identity provider. */}
              <button
                type="button"
                className="button-primary"
                onClick={() => window.location.assign(IDENTITY_VERIFICATION_START)}
              >
                {t('account.identityStart')}
              </button>
            </>
          )}
        </>
      )}
    </Section>
  );
}

function RegisteredMunicipality({ code }: { code: string }) {
  const { t } = useTranslation();
  const municipality = useMunicipality(code);
  return (
    <dl className="mt-3 flex flex-wrap gap-x-3 text-dns-16N-130">
      <dt className="text-solid-gray-700">{t('account.identityMunicipality')}</dt>
      <dd lang="ja">{municipality.data?.fullName ?? code}</dd>
    </dl>
  );
}

function StaffSection() {
  const { t } = useTranslation();
  const memberships = useMemberships();
  // Residents have no staff roles: no section at all, rather than an empty one.
  if (!memberships.data?.length) return null;
  return (
    <Section title={t('account.staffHeading')}>
      <p className="mb-3">{t('account.staffLead')}</p>
      <table className="w-full border-collapse text-left">
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="py-2 pr-4">
              {t('account.tenant')}
            </th>
            <th scope="col" className="py-2">
              {t('account.role')}
            </th>
          </tr>
        </thead>
        <tbody>
          {memberships.data.map((membership) => (
            <MembershipRow key={membership.tenant} membership={membership} />
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function MembershipRow({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  const national = membership.tenant === 'national';
  const municipality = useMunicipality(national ? undefined : membership.tenant);
  return (
    <tr className="border-b border-solid-gray-200">
      <th scope="row" className="py-3 pr-4 align-top font-normal">
        {national ? (
          t('tenant.national')
        ) : (
          <>
            <span lang="ja" className="block font-bold">
              {municipality.data?.fullName ?? membership.tenant}
            </span>
            <span className="text-dns-14N-130 text-solid-gray-700">
              {t('account.tenantCode')} <span className="tabular-nums">{membership.tenant}</span>
            </span>
          </>
        )}
      </th>
      <td className="py-3 align-top">{t(`role.${membership.role}`)}</td>
    </tr>
  );
}

function SignOutSection({ onSignedOut }: { onSignedOut: (farewell: Farewell) => void }) {
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
