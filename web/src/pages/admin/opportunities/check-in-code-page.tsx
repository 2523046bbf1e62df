import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCheckInCode, useOpportunity } from '../../../api/admin-opportunities.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { formatDateTime } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useConsole } from '../console-context.ts';
import { StaffCheckIn } from './opportunity-page.tsx';

/**
 * `/admin/:tenant/opportunities/:id/check-in?session=`: the session's QR code, large, for a tablet at the
 * venue; staff check-in by member id below it for people without a phone.
 */
export function CheckInCodePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const sessionId = params.get('session');
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  const opportunity = useOpportunity(admin.tenant, id);
  const code = useCheckInCode(admin.tenant, id, sessionId);
  usePageTitle(t('adminOpp.qr.title'));
  const session = opportunity.data?.sessions.find((s) => s.id === sessionId);

  return (
    <div>
      <p className="mb-4">
        <Link to={admin.path(`opportunities/${id}`)}>{t('adminOpp.qr.back')}</Link>
      </p>
      <PageHeading>{t('adminOpp.qr.title')}</PageHeading>
      {opportunity.data && (
        <p className="mb-2 text-std-20B-150">
          {opportunity.data.title}
          {session && ` ${formatDateTime(session.startsAt, language)}`}
        </p>
      )}
      <p className="mb-6 max-w-3xl">{t('adminOpp.qr.lead')}</p>
      {sessionId === null && <p>{t('adminOpp.qr.noSession')}</p>}
      {code.isPending && sessionId !== null && <p role="status">{t('admin.loading')}</p>}
      {code.isError && (
        <ErrorNotice title={t('adminOpp.qr.loadError')} error={code.error} onRetry={() => void code.refetch()} />
      )}
      {code.data && (
        <div className="mb-10 flex flex-col items-start gap-4">
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.data.qrSvg)}`}
            alt={t('adminOpp.qr.alt')}
            className="aspect-square w-full max-w-[min(80vh,36rem)] border border-solid-gray-420 bg-white"
          />
          <p>
            {t('adminOpp.qr.validUntil', {
              from: formatDateTime(code.data.validFrom, language),
              until: formatDateTime(code.data.validUntil, language),
            })}
          </p>
        </div>
      )}
      {opportunity.data && admin.can('application.manage') && (
        <div className="max-w-3xl">
          <StaffCheckIn opportunity={opportunity.data} />
        </div>
      )}
    </div>
  );
}
