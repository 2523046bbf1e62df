import { useTranslation } from 'react-i18next';
import { cardNumberOf, type ScanCheck } from '../../api/partner.ts';
import { useLanguage } from '../../i18n/index.ts';

/** What the counter sees at once after a scan: valid, or exactly why not, in words a shop assistant can say. */
export function ScanResult({ check }: { check: ScanCheck }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (check.status !== 'valid') {
    const detail =
      check.status === 'other_municipality'
        ? t('partner.result.other_municipality', { code: check.claims.mun })
        : t(`partner.result.${check.status}`);
    return (
      <div role="alert" className="rounded-8 border-4 border-error-1 bg-red-50 p-4" data-scan={check.status}>
        <p className="text-std-20B-150 text-error-2">{t('partner.result.refusedTitle')}</p>
        <p className="mt-1">{detail}</p>
      </div>
    );
  }
  const { claims } = check;
  const until = new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(new Date(claims.exp * 1000));
  return (
    <div role="status" className="rounded-8 border-4 border-success-1 bg-green-50 p-4" data-scan="valid">
      <p className="text-std-20B-150 text-success-2">{t('partner.result.validTitle')}</p>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
        <dt className="font-bold">{t('partner.result.number')}</dt>
        <dd className="font-mono tabular-nums">{cardNumberOf(claims.sub)}</dd>
        <dt className="font-bold">{t('partner.result.tier')}</dt>
        <dd>{t(`partner.tier.${claims.tier}`)}</dd>
        <dt className="font-bold">{t('partner.result.name')}</dt>
        <dd>{claims.name ?? t('partner.result.nameHidden')}</dd>
        <dt className="font-bold">{t('partner.result.until')}</dt>
        <dd>{until}</dd>
      </dl>
    </div>
  );
}
