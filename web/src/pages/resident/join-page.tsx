import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProfile } from '../../api/content.ts';
import { useMunicipalitySearch } from '../../api/municipalities.ts';
import {
  createRegistration,
  RELATION_TYPES,
  type Registration,
  SHARED_SCOPES,
  useInvalidateRegistrations,
  useMyRegistrations,
} from '../../api/registrations.ts';
import { type SignedIn, useApplySession, useSignedInPerson } from '../../api/session.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { FieldError, InfoNotice, SuccessNotice } from '../../components/notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { CodeStep } from '../sign-in/code-step.tsx';
import { EmailStep } from '../sign-in/email-step.tsx';
import { PasskeySection } from '../sign-in/passkey-section.tsx';
import { PasskeySignUpStep } from '../sign-in/passkey-sign-up-step.tsx';
import { type Pending, restorePending, savePending } from '../sign-in/pending.ts';
import { type JoinState, restoreJoinState, saveJoinState } from './join-state.ts';

const TOTAL_STEPS = 3;

type Outcome = { kind: 'done'; registration: Registration } | { kind: 'exists'; name: string };

/**
 * `/join/:code` (or `/join` to pick a municipality): registering in at most three screens — the
 * municipality, how the person relates to it, then consents and (when signed out) the e-mail code.
 */
