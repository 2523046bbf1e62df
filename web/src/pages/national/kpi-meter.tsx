import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/index.ts';

/** One KPI: the figure, its ten-year target and the share reached, as text and as a meter. */
export function KpiMeter({
  label,
  value,
  target,
  targetOn,
}: {
  label: string;
  value: number;
  target: number;
  targetOn: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const share = (value / target) * 100;
  return (
    <div className="rounded-8 border border-solid-gray-420 p-4">
      <h3 className="text-std-18B-160 text-solid-gray-900">{label}</h3>
      <p className="text-std-28B-150 text-solid-gray-900">{value.toLocaleString(language)}</p>
      <meter
        className="mt-2 h-4 w-full"
        min={0}
        max={target}
        value={value}
        aria-label={t('national.kpi.meter', { label })}
      />
      <p className="text-dns-16N-130 text-solid-gray-800">
        {t('national.kpi.target', {
          target: target.toLocaleString(language),
          targetOn,
          // Early on the share is far below 1%: keep enough digits to show it moving.
          share: share.toLocaleString(language, { maximumFractionDigits: share < 1 ? 3 : 1 }),
        })}
      </p>
    </div>
  );
}
