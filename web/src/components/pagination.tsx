import { useTranslation } from 'react-i18next';

/** Previous / "page n of m" / next. Shared by every paged list. */
export function Pagination({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const first = page <= 1;
  const last = page >= pages;
  // aria-disabled rather than disabled: a button that disables itself under the keyboard would drop focus.
  return (
    <nav aria-label={t('pagination.label')} className="mt-6 flex flex-wrap items-center justify-between gap-2">
      <button
        type="button"
        className="button-secondary whitespace-nowrap"
        aria-disabled={first}
        onClick={() => {
          if (!first) onPage(page - 1);
        }}
      >
        <span aria-hidden="true">←</span>
        {t('pagination.previous')}
      </button>
      <p className="text-center text-dns-16N-130 whitespace-nowrap">{t('pagination.pageOf', { page, pages })}</p>
      <button
        type="button"
        className="button-secondary whitespace-nowrap"
        aria-disabled={last}
        onClick={() => {
          if (!last) onPage(page + 1);
        }}
      >
        {t('pagination.next')}
        <span aria-hidden="true">→</span>
      </button>
    </nav>
  );
}
