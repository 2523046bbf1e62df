import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QUEUE_PAGE_SIZE, usePendingApplications, usePendingProofs } from '../../api/admin-reviews.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { SuccessNotice } from '../../components/notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { Pagination } from '../../components/pagination.tsx';
import { Section } from '../account/section.tsx';
import { ApplicationItem } from './application-item.tsx';
import { useConsole } from './console-context.ts';
import { ProofItem } from './proof-item.tsx';

/** A page number from the address (`?proofs=2`); 1 when absent or not a page number. */
function pageParam(params: URLSearchParams, name: string): number {
  const page = Number(params.get(name));
  return Number.isInteger(page) && page > 1 ? page : 1;
}

/** `/admin/:tenant/reviews`: activity proofs and premium applications waiting for a decision. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const admin = useConsole();
  usePageTitle(t('admin.reviews.title'));
  const [params, setParams] = useSearchParams();
  const canReview = admin.can('activity.review');
  const isMunicipality = admin.municipality?.kind !== 'prefecture';
  const proofsPage = pageParam(params, 'proofs');
  const applicationsPage = pageParam(params, 'applications');
  const proofs = usePendingProofs(admin.tenant, proofsPage, canReview);
  const applications = usePendingApplications(
    admin.tenant,
    applicationsPage,
    admin.can('premium.review') && isMunicipality,
  );

  const setPage = (name: string, page: number) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (page > 1) next.set(name, String(page));
      else next.delete(name);
      return next;
    });

  if (!canReview) {
    return (
      <div className="max-w-prose">
        <PageHeading>{t('admin.reviews.title')}</PageHeading>
        <p>{t('admin.reviews.notAllowed')}</p>
      </div>
    );
  }

  return (
    <div className="max-w-3xl">
      <PageHeading>{t('admin.reviews.title')}</PageHeading>
      <p className="mb-8">{t('admin.reviews.lead')}</p>
      <div className="flex flex-col gap-12">
        {isMunicipality && admin.can('premium.review') && (
          <Queue
            title={t('admin.reviews.applicationsHeading')}
            lead={t('admin.reviews.applicationExplain')}
            result={applications}
            empty={t('admin.reviews.applicationsEmpty')}
            page={applicationsPage}
            onPage={(page) => setPage('applications', page)}
            render={(list, done) =>
              list.items.map((application) => (
                <ApplicationItem key={application.id} application={application} onDecided={done} />
              ))
            }
          />
        )}
        <Queue
          title={t('admin.reviews.proofsHeading')}
          lead={t('admin.reviews.proofExplain')}
          result={proofs}
          empty={t('admin.reviews.proofsEmpty')}
          page={proofsPage}
          onPage={(page) => setPage('proofs', page)}
          render={(list, done) =>
            list.items.map((proof) => <ProofItem key={proof.id} proof={proof} onDecided={done} />)
          }
        />
      </div>
    </div>
  );
}

interface QueuePage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One queue: its heading with the count, what was just decided, the items and the pages. After a
 * decision the item leaves the list, so focus goes to the heading, next to the notice that says what
 * happened.
 */
function Queue<T>({
  title,
  lead,
  result,
  empty,
  page,
  onPage,
  render,
}: {
  title: string;
  lead: string;
  result: UseQueryResult<QueuePage<T>>;
  empty: string;
  page: number;
  onPage: (page: number) => void;
  render: (list: QueuePage<T>, done: (message: string) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { data } = result;
  const pages = data ? Math.max(1, Math.ceil(data.total / QUEUE_PAGE_SIZE)) : 1;
  const done = (message: string) => {
    setNotice(message);
    heading.current?.focus();
  };

  return (
    <Section title={data ? t('admin.reviews.headingCount', { title, count: data.total }) : title} headingRef={heading}>
      <p className="mb-4">{lead}</p>
      <div aria-busy={result.isFetching} className="flex flex-col gap-4">
        {notice && <SuccessNotice>{notice}</SuccessNotice>}
        {result.isPending && <p role="status">{t('admin.loading')}</p>}
        {result.isError && !data && (
          <ErrorNotice
            title={t('admin.reviews.loadError')}
            error={result.error}
            onRetry={() => void result.refetch()}
            headingLevel={3}
          />
        )}
        {data && data.items.length === 0 && <p>{empty}</p>}
        {data && data.items.length > 0 && <ul className="flex flex-col gap-4">{render(data, done)}</ul>}
        {/* Also after the last item of a later page was decided: the way back stays. */}
        {data && (pages > 1 || page > 1) && <Pagination page={page} pages={Math.max(pages, page)} onPage={onPage} />}
      </div>
    </Section>
  );
}
