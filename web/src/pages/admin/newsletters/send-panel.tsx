import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Newsletter, useSendNewsletter, useTestSend } from '../../../api/newsletters.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { InfoNotice, SuccessNotice } from '../../../components/notice.tsx';
import { useConsole } from '../console-context.ts';

/** Test send to oneself, then the real send: the server refuses the send until the test is current. */
export function SendPanel({
  newsletter,
  dirty,
  audience,
}: {
  newsletter: Newsletter;
  dirty: boolean;
  audience: number;
}) {
  const { t } = useTranslation();
  const admin = useConsole();
  const test = useTestSend(admin.tenant, newsletter.id);
  const send = useSendNewsletter(admin.tenant, newsletter.id);
  const [asking, setAsking] = useState(false);
  const sendButton = useRef<HTMLButtonElement>(null);
  const canSend = newsletter.testIsCurrent && !dirty;

  return (
    <section aria-labelledby="send-heading" className="mt-10 max-w-3xl border-t border-solid-gray-420 pt-6">
      <h2 id="send-heading" className="mb-3 text-std-20B-150">
        {t('adminNewsletters.send.heading')}
      </h2>
      <p className="mb-4">
        {dirty
          ? t('adminNewsletters.send.saveFirst')
          : newsletter.testIsCurrent
            ? t('adminNewsletters.send.testCurrent')
            : newsletter.testSentAt
              ? t('adminNewsletters.send.testStale')
              : t('adminNewsletters.send.testFirst')}
      </p>
      <div className="mb-4 flex flex-wrap gap-4">
        <button
          type="button"
          className="button-secondary"
          aria-disabled={dirty || test.isPending}
          onClick={() => {
            if (!dirty && !test.isPending) test.mutate();
          }}
        >
          {test.isPending ? t('adminNewsletters.send.testing') : t('adminNewsletters.send.test')}
        </button>
        <button
          ref={sendButton}
          type="button"
          className="button-primary"
          aria-disabled={!canSend}
          onClick={() => {
            if (canSend) setAsking(true);
          }}
        >
          {t('adminNewsletters.send.send')}
        </button>
      </div>
      {test.data && (
        <SuccessNotice>
          {test.data.email && (
            <span className="block">{t('adminNewsletters.send.testSentEmail', { email: test.data.email })}</span>
          )}
          {test.data.pushDevices > 0 && (
            <span className="block">{t('adminNewsletters.send.testSentPush', { count: test.data.pushDevices })}</span>
          )}
        </SuccessNotice>
      )}
      {test.isError && <ErrorNotice title={t('adminNewsletters.send.testError')} error={test.error} headingLevel={3} />}
      {send.isError && <ErrorNotice title={t('adminNewsletters.send.sendError')} error={send.error} headingLevel={3} />}
      {send.isPending && <InfoNotice>{t('adminNewsletters.send.sending')}</InfoNotice>}
      <ConfirmDialog
        open={asking}
        title={t('adminNewsletters.send.confirmTitle')}
        confirmLabel={t('adminNewsletters.send.confirm')}
        busyLabel={t('adminNewsletters.send.sending')}
        cancelLabel={t('adminNewsletters.send.keep')}
        busy={send.isPending}
        tone="primary"
        returnFocus={sendButton}
        onClose={() => setAsking(false)}
        onConfirm={() => send.mutate(undefined, { onSettled: () => setAsking(false) })}
      >
        <p>{t('adminNewsletters.send.confirmText', { subject: newsletter.subject, count: audience })}</p>
      </ConfirmDialog>
    </section>
  );
}
