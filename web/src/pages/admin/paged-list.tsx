import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Pagination } from '../../components/pagination.tsx';

/** `?page=` of a list: 1 unless a whole number above 1. Turning the page keeps the list's other parameters. */
export function usePageParam(): [number, (page: number) => void] {
  const [params, setParams] = useSearchParams();
  const n = Number(params.get('page'));
  const page = Number.isInteger(n) && n > 1 ? n : 1;
  const goTo = (next: number) =>
    setParams((current) => {
      const kept = new URLSearchParams(current);
      if (next > 1) kept.set('page', String(next));
      else kept.delete('page');
      return kept;
    });
  return [page, goTo];
}

interface PagedQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  data?: { items: T[]; total: number; pageSize: number };
}

/** A console list's loading, error (with retry), empty and paged states around the page's own rendering of the items. */
export function PagedList<T>({
  query,
  page,
  onPage,
  loadError,
  empty,
  children,
}: {
  query: PagedQuery<T>;
  page: number;
  onPage: (page: number) => void;
  loadError: string;
  empty: string;
  children: (items: T[], total: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const { data } = query;
  return (
    <>
      {query.isPending && <p role="status">{t('admin.loading')}</p>}
      {query.isError && <ErrorNotice title={loadError} error={query.error} onRetry={() => void query.refetch()} />}
      {data && data.items.length === 0 && <p>{empty}</p>}
      {data && data.items.length > 0 && children(data.items, data.total)}
      {data && data.total > data.pageSize && (
        <Pagination page={page} pages={Math.ceil(data.total / data.pageSize)} onPage={onPage} />
      )}
    </>
  );
}
