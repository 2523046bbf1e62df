import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { allRedemptions, useMeasures, usePartners, useRedemptions } from '../../../api/admin-measures.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { formatDateTime } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useConsole } from '../console-context.ts';
import { PagedList, usePageParam } from '../paged-list.tsx';
import { MeasuresNav } from './measures-nav.tsx';
import { redemptionsCsv } from './redemptions-csv.ts';

/** `/admin/:tenant/measures/uses`: uses recorded by partners, by measure and partner, and as a CSV file. */
export function UsesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  usePageTitle(t('adminMeasures.uses.title'));
  const [params, setParams] = useSearchParams();
  const measureId = params.get('measure') ?? undefined;
  const partnerId = params.get('partner') ?? undefined;
  const [page, goToPage] = usePageParam();
  const filter = { measureId, partnerId };
  const list = useRedemptions(admin.tenant, filter, page);
  const measures = useMeasures(admin.tenant, 1);
  const partners = usePartners(admin.tenant);
  const measureFilterId = useId();
  const partnerFilterId = useId();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const setFilter = (next: { measure?: string; partner?: string }) => {
    const merged = { measure: measureId, partner: partnerId, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)) as Record<string, string>);
  };

  const download = async () => {
    if (exporting) return;
    setExporting(true);
    setExportError(null);
    try {
      const rows = await allRedemptions(admin.tenant, filter);
      const csv = redemptionsCsv(
        rows,
        {
          scannedAt: t('adminMeasures.uses.scannedAt'),
          recordedAt: t('adminMeasures.uses.recordedAt'),
          measure: t('adminMeasures.uses.measure'),
          partner: t('adminMeasures.uses.partner'),
          cardNumber: t('adminMeasures.uses.cardNumber'),
          tier: t('adminMeasures.uses.tier'),
          offline: t('adminMeasures.uses.offline'),
        },
        t('adminMeasures.uses.yes'),
        t('adminMeasures.uses.no'),
      );
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `redemptions-${admin.tenant}.csv`;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div>
      <PageHeading>{t('adminMeasures.uses.title')}</PageHeading>
      <MeasuresNav />
      <p className="mb-4 max-w-3xl">{t('adminMeasures.uses.lead')}</p>
      <div className="mb-6 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor={measureFilterId} className="block text-std-16B-170">
            {t('adminMeasures.uses.measure')}
          </label>
          <select
            id={measureFilterId}
            className="field appearance-auto md:w-72"
            value={measureId ?? ''}
            onChange={(event) => setFilter({ measure: event.target.value })}
          >
            <option value="">{t('adminMeasures.uses.all')}</option>
            {measures.data?.items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={partnerFilterId} className="block text-std-16B-170">
            {t('adminMeasures.uses.partner')}
          </label>
          <select
            id={partnerFilterId}
            className="field appearance-auto md:w-72"
            value={partnerId ?? ''}
            onChange={(event) => setFilter({ partner: event.target.value })}
          >
            <option value="">{t('adminMeasures.uses.all')}</option>
            {partners.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button-secondary" aria-disabled={exporting} onClick={() => void download()}>
          {exporting ? t('adminMeasures.uses.exporting') : t('adminMeasures.uses.csv')}
        </button>
      </div>
      {exportError !== null && (
        <ErrorNotice title={t('adminMeasures.uses.exportError')} error={exportError} headingLevel={2} />
      )}
      <PagedList
        query={list}
        page={page}
        onPage={goToPage}
        loadError={t('adminMeasures.uses.loadError')}
        empty={t('adminMeasures.uses.empty')}
      >
        {(items, total) => (
          <>
            <p className="mb-2">{t('adminMeasures.uses.count', { count: total })}</p>
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left">
                <caption className="sr-only">{t('adminMeasures.uses.title')}</caption>
                <thead>
                  <tr className="border-b-2 border-solid-gray-600">
                    <th scope="col" className="p-2">
                      {t('adminMeasures.uses.scannedAt')}
                    </th>
                    <th scope="col" className="p-2">
                      {t('adminMeasures.uses.measure')}
                    </th>
                    <th scope="col" className="p-2">
                      {t('adminMeasures.uses.partner')}
                    </th>
                    <th scope="col" className="p-2">
                      {t('adminMeasures.uses.cardNumber')}
                    </th>
                    <th scope="col" className="p-2">
                      {t('adminMeasures.uses.offline')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.id} className="border-b border-solid-gray-420">
                      <td className="p-2">{formatDateTime(r.scannedAt, language)}</td>
                      <td className="p-2">{r.measureTitle}</td>
                      <td className="p-2">{r.partnerName}</td>
                      <td className="p-2 font-mono tabular-nums">{r.cardNumber}</td>
                      <td className="p-2">{r.offline ? t('adminMeasures.uses.yes') : t('adminMeasures.uses.no')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </PagedList>
    </div>
  );
}
