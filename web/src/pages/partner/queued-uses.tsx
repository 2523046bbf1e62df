import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetUse, syncQueuedUses, useQueuedUses } from '../../api/partner.ts';
import { formatDateTime } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { Section } from '../account/section.tsx';

/**
 * Uses recorded without a network, and what became of each once sent. They are sent on opening the scanner
 * and whenever the network comes back; the button is for a person who does not want to wait.
 */
export function QueuedUses({ online }: { online: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const queue = useQueuedUses();
  const sync = useMutation({
    mutationFn: syncQueuedUses,
    networkMode: 'always',
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['partner-queue'] }),
  });
  const { mutate } = sync;
  useEffect(() => {
    if (online) mutate();
  }, [online, mutate]);

  const uses = queue.data ?? [];
  const pending = uses.filter((u) => u.state === 'pending').length;
  return (
    <Section title={t('partner.queue.title')}>
      {uses.length === 0 ? (
        <p>{t('partner.queue.empty')}</p>
      ) : (
        <>
          <p className="mb-4" role="status">
            {pending > 0 ? t('partner.queue.pending', { count: pending }) : t('partner.queue.allSent')}
          </p>
          <ul className="mb-4 flex flex-col gap-3">
            {uses.map((use) => (
              <li
                key={use.clientUseId}
                className="rounded-8 border border-solid-gray-420 p-3"
                data-use-state={use.state}
              >
                <p className="font-bold">{use.measureTitle}</p>
                <p className="text-dns-16N-130">
                  {t('partner.queue.card', { number: use.cardNumber })}
                  {t('app.listSeparator')}
                  {t('partner.queue.scannedAt', { at: formatDateTime(use.scannedAt, language) })}
                </p>
                <p className={use.state === 'refused' ? 'font-bold text-error-1' : 'font-bold'}>
                  {t(`partner.queue.state.${use.state}`)}
                  {use.problem?.message ? `: ${use.problem.message}` : ''}
                </p>
                {use.state !== 'pending' && (
                  <button
                    type="button"
                    className="link-button mt-1"
                    onClick={() =>
                      void forgetUse(use.clientUseId).then(() =>
                        queryClient.invalidateQueries({ queryKey: ['partner-queue'] }),
                      )
                    }
                  >
                    {t('partner.queue.forget')}
                    <span className="sr-only">{t('partner.queue.card', { number: use.cardNumber })}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {pending > 0 && (
        <button
          type="button"
          className="button-secondary"
          aria-disabled={sync.isPending || !online}
          onClick={() => {
            if (!sync.isPending && online) sync.mutate();
          }}
        >
          {sync.isPending ? t('partner.queue.sending') : t('partner.queue.sendNow')}
        </button>
      )}
      {pending > 0 && !online && <p className="mt-2">{t('partner.queue.waiting')}</p>}
    </Section>
  );
}
