import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DEV_MAIL_PAGE_SIZE, type DevMail, useDevMail } from '../api/dev-mail.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { Pagination } from '../components/pagination.tsx';
import { formatDateTime } from '../format.ts';
import { useLanguage } from '../i18n/index.ts';

/**
 * The developer mailbox: what the service would have e-mailed, when no SMTP server is configured.
 * Newest first, ten to a page (?page=), each body expandable.
 */
export function DevMailPage() {
  const { t } = useTranslation();
  usePageTitle(t('devMail.title'));
  const [params, setParams] = useSearchParams();
  const pageParam = Number(params.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  const result = useDevMail(page);
  const headingId = useId();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const { data } = result;

  // A page past the end (an old bookmark, mail deleted): the last page instead.
  const lastPage = data ? Math.max(1, Math.ceil(data.total / DEV_MAIL_PAGE_SIZE)) : 1;
  useEffect(() => {
    if (data && !result.isPlaceholderData && page > lastPage) {
      setParams(lastPage > 1 ? { page: String(lastPage) } : {}, { replace: true });
    }
  }, [data, result.isPlaceholderData, page, lastPage, setParams]);

  const goTo = (next: number) => {
    setParams(next > 1 ? { page: String(next) } : {});
    listHeading.current?.scrollIntoView({ block: 'start' });
  };

  return (
    <div>
      <PageHeading>{t('devMail.title')}</PageHeading>
      {result.isPending && <p role="status">{t('devMail.loading')}</p>}
      {result.isError && !data && (
        <ErrorNotice title={t('devMail.errorTitle')} error={result.error} onRetry={() => void result.refetch()} />
      )}
      {data === null && <p className="max-w-prose">{t('devMail.unavailable')}</p>}
      {data && (
        <>
          <p className="mb-8 max-w-prose rounded-8 border border-solid-gray-300 bg-solid-gray-50 p-4">
            {t('devMail.note')}
          </p>
          <section aria-labelledby={headingId} aria-busy={result.isFetching}>
            <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
              <h2 id={headingId} ref={listHeading} className="scroll-mt-4 text-std-24B-150 text-solid-gray-900">
                {t('devMail.listHeading')}
                <span className="ml-2 text-std-16N-170 text-solid-gray-700">
                  {t('devMail.count', { count: data.total })}
                </span>
              </h2>
              <button type="button" className="button-secondary min-h-10" onClick={() => void result.refetch()}>
                {t('devMail.refresh')}
              </button>
            </div>
            {data.items.length === 0 ? (
              <p>{t('devMail.empty')}</p>
            ) : (
              <>
                <p className="mb-3 text-dns-16N-130 text-solid-gray-700">
                  {t('devMail.range', {
                    total: data.total,
                    from: (data.page - 1) * data.pageSize + 1,
                    to: (data.page - 1) * data.pageSize + data.items.length,
                  })}
                </p>
                <ul className="divide-y divide-solid-gray-200 border-y border-solid-gray-200">
                  {data.items.map((mail) => (
                    <MailItem key={mail.id} mail={mail} />
                  ))}
                </ul>
                {data.total > DEV_MAIL_PAGE_SIZE && <Pagination page={page} pages={lastPage} onPage={goTo} />}
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function MailItem({ mail }: { mail: DevMail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <li>
      <details className="group">
        <summary className="flex cursor-pointer list-none gap-3 py-4 hover:bg-solid-gray-50 [&::-webkit-details-marker]:hidden">
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            className="mt-1 size-5 shrink-0 text-blue-900 transition-transform group-open:rotate-90"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.5"
          >
            <path d="m9 5 7 7-7 7" />
          </svg>
          <span className="flex min-w-0 flex-col gap-1">
            <span className="text-std-18B-160 text-blue-1000 underline underline-offset-[0.1875rem] wrap-anywhere">
              {mail.subject}
            </span>
            <span className="flex flex-wrap gap-x-6 gap-y-1 text-dns-14N-130 text-solid-gray-700">
              <span className="wrap-anywhere">
                {t('devMail.to')}: {mail.to}
              </span>
              <span>
                {t('devMail.createdAt')}:{' '}
                <time dateTime={mail.createdAt} className="tabular-nums">
                  {formatDateTime(mail.createdAt, language)}
                </time>
              </span>
            </span>
          </span>
        </summary>
        <pre className="mb-4 ml-8 overflow-x-auto rounded-8 border border-solid-gray-200 bg-solid-gray-50 p-4 font-mono text-dns-16N-130 whitespace-pre-wrap wrap-anywhere">
          <MailText text={mail.text} />
        </pre>
      </details>
    </li>
  );
}

/** The body as text, its web addresses as links (the sign-in link among them). */
function MailText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return parts.map((part, index) =>
    index % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never move.
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
