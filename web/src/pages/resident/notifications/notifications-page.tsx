import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useInvalidatePushSubscriptions, usePushSubscriptions } from '../../../api/newsletters.ts';
import { updateConsents } from '../../../api/privacy.ts';
import { type Registration, useInvalidateRegistrations, useMyRegistrations } from '../../../api/registrations.ts';
import { useSession } from '../../../api/session.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { signInPath } from '../../../next-path.ts';
import { Section } from '../../account/section.tsx';
import { currentSubscription, disablePush, enablePush, pushSupported } from './push-setting.ts';

/** `/settings/notifications`: news by e-mail per municipality (the registration's consent) and push on this device. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const session = useSession();
  usePageTitle(t('notifications.title'));
  if (session.data && !session.data.signedIn && !session.isFetching) {
    return <Navigate to={signInPath('/settings/notifications')} replace />;
  }
  return (
    <div className="max-w-3xl">
      <PageHeading>{t('notifications.title')}</PageHeading>
      <p className="max-w-prose">{t('notifications.lead')}</p>
      {!session.data?.signedIn && <p role="status">{t('notifications.signIn')}</p>}
      {session.data?.signedIn && (
        <div className="mt-8 flex flex-col gap-10">
          <EmailSection />
          <PushSection />
        </div>
      )}
    </div>
  );
}

function EmailSection() {
  const { t } = useTranslation();
  const registrations = useMyRegistrations();
  return (
    <Section title={t('notifications.email.heading')}>
      <p className="mb-3">{t('notifications.email.lead')}</p>
      {registrations.isError && (
        <ErrorNotice
          title={t('notifications.email.loadError')}
          error={registrations.error}
          onRetry={() => void registrations.refetch()}
          headingLevel={3}
        />
      )}
      {registrations.data?.length === 0 && <p>{t('notifications.email.none')}</p>}
      <ul className="flex flex-col gap-2">
        {registrations.data?.map((r) => (
          <NewsToggle key={r.municipalityCode} registration={r} />
        ))}
      </ul>
    </Section>
  );
}

function NewsToggle({ registration }: { registration: Registration }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateRegistrations();
  const on = registration.consents.includes('news');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ saved: true } | { error: unknown } | null>(null);
  const change = async (next: boolean) => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      const others = registration.consents.filter((c) => c !== 'news');
      await updateConsents(registration.municipalityCode, next ? [...others, 'news'] : others);
      setOutcome({ saved: true });
      void invalidate();
    } catch (error) {
      setOutcome({ error });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li>
      <label className="flex min-h-11 cursor-pointer items-center gap-3 py-1">
        <input
          type="checkbox"
          className="size-6 shrink-0 accent-blue-900"
          checked={on}
          aria-busy={busy}
          onChange={(event) => void change(event.target.checked)}
        />
        <span>{t('notifications.email.toggle', { name: registration.municipalityName })}</span>
      </label>
      {outcome && 'saved' in outcome && <SuccessNotice>{t('notifications.email.saved')}</SuccessNotice>}
      {outcome && 'error' in outcome && (
        <ErrorNotice title={t('notifications.email.saveError')} error={outcome.error} headingLevel={3} />
      )}
    </li>
  );
}

function PushSection() {
  const { t } = useTranslation();
  const supported = pushSupported();
  const known = usePushSubscriptions(supported);
  const invalidate = useInvalidatePushSubscriptions();
  const [here, setHere] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!supported || !known.data) return;
    const items = known.data.items;
    void currentSubscription().then((s) => setHere(s !== null && items.some((k) => k.endpoint === s.endpoint)));
  }, [supported, known.data]);

  const toggle = async () => {
    if (busy || !known.data) return;
    setBusy(true);
    setError(null);
    try {
      if (here) await disablePush(known.data.items);
      else await enablePush(known.data.publicKey);
      await invalidate();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('notifications.push.heading')}>
      <p className="mb-3">{t('notifications.push.lead')}</p>
      {!supported && <p>{t('notifications.push.unsupported')}</p>}
      {supported && Notification.permission === 'denied' && <p>{t('notifications.push.denied')}</p>}
      {supported && here !== null && (
        <>
          <p className="mb-3" aria-live="polite">
            {here ? t('notifications.push.on') : t('notifications.push.off')}
          </p>
          <button type="button" className="button-secondary" aria-disabled={busy} onClick={() => void toggle()}>
            {busy
              ? t('notifications.push.working')
              : here
                ? t('notifications.push.disable')
                : t('notifications.push.enable')}
          </button>
        </>
      )}
      {(error !== null || known.isError) && (
        <ErrorNotice title={t('notifications.push.error')} error={error ?? known.error} headingLevel={3} />
      )}
    </Section>
  );
}
