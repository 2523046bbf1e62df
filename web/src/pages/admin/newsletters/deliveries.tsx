import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DELIVERY_STATUSES, type DeliveryStatus, type Newsletter, useDeliveries } from '../../../api/newsletters.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import { formatDateTime } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useConsole } from '../console-context.ts';

/** Counts by status, then each recipient's delivery, filtered by status and paged. */
export function Deliveries({ newsletter }: { newsletter: Newsletter }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  const filterId = useId();
  const [status, setStatus] = useState<DeliveryStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const live = newsletter.status === 'sending';
  const list = useDeliveries(admin.tenant, newsletter.id, { status, page }, live);
  const total = newsletter.recipientCount ?? 0;
  const done = total - newsletter.counts.queued - newsletter.counts.retrying;

  return (
    <section aria-labelledby="deliveries-heading" className="mt-10">
      <h2 id="deliveries-heading" className="mb-3 text-std-20B-150">
        {t('adminNewsletters.deliveries.heading')}
      </h2>
      <p className="mb-2 font-bold" aria-live="polite">
        {t(`adminNewsletters.status.${newsletter.status}`)}
        {t('app.listSeparator')}
        {t('adminNewsletters.deliveries.progress', { done, total })}
      </p>
      {newsletter.sendStartedAt && (
        <p className="mb-4 text-solid-gray-700">
          {t('adminNewsletters.deliveries.startedAt', { at: formatDateTime(newsletter.sendStartedAt, language) })}
        </p>
      )}
      <dl className="mb-6 grid max-w-3xl grid-cols-2 gap-3 sm:grid-cols-3">
        {DELIVERY_STATUSES.map((s) => (
          <div key={s} className="rounded-8 border border-solid-gray-420 p-3">
            <dt className="text-dns-14N-130 text-solid-gray-700">{t(`adminNewsletters.deliveryStatus.${s}`)}</dt>
            <dd className="text-std-20B-150">{newsletter.counts[s].toLocaleString(language)}</dd>
          </div>
        ))}
      </dl>
      <div className="mb-4">
        <label htmlFor={filterId} className="block text-std-16B-170">
          {t('adminNewsletters.deliveries.filter')}
        </label>
        <select
          id={filterId}
          className="field appearance-auto md:w-60"
          value={status ?? ''}
          onChange={(event) => {
            setStatus((event.target.value || undefined) as DeliveryStatus | undefined);
            setPage(1);
          }}
        >
          <option value="">{t('adminNewsletters.deliveries.all')}</option>
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`adminNewsletters.deliveryStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <p className="mb-2 text-dns-14N-130 text-solid-gray-700">{t('adminNewsletters.deliveries.auditNote')}</p>
      {list.isError && (
        <ErrorNotice
          title={t('adminNewsletters.deliveries.loadError')}
          error={list.error}
          onRetry={() => void list.refetch()}
          headingLevel={3}
        />
      )}
      {list.data && list.data.items.length === 0 && <p>{t('adminNewsletters.deliveries.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] border-collapse text-left">
            <caption className="sr-only">{t('adminNewsletters.deliveries.caption')}</caption>
            <thead>
              <tr className="border-b-2 border-solid-gray-420">
                {(['seq', 'recipient', 'channel', 'status', 'attempts', 'lastError', 'updatedAt'] as const).map((c) => (
                  <th key={c} scope="col" className="p-2">
                    {t(`adminNewsletters.deliveries.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => (
                <tr key={`${d.seq}`} className="border-b border-solid-gray-200">
                  <td className="p-2">{d.seq + 1}</td>
                  <td className="p-2">{d.recipient ?? t('adminNewsletters.deliveries.nameWithheld')}</td>
                  <td className="p-2">{t(`adminNewsletters.channel.${d.channel}`)}</td>
                  <td className="p-2">{t(`adminNewsletters.deliveryStatus.${d.status}`)}</td>
                  <td className="p-2">{d.attempts}</td>
                  <td className="p-2 break-all">{d.lastError ?? ''}</td>
                  <td className="p-2 whitespace-nowrap">{formatDateTime(d.updatedAt, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && list.data.total > list.data.pageSize && (
        <Pagination page={page} pages={Math.ceil(list.data.total / list.data.pageSize)} onPage={setPage} />
      )}
    </section>
  );
}