export function JoinPage() {
  const { t } = useTranslation();
  const { code: codeParam } = useParams();
  const navigate = useNavigate();
  const [state, setState] = useState<JoinState>(() => restoreJoinState(codeParam ?? null));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const person = useSignedInPerson();
  const profile = useProfile(state.code ?? undefined);
  const registrations = useMyRegistrations(Boolean(person));
  const name = profile.data?.fullName ?? state.code ?? '';

  const update = (next: Partial<JoinState>) => {
    setState((previous) => {
      const merged = { ...previous, ...next };
      saveJoinState(merged);
      return merged;
    });
  };
  const goTo = (step: JoinState['step']) => {
    moved.current = true;
    update({ step });
  };

  useEffect(() => {
    saveJoinState(state);
  }, [state]);

  // A new screen is a new page for the person: focus goes to its heading, as after a navigation.
  useEffect(() => {
    if (moved.current) {
      moved.current = false;
      heading.current?.focus();
    }
  });

  const already = state.code ? registrations.data?.find((r) => r.municipalityCode === state.code) : undefined;
  const shownOutcome: Outcome | null = outcome ?? (already ? { kind: 'exists', name } : null);

  const stepTitles = [t('resident.join.step1Title'), t('resident.join.step2Title'), t('resident.join.step3Title')];
  const title =
    shownOutcome?.kind === 'done'
      ? t('resident.join.doneTitle')
      : shownOutcome?.kind === 'exists'
        ? t('resident.join.existsTitle')
        : stepTitles[state.step - 1];
  usePageTitle(title ?? t('resident.join.title'));

  const finish = (result: Outcome) => {
    saveJoinState(null);
    moved.current = true;
    setOutcome(result);
  };

  if (shownOutcome) {
    const code = state.code ?? '';
    return (
      <div className="max-w-xl">
        <PageHeading ref={heading}>{title}</PageHeading>
        {shownOutcome.kind === 'done' ? (
          <SuccessNotice>{t('resident.join.doneText', { name })}</SuccessNotice>
        ) : (
          <InfoNotice>{t('resident.join.existsText', { name: shownOutcome.name })}</InfoNotice>
        )}
        <div className="mt-6 flex flex-wrap gap-4">
          <Link to={`/card/${code}`} className="button-primary">
            {t('resident.join.toCard')}
          </Link>
          <Link to="/home" className="button-secondary">
            {t('resident.join.toHome')}
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="max-w-xl">
      <p className="mb-1 text-dns-16B-130 text-solid-gray-700" data-join-step={state.step}>
        {t('resident.join.stepOf', { step: state.step, total: TOTAL_STEPS })}
      </p>
      <PageHeading ref={heading}>{title}</PageHeading>
      {state.step === 1 && (
        <MunicipalityStep
          state={state}
          name={name}
          profile={profile}
          onPick={(code) => {
            update({ code });
            navigate(`/join/${code}`, { replace: true });
          }}
          onChange={() => {
            update({ code: null });
            navigate('/join', { replace: true });
          }}
          onNext={() => goTo(2)}
        />
      )}
      {state.step === 2 && (
        <RelationStep
          selected={state.relationTypes}
          onChange={(relationTypes) => update({ relationTypes })}
          onBack={() => goTo(1)}
          onNext={() => goTo(3)}
        />
      )}
      {state.step === 3 && (
        <FinalStep
          state={state}
          signedInName={person ? (person.displayName ?? person.email ?? '') : null}
          onChange={update}
          onBack={() => goTo(2)}
          onDone={finish}
          name={name}
        />
      )}
    </div>
  );
}

function MunicipalityStep({
  state,
  name,
  profile,
  onPick,
  onChange,
  onNext,
}: {
  state: JoinState;
  name: string;
  profile: ReturnType<typeof useProfile>;
  onPick: (code: string) => void;
  onChange: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  if (!state.code) return <MunicipalityPicker onPick={onPick} />;
  return (
    <div className="flex flex-col items-start gap-6">
      {profile.isPending && <p role="status">{t('resident.loading')}</p>}
      {profile.isError && <ErrorNotice title={t('resident.public.errorTitle')} error={profile.error} />}
      {profile.data && (
        <>
          <p>{t('resident.join.confirmLead')}</p>
          <p className="rounded-16 border-2 border-blue-900 p-5 text-std-24B-150 text-solid-gray-900" lang="ja">
            {name}
          </p>
          {profile.data.participating ? (
            <button type="button" className="button-primary min-w-40" onClick={onNext}>
              {t('resident.join.next')}
            </button>
          ) : (
            <InfoNotice>{t('resident.join.notParticipating')}</InfoNotice>
          )}
        </>
      )}
      <button type="button" className="link-button" onClick={onChange}>
        {t('resident.join.change')}
      </button>
    </div>
  );
}

function MunicipalityPicker({ onPick }: { onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const search = useMunicipalitySearch({ q: query.trim(), prefecture: '', page: 1 });
  const items = query.trim() ? (search.data?.items ?? []) : [];
  return (
    <div className="flex flex-col gap-4">
      <p>{t('resident.join.pickLead')}</p>
      <label htmlFor={id} className="text-std-16B-170 text-solid-gray-900">
        {t('search.queryLabel')}
      </label>
      <input
        id={id}
        type="search"
        value={query}
        className="field"
        autoComplete="off"
        onChange={(event) => setQuery(event.target.value)}
      />
      <ul className="flex flex-col gap-2" aria-live="polite">
        {items.map((m) => {
          const open = Boolean(m.joinedAt) && m.kind !== 'ward';
          return (
            <li key={m.code}>
              {open ? (
                <button type="button" className="button-secondary w-full justify-start" onClick={() => onPick(m.code)}>
                  {t('resident.join.pick', { name: m.fullName })}
                </button>
              ) : (
                <p className="px-4 py-2 text-solid-gray-700">
                  {m.fullName}: {t('resident.join.pickNotParticipating')}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function RelationStep({
  selected,
  onChange,
  onBack,
  onNext,
}: {
  selected: number[];
  onChange: (types: number[]) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const errorId = useId();
  const [error, setError] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (selected.length === 0) {
      setError(true);
      first.current?.focus();
      return;
    }
    onNext();
  };
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col items-start gap-6">
      <p>{t('resident.join.step2Lead')}</p>
      <fieldset aria-describedby={error ? errorId : undefined} className="w-full">
        <legend className="mb-2 text-std-16B-170 text-solid-gray-900">{t('resident.join.relationLegend')}</legend>
        {error && <FieldError id={errorId}>{t('resident.join.relationRequired')}</FieldError>}
        <div className="flex flex-col gap-3">
          {RELATION_TYPES.map((type, index) => {
            const key = String(type) as '1';
            const helpId = `${errorId}-help-${type}`;
            return (
              <label
                key={type}
                className="flex cursor-pointer gap-3 rounded-8 border border-solid-gray-420 p-4 has-checked:border-2 has-checked:border-blue-900"
              >
                <input
                  ref={index === 0 ? first : undefined}
                  type="checkbox"
                  checked={selected.includes(type)}
                  aria-describedby={helpId}
                  className="mt-1 size-6 shrink-0 accent-blue-900"
                  onChange={(event) => {
                    setError(false);
                    onChange(
                      event.target.checked
                        ? [...selected, type].sort()
                        : selected.filter((selectedType) => selectedType !== type),
                    );
                  }}
                />
                <span>
                  <span className="block text-std-16B-170 text-solid-gray-900">{t(`resident.relation.${key}`)}</span>
                  <span id={helpId} className="block text-dns-16N-130 text-solid-gray-800">
                    {t(`resident.relationHelp.${key}`)}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-4">
        <button type="submit" className="button-primary min-w-40">
          {t('resident.join.next')}
        </button>
        <button type="button" className="button-secondary" onClick={onBack}>
          {t('resident.join.back')}
        </button>
      </div>
    </form>
  );
}

function FinalStep({
  state,
  signedInName,
  name,
  onChange,
  onBack,
  onDone,
}: {
  state: JoinState;
  signedInName: string | null;
  name: string;
  onChange: (next: Partial<JoinState>) => void;
  onBack: () => void;
  onDone: (outcome: Outcome) => void;
}) {
  const { t } = useTranslation();
  const apply = useApplySession();
  const invalidate = useInvalidateRegistrations();
  const [pending, setPending] = useState<Pending | null>(restorePending);
  const [passkeySignUp, setPasskeySignUp] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const register = async () => {
    if (busy || !state.code) return;
    setBusy(true);
    setFailure(null);
    try {
      const consents = [...state.shared, ...(state.news ? ['news'] : [])];
      const registration = await createRegistration(
        { municipalityCode: state.code, relationTypes: state.relationTypes, consents },
        state.idempotencyKey,
      );
      void invalidate();
      onDone({ kind: 'done', registration });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'REGISTRATION_EXISTS') {
        void invalidate();
        onDone({ kind: 'exists', name });
        return;
      }
      setFailure((previous) => ({ error, attempt: (previous?.attempt ?? 0) + 1 }));
      setBusy(false);
    }
  };

  // Entering the code is the last thing the person does: it signs in and registers at once.
  const onSignedIn = async (signedIn: SignedIn) => {
    savePending(null);
    await apply.signedIn(signedIn);
    setPending(null);
    await register();
  };

  return (
    <div className="flex flex-col gap-8">
      <fieldset>
        <legend className="mb-1 text-std-16B-170 text-solid-gray-900">{t('resident.join.consentLegend')}</legend>
        <p className="mb-2 text-dns-16N-130 text-solid-gray-800">{t('resident.join.consentHint')}</p>
        {SHARED_SCOPES.map((scope) => (
          <label key={scope} className="flex min-h-11 cursor-pointer items-center gap-3 py-1">
            <input
              type="checkbox"
              checked={state.shared.includes(scope)}
              className="size-6 shrink-0 accent-blue-900"
              onChange={(event) =>
                onChange({
                  shared: event.target.checked
                    ? [...state.shared, scope]
                    : state.shared.filter((shared) => shared !== scope),
                })
              }
            />
            <span>{t(`resident.scope.${scope}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend className="mb-1 text-std-16B-170 text-solid-gray-900">{t('resident.join.newsLegend')}</legend>
        {[true, false].map((value) => (
          <label key={String(value)} className="flex min-h-11 cursor-pointer items-center gap-3 py-1">
            <input
              type="radio"
              name="news"
              checked={state.news === value}
              className="size-6 shrink-0 accent-blue-900"
              onChange={() => onChange({ news: value })}
            />
            <span>{value ? t('resident.join.newsYes') : t('resident.join.newsNo')}</span>
          </label>
        ))}
      </fieldset>

      {failure && <ErrorNotice key={failure.attempt} title={t('resident.join.submitError')} error={failure.error} />}

      {signedInName !== null ? (
        <div className="flex flex-col items-start gap-4">
          <p className="wrap-anywhere">{t('resident.join.signedInAs', { name: signedInName })}</p>
          <div className="flex flex-wrap gap-4">
            <button type="button" className="button-primary min-w-40" aria-disabled={busy} onClick={register}>
              {busy ? t('resident.join.submitting') : t('resident.join.submit')}
            </button>
            <button type="button" className="button-secondary" onClick={onBack}>
              {t('resident.join.back')}
            </button>
          </div>
        </div>
      ) : (
        <section aria-labelledby="join-account" className="border-t border-solid-gray-200 pt-6">
          <h2 id="join-account" className="mb-2 text-std-20B-150 text-solid-gray-900">
            {t('resident.join.accountHeading')}
          </h2>
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
                setPending(null);
              }}
              onSignedIn={onSignedIn}
            />
          ) : passkeySignUp ? (
            <PasskeySignUpStep onBack={() => setPasskeySignUp(false)} onSignedIn={onSignedIn} />
          ) : (
            <div className="flex flex-col gap-8">
              {/* A passkey signs up (or in) without a mail round trip; the e-mail code stays for every device. */}
              <PasskeySection
                focusSignUpOnMount={false}
                onSignUp={() => setPasskeySignUp(true)}
                onSignedIn={onSignedIn}
              />
              <div>
                <h2 className="mb-3 text-std-20B-150 text-solid-gray-900 md:text-std-24B-150">
                  {t('residentAccount.emailHeading')}
                </h2>
                <p className="mb-4">{t('resident.join.accountLead')}</p>
                <EmailStep
                  initialEmail=""
                  focusOnMount={false}
                  onSent={(email) => {
                    const sent = { email, sentAt: Date.now() };
                    savePending(sent);
                    setPending(sent);
                  }}
                />
              </div>
            </div>
          )}
          <button type="button" className="button-secondary mt-6" onClick={onBack}>
            {t('resident.join.back')}
          </button>
        </section>
      )}
    </div>
  );
}
