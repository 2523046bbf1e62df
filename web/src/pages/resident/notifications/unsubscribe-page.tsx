import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useUnsubscribe, useUnsubscribeState } from '../../../api/newsletters.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';

/**
 * `/unsubscribe?token=…`, linked from every newsletter. Opening it changes nothing (mail scanners open
 * links); the button does, without signing in: the token is signed for this person and municipality.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.unsubscribe.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const state = useUnsubscribeState(token);
  const unsubscribe = useUnsubscribe(token);
  const done = unsubscribe.data;
  const name = done?.municipalityName ?? state.data?.municipalityName ?? '';

  return (
    <div className="flex max-w-prose flex-col items-start gap-6">
      <PageHeading>{t('notifications.unsubscribe.title')}</PageHeading>
      {token !== '' && state.isPending && <p role="status">{t('notifications.unsubscribe.loading')}</p>}
      {(token === '' || state.isError) && (
        <ErrorNotice title={t('notifications.unsubscribe.invalid')} error={state.error ?? undefined} />
      )}
      {done && <SuccessNotice>{t('notifications.unsubscribe.done', { name })}</SuccessNotice>}
      {!done && state.data && !state.data.subscribed && (
        <SuccessNotice>{t('notifications.unsubscribe.already', { name })}</SuccessNotice>
      )}
      {!done && state.data?.subscribed && (
        <>
          <p className="text-std-18B-160">{t('notifications.unsubscribe.question', { name })}</p>
          <p>{t('notifications.unsubscribe.explain')}</p>
          <button
            type="button"
            className="button-primary"
            aria-disabled={unsubscribe.isPending}
            onClick={() => {
              if (!unsubscribe.isPending) unsubscribe.mutate();
            }}
          >
            {unsubscribe.isPending ? t('notifications.unsubscribe.working') : t('notifications.unsubscribe.confirm')}
          </button>
        </>
      )}
      {unsubscribe.isError && <ErrorNotice title={t('notifications.unsubscribe.error')} error={unsubscribe.error} />}
      {(done || state.data) && (
        <Link to="/settings/notifications" className="inline-flex min-h-11 items-center">
          {t('notifications.unsubscribe.settings')}
        </Link>
      )}
    </div>
  );
}
