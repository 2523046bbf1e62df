import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { updateConsents, withdrawRegistration } from '../../../api/privacy.ts';
import {
  type Registration,
  SHARED_SCOPES,
  useInvalidateRegistrations,
  useMyRegistrations,
} from '../../../api/registrations.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { Section } from '../../account/section.tsx';

/** What each municipality may see and whether it may send news; withdrawing from it. */
export function ConsentsSection() {
  const { t } = useTranslation();
  const registrations = useMyRegistrations();
  const [withdrawn, setWithdrawn] = useState<string | null>(null);
  const items = registrations.data ?? [];
  // A prefecture registration follows from its municipalities' (the server refuses to end it before them).
  const heldByMunicipality = (registration: Registration) =>
    registration.kind === 'prefecture' &&
    items.some(
      (other) =>
        other.kind !== 'prefecture' && other.municipalityCode.slice(0, 2) === registration.municipalityCode.slice(0, 2),
    );
  return (
    <Section title={t('residentPrivacy.consentsHeading')}>
      <p className="mb-4 max-w-prose">{t('residentPrivacy.consentsLead')}</p>
      {withdrawn && (
        <div className="mb-4">
          <SuccessNotice>{t('residentPrivacy.withdrawn', { name: withdrawn })}</SuccessNotice>
        </div>
      )}
      {registrations.isPending && <p role="status">{t('residentPrivacy.loading')}</p>}
      {registrations.isError && (
        <ErrorNotice
          headingLevel={3}
          title={t('residentPrivacy.loadError')}
          error={registrations.error}
          onRetry={() => void registrations.refetch()}
        />
      )}
      {registrations.data &&
        (items.length === 0 ? (
          <div className="flex flex-col items-start gap-4">
            <p>{t('residentPrivacy.noRegistrations')}</p>
            <Link to="/municipalities" className="button-secondary">
              {t('residentPrivacy.findMunicipality')}
            </Link>
          </div>
        ) : (
          <ul className="flex flex-col gap-6">
            {items.map((registration) => (
              <RegistrationConsents
                key={registration.id}
                registration={registration}
                canWithdraw={!heldByMunicipality(registration)}
                onWithdrawn={setWithdrawn}
              />
            ))}
          </ul>
        ))}
    </Section>
  );
}

function RegistrationConsents({
  registration,
  canWithdraw,
  onWithdrawn,
}: {
  registration: Registration;
  canWithdraw: boolean;
  onWithdrawn: (name: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const invalidate = useInvalidateRegistrations();
  const name = registration.municipalityName;
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const [shared, setShared] = useState<string[]>(() =>
    registration.consents.filter((scope) => (SHARED_SCOPES as readonly string[]).includes(scope)),
  );
  const [news, setNews] = useState(registration.consents.includes('news'));
  const [busy, setBusy] = useState<'save' | 'withdraw' | null>(null);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<{ title: string; error: unknown; attempt: number } | null>(null);

  const fail = (title: string, error: unknown) =>
    setFailure((previous) => ({ title, error, attempt: (previous?.attempt ?? 0) + 1 }));

  const save = async () => {
    if (busy) return;
    setBusy('save');
    setSaved(false);
    setFailure(null);
    try {
      await updateConsents(registration.municipalityCode, [...shared, ...(news ? ['news'] : [])]);
      setSaved(true);
      void invalidate();
    } catch (error) {
      fail(t('residentPrivacy.saveError'), error);
    } finally {
      setBusy(null);
    }
  };

  const withdraw = async () => {
    setBusy('withdraw');
    setFailure(null);
    try {
      await withdrawRegistration(registration.municipalityCode);
      onWithdrawn(name);
      await invalidate();
    } catch (error) {
      setConfirming(false);
      setBusy(null);
      fail(t('residentPrivacy.withdrawError'), error);
    }
  };

  return (
    <li className="rounded-16 border border-solid-gray-420 p-5">
      <h3 className="text-std-20B-150 text-solid-gray-900" lang="ja">
        {name}
      </h3>
      {registration.implicit && <p className="text-dns-14N-130">{t('residentPrivacy.implicit')}</p>}
      <form
        className="mt-3 flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend className="mb-1 text-std-16B-170 text-solid-gray-900">
            {t('residentPrivacy.sharedLegend', { name })}
          </legend>
          {SHARED_SCOPES.map((scope) => (
            <label key={scope} className="flex min-h-11 cursor-pointer items-center gap-3 py-1">
              <input
                type="checkbox"
                checked={shared.includes(scope)}
                className="size-6 shrink-0 accent-blue-900"
                onChange={(event) => {
                  setSaved(false);
                  setShared((previous) =>
                    event.target.checked ? [...previous, scope] : previous.filter((item) => item !== scope),
                  );
                }}
              />
              <span>{t(`resident.scope.${scope}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-std-16B-170 text-solid-gray-900">
            {t('residentPrivacy.newsLegend', { name })}
          </legend>
          {[true, false].map((value) => (
            <label key={String(value)} className="flex min-h-11 cursor-pointer items-center gap-3 py-1">
              <input
                type="radio"
                name={`${id}-news`}
                checked={news === value}
                className="size-6 shrink-0 accent-blue-900"
                onChange={() => {
                  setSaved(false);
                  setNews(value);
                }}
              />
              <span>{value ? t('residentPrivacy.newsYes') : t('residentPrivacy.newsNo')}</span>
            </label>
          ))}
        </fieldset>
        {saved && <SuccessNotice>{t('residentPrivacy.saved', { name })}</SuccessNotice>}
        {failure && <ErrorNotice key={failure.attempt} headingLevel={3} title={failure.title} error={failure.error} />}
        <div className="flex flex-wrap gap-4">
          <button type="submit" className="button-primary" aria-disabled={busy !== null}>
            {busy === 'save' ? t('residentPrivacy.saving') : t('residentPrivacy.save', { name })}
          </button>
          {canWithdraw && (
            <button
              ref={withdrawButton}
              type="button"
              className="button-secondary"
              aria-haspopup="dialog"
              aria-disabled={busy !== null}
              onClick={() => {
                if (!busy) setConfirming(true);
              }}
            >
              {t('residentPrivacy.withdraw', { name })}
            </button>
          )}
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('residentPrivacy.withdrawTitle', { name })}
        confirmLabel={t('residentPrivacy.withdrawConfirm')}
        busyLabel={t('residentPrivacy.withdrawing')}
        cancelLabel={t('residentPrivacy.cancel')}
        busy={busy === 'withdraw'}
        onConfirm={() => void withdraw()}
        onClose={() => setConfirming(false)}
        returnFocus={withdrawButton}
      >
        <p>{t('residentPrivacy.withdrawText')}</p>
      </ConfirmDialog>
    </li>
  );
}
